package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Topic {@link Topics#COPRS}, keyed by copr name: what repo-worker needs to shape repositories. */
public sealed interface CoprEvent extends Event {

  String copr();

  @JsonTypeName("copr_created")
  @RegisterForReflection
  record Created(String copr, String owner, List<String> chroots) implements CoprEvent {}

  @JsonTypeName("chroots_added")
  @RegisterForReflection
  record ChrootsAdded(String copr, List<String> chroots) implements CoprEvent {}

  /** The chroots' repositories and every package in them are to be removed. */
  @JsonTypeName("chroots_removed")
  @RegisterForReflection
  record ChrootsRemoved(String copr, List<String> chroots) implements CoprEvent {}

  /**
   * The copr's dependencies changed (its settings, or a dependency copr was deleted): builds
   * requested from now on add exactly these coprs' repositories to the buildroot.
   */
  @JsonTypeName("dependencies_changed")
  @RegisterForReflection
  record DependenciesChanged(String copr, List<String> dependencies) implements CoprEvent {}

  @JsonTypeName("copr_deleted")
  @RegisterForReflection
  record Deleted(String copr) implements CoprEvent {}

  /**
   * The package's published builds (in every chroot) are to be removed. {@code buildIds} lists them
   * when there are at most {@link #MAX_BUILD_IDS}; for a package with more it is empty, which means
   * every build of the package, so that no package makes an event too large for the broker.
   */
  @JsonTypeName("package_deleted")
  @RegisterForReflection
  record PackageDeleted(String copr, String packageName, List<Long> buildIds) implements CoprEvent {
    public static final int MAX_BUILD_IDS = 1000;

    /** The event for these builds, or for every build when they are more than the event holds. */
    public static PackageDeleted of(String copr, String packageName, List<Long> buildIds) {
      return new PackageDeleted(
          copr, packageName, buildIds.size() <= MAX_BUILD_IDS ? buildIds : List.of());
    }
  }

  /**
   * Some builds of one package were deleted (API v3's build delete), the package stays: their
   * folders are to be removed from the copr's repositories. {@code buildIds} is never empty (an
   * empty list is refused, so that no event of this type removes a whole package).
   */
  @JsonTypeName("builds_deleted")
  @RegisterForReflection
  record BuildsDeleted(String copr, String packageName, List<Long> buildIds) implements CoprEvent {
    public static final int MAX_BUILD_IDS = PackageDeleted.MAX_BUILD_IDS;
  }

  /**
   * A build of the copr succeeded and api-service, which knows the build, asks for it to be
   * published: repo-worker takes {@code results/<build_id>/<attempt>/} (derived from the ids, never
   * a path from an event) into the chroot's repository. Keyed by copr like every change of the
   * copr, so it is never applied after the copr's or the package's deletion.
   */
  @JsonTypeName("publish_requested")
  @RegisterForReflection
  record PublishRequested(
      String copr,
      String chroot,
      String packageName,
      long buildId,
      int attempt,
      List<BuildStatus.Artifact> artifacts)
      implements CoprEvent {}
}
