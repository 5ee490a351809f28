package org.copr.repo.repository;

import java.util.List;
import org.copr.contracts.CoprEvent;

/** One thing to do to a repository; its writer applies queued changes in order, in batches. */
public sealed interface RepoChange {

  /** Make the repository exist with valid (possibly empty) metadata. */
  record Create() implements RepoChange {}

  /** Remove the repository with every package in it. */
  record Remove() implements RepoChange {}

  /**
   * Remove the build folders of these builds; with no ids, every build folder of the package (ids
   * are safer: a package re-created under the same name keeps its new builds).
   */
  record RemoveBuilds(List<Long> buildIds, String packageName) implements RepoChange {}

  /** Move a succeeded build's packages in and report the outcome on the build status topic. */
  record Publish(CoprEvent.PublishRequested build) implements RepoChange {}

  /** After a start: finish whatever a crash interrupted (metadata, unreported builds). */
  record Repair() implements RepoChange {}
}
