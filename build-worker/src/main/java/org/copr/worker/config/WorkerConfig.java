package org.copr.worker.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

  /**
   * The worker's name in heartbeats and events, and its identity on the bus: the Kafka user {@code
   * worker.<id>} whose password this worker has, and its topics {@code copr.workers.<id>.*}.
   * Required; letters, digits, {@code -} and {@code _}.
   */
  String id();

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

  /** How many of the log's last lines a failed build's event carries (at most 4 KiB of them). */
  @WithDefault("30")
  int logTailLines();

  Log log();

  /**
   * mock's site configuration, read at start: it must set {@code chrootuid} to a uid of the builds'
   * own (not root, not the worker's).
   */
  @WithDefault("/etc/mock/site-defaults.cfg")
  Path mockConfig();

  Sandbox sandbox();

  Results results();

  /** What a build may hand over (src-docs/build-worker.md, "Bounds"). */
  interface Results {
    /** The total of the result files, each counted at its apparent size (a sparse file whole). */
    @WithDefault("8G")
    MemorySize maxSize();

    /** How many entries the result folder may hold. */
    @WithDefault("1000")
    int maxFiles();
  }

  interface Log {
    /** An attempt whose log grows past this is stopped and fails with that reason. */
    @WithDefault("64M")
    MemorySize maxSize();

    /** A longer line is cut there (never held whole in memory) and marked so in the log. */
    @WithDefault("16K")
    MemorySize maxLine();
  }

  /** The local backend: rpmbuild in bubblewrap (src-docs/build-worker.md, "The sandbox"). */
  interface Sandbox {
    /**
     * When the worker runs as root, slot {@code n} builds as host uid {@code uid-base + n}, which
     * nothing else uses, so that the process limit counts that build's processes alone.
     */
    @WithDefault("64000")
    int uidBase();

    /** Processes (threads included) one build may have at once: RLIMIT_NPROC of its uid. */
    @WithDefault("512")
    int processes();

    /** The size of the build's private folder (a tmpfs), and of any one file it writes. */
    @WithDefault("4G")
    MemorySize buildSize();

    /**
     * BuildRequires the host toolchain provides beyond the programs and files on its read-only /usr
     * (a BuildRequires named like a program on the sandbox's PATH, or an existing path, is provided
     * already).
     */
    Optional<List<String>> hostProvides();

    /**
     * The memory one build may use, its tmpfs build folder included; default three quarters of the
     * machine's memory (or of the worker's cgroup limit) divided by the slots.
     */
    Optional<MemorySize> memory();

    /** CPU time one process of a build may use (RLIMIT_CPU); default the build's timeout. */
    Optional<Duration> cpuTime();
  }

  enum Backend {
    MOCK,
    /** rpmbuild in a bubblewrap sandbox with the BuildRequires installed into its own root. */
    SANDBOX,
    /** mock when it is on the PATH, the sandbox otherwise. */
    AUTO
  }
}
