package org.copr.worker.builder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.copr.runtime.process.ExternalCommand;
import org.copr.worker.config.ThisWorker;
import org.copr.worker.config.WorkerConfig;
import org.copr.worker.config.WorkerConfig.Backend;
import org.jboss.logging.Logger;

/** Chooses the builder at start, so that a worker without its builder fails at once, loudly. */
@ApplicationScoped
public class Builders {
  private static final Logger LOG = Logger.getLogger(Builders.class);

  @Produces
  @ApplicationScoped
  Builder builder(ThisWorker worker) {
    Builder builder =
        choose(
            worker.config().backend(),
            worker.path(),
            worker.config().sandbox(),
            worker.workDir(),
            worker.slots());
    LOG.infof(
        "worker %s (%s, %d slots) builds with %s at %s",
        worker.id(), worker.arch(), worker.slots(), builder.name(), builder.executable());
    if (builder instanceof MockBuilder) {
      MockBuilder.checkBuildUid(worker.config().mockConfig(), workerUid());
    }
    if (builder instanceof SandboxBuilder sandbox) {
      MemoryBudget m = sandbox.memory();
      LOG.infof(
          "each build may use %s of memory: a %s build folder and %s per process",
          MemoryBudget.shown(m.total()),
          MemoryBudget.shown(m.buildFolder()),
          MemoryBudget.shown(m.perProcess()));
    }
    return builder;
  }

  /**
   * Beside the work folder, not in it: the work folder holds only the running attempts' folders.
   */
  static Path hostProvidesCache(Path workDir) {
    return workDir.resolveSibling(workDir.getFileName() + "-host-provides");
  }

  public static Builder choose(
      Backend backend, String path, WorkerConfig.Sandbox sandbox, Path workDir) {
    return choose(backend, path, sandbox, workDir, 1);
  }

  public static Builder choose(
      Backend backend, String path, WorkerConfig.Sandbox sandbox, Path workDir, int slots) {
    Optional<Path> mock = find("mock", path);
    return switch (backend) {
      case MOCK -> new MockBuilder(mock.orElseThrow(() -> missing("mock", path)));
      case SANDBOX -> sandbox(path, sandbox, workDir, slots);
      case AUTO ->
          mock.<Builder>map(MockBuilder::new)
              .orElseGet(() -> sandbox(path, sandbox, workDir, slots));
    };
  }

  private static Builder sandbox(
      String path, WorkerConfig.Sandbox sandbox, Path workDir, int slots) {
    return new SandboxBuilder(
        find("bwrap", path).orElseThrow(() -> missing("bwrap", path)),
        find("rpmbuild", path).orElseThrow(() -> missing("rpmbuild", path)),
        find("prlimit", path).orElseThrow(() -> missing("prlimit", path)),
        find("setpriv", path),
        find("dnf", path),
        find("unshare", path).orElseThrow(() -> missing("unshare", path)),
        sandbox,
        workDir,
        hostProvidesCache(workDir),
        path,
        slots);
  }

  private static int workerUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (java.io.IOException | UnsupportedOperationException e) {
      throw new IllegalStateException("cannot tell the worker's uid", e);
    }
  }

  /** Looks a program up the way a shell would; Java's own lookup ignores a changed PATH. */
  public static Optional<Path> find(String program, String path) {
    return ExternalCommand.find(program, path);
  }

  private static IllegalStateException missing(String program, String path) {
    return new IllegalStateException(
        program + " is not on the PATH (" + path + "); install it or set copr.worker.backend");
  }
}
