package org.copr.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Everything a build worker is told; every key can also be set by environment variable. */
@ConfigMapping(prefix = "copr.worker")
public interface WorkerConfig {

  /**
   * The shared storage root ({@code COPR_WORKER_STORAGE}): srpms/ read, results/ and logs/ written.
   */
  Path storage();

  /** The architecture this worker builds for; it consumes only that arch's dispatch topic. */
  @WithDefault("x86_64")
  String arch();

  /** How many builds run at once. */
  @WithDefault("2")
  int slots();

  @WithDefault("auto")
  Backend backend();

  /** The worker's name in heartbeats and events; default: host name plus a random suffix. */
  Optional<String> id();

  @WithDefault("5s")
  Duration heartbeatInterval();

  /** Used when a dispatch carries no timeout of its own ({@code timeout_seconds} 0). */
  @WithDefault("3h")
  Duration buildTimeout();

  /** Between SIGTERM and SIGKILL when a builder is stopped. */
  @WithDefault("10s")
  Duration killGrace();

  /** How long shutdown waits for running builds before it kills them. */
  @WithDefault("10m")
  Duration drainTimeout();

  /** Where private build folders are made; default {@code <java.io.tmpdir>/copr-build-worker}. */
  Optional<Path> workDir();

  /** The PATH builders are looked up in and run with; default the worker's own PATH. */
  Optional<String> path();

  /** How many of the log's last lines a failed build's event carries. */
  @WithDefault("30")
  int logTailLines();

  Rpmbuild rpmbuild();

  interface Rpmbuild {
    /**
     * Pass {@code --nodeps}: rpmbuild cannot install BuildRequires, so without it every package
     * that has any fails at once.
     */
    @WithDefault("true")
    boolean nodeps();
  }

  enum Backend {
    MOCK,
    RPMBUILD,
    /** mock when it is on the PATH, rpmbuild otherwise. */
    AUTO
  }
}
