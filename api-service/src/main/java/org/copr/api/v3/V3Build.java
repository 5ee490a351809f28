package org.copr.api.v3;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A v3 build: one {@link org.copr.api.build.Submission} (its id is the build's), with a
 * build-chroot per build of it. Times are Unix epoch seconds.
 */
@RegisterForReflection
public record V3Build(
    long id,
    String state,
    String ownername,
    String projectname,
    String projectDirname,
    String repoUrl,
    SourcePackage sourcePackage,
    Long submittedOn,
    Long startedOn,
    Long endedOn,
    String submitter,
    List<String> chroots,
    boolean isBackground) {

  /** The uploaded SRPM; {@code url} where it is published, once a build-chroot succeeded. */
  @RegisterForReflection
  public record SourcePackage(String name, String version, String url) {}
}
