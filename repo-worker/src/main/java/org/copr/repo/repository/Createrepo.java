package org.copr.repo.repository;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.copr.repo.Children;
import org.copr.repo.RepoWorkerConfig;
import org.copr.repo.Tree;
import org.copr.runtime.process.ExternalCommand;
import org.jboss.logging.Logger;

/**
 * Runs createrepo_c on one repository folder. createrepo_c writes {@code .repodata/} and swaps it
 * for {@code repodata/} at the end, so readers see the old or the new metadata, never half of it.
 * Callers are the repository's only writer, so a {@code .repodata/} found here is a crash's
 * leftover.
 */
@ApplicationScoped
public class Createrepo {
  private static final Logger LOG = Logger.getLogger(Createrepo.class);

  /** What a failure's log line and reason keep of the output. */
  public static final int TAIL = 2000;

  private final RepoWorkerConfig.Createrepo config;
  private final Timer success;
  private final Timer failure;

  Createrepo(RepoWorkerConfig config, MeterRegistry registry) {
    this.config = config.createrepo();
    this.success = timer(registry, "success");
    this.failure = timer(registry, "failure");
  }

  private static Timer timer(MeterRegistry registry, String outcome) {
    return Timer.builder("copr.repo.createrepo.duration")
        .description("Time one createrepo_c run took")
        .tag("outcome", outcome)
        .publishPercentiles(0.5, 0.95)
        .register(registry);
  }

  /**
   * Refreshes the metadata of {@code repo}.
   *
   * @param update reuse the metadata of unchanged packages; false when a package file was replaced
   *     under the same name, which {@code --update} could take for unchanged
   */
  public ExternalCommand.Result run(Path repo, boolean update) {
    removeLeftover(repo);
    List<String> command = new ArrayList<>();
    command.add(config.command());
    if (update && Files.isDirectory(repo.resolve("repodata"))) {
      command.add("--update");
    }
    if (config.noDatabase()) {
      command.add("--no-database");
    }
    command.add("--workers");
    command.add(Integer.toString(config.workers()));
    config.extraArgs().ifPresent(command::addAll);
    command.add(repo.toString());

    long start = System.nanoTime();
    ExternalCommand.Result result = Children.run(command, config.timeout());
    (result.ok() ? success : failure).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    if (!result.ok()) {
      LOG.errorf(
          "createrepo_c failed on %s (exit %d): %s", repo, result.exitCode(), result.tail(TAIL));
      removeLeftover(repo);
    }
    return result;
  }

  /** How many runs have finished, for tests and the benchmark. */
  public long runs() {
    return success.count() + failure.count();
  }

  private static void removeLeftover(Path repo) {
    Path temp = repo.resolve(".repodata");
    if (Files.exists(temp)) {
      LOG.warnf("removing %s left by an interrupted createrepo_c run", temp);
      try {
        Tree.delete(temp);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
