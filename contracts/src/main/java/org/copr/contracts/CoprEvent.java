package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Topic {@link Topics#COPRS}, keyed by copr name: what repo-worker needs to shape repositories. */
public sealed interface CoprEvent extends Event {

  String copr();

  @JsonTypeName("copr_created")
  @RegisterForReflection
  record Created(
      UUID eventId,
      Instant occurredAt,
      int schemaVersion,
      String copr,
      String owner,
      List<String> chroots)
      implements CoprEvent {
    public Created(String copr, String owner, List<String> chroots) {
      this(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, copr, owner, chroots);
    }
  }

  @JsonTypeName("chroots_added")
  @RegisterForReflection
  record ChrootsAdded(
      UUID eventId, Instant occurredAt, int schemaVersion, String copr, List<String> chroots)
      implements CoprEvent {
    public ChrootsAdded(String copr, List<String> chroots) {
      this(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, copr, chroots);
    }
  }

  /** The chroots' repositories and every package in them are to be removed. */
  @JsonTypeName("chroots_removed")
  @RegisterForReflection
  record ChrootsRemoved(
      UUID eventId, Instant occurredAt, int schemaVersion, String copr, List<String> chroots)
      implements CoprEvent {
    public ChrootsRemoved(String copr, List<String> chroots) {
      this(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, copr, chroots);
    }
  }

  /**
   * The copr's dependencies changed (its settings, or a dependency copr was deleted): builds
   * requested from now on add exactly these coprs' repositories to the buildroot.
   */
  @JsonTypeName("dependencies_changed")
  @RegisterForReflection
  record DependenciesChanged(
      UUID eventId, Instant occurredAt, int schemaVersion, String copr, List<String> dependencies)
      implements CoprEvent {
    public DependenciesChanged(String copr, List<String> dependencies) {
      this(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, copr, dependencies);
    }
  }

  @JsonTypeName("copr_deleted")
  @RegisterForReflection
  record Deleted(UUID eventId, Instant occurredAt, int schemaVersion, String copr)
      implements CoprEvent {
    public Deleted(String copr) {
      this(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, copr);
    }
  }

  /**
   * The package's published builds (in every chroot) are to be removed. {@code buildIds} lists them
   * when there are at most {@link #MAX_BUILD_IDS}; for a package with more it is empty, which means
   * every build of the package, so that no package makes an event too large for the broker.
   */
  @JsonTypeName("package_deleted")
  @RegisterForReflection
  record PackageDeleted(
      UUID eventId,
      Instant occurredAt,
      int schemaVersion,
      String copr,
      String packageName,
      List<Long> buildIds)
      implements CoprEvent {
    public static final int MAX_BUILD_IDS = 1000;

    public PackageDeleted(String copr, String packageName, List<Long> buildIds) {
      this(
          UUID.randomUUID(),
          Instant.now(),
          SCHEMA_VERSION,
          copr,
          packageName,
          buildIds.size() <= MAX_BUILD_IDS ? buildIds : List.of());
    }
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
      UUID eventId,
      Instant occurredAt,
      int schemaVersion,
      String copr,
      String chroot,
      String packageName,
      long buildId,
      int attempt,
      List<BuildStatus.Artifact> artifacts)
      implements CoprEvent {
    public PublishRequested(
        String copr,
        String chroot,
        String packageName,
        long buildId,
        int attempt,
        List<BuildStatus.Artifact> artifacts) {
      this(
          UUID.randomUUID(),
          Instant.now(),
          SCHEMA_VERSION,
          copr,
          chroot,
          packageName,
          buildId,
          attempt,
          artifacts);
    }
  }
}
