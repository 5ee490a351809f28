package org.copr.worker.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.copr.contracts.StorageLayout;

/** Who this worker is and where the shared storage is, resolved once at start. */
@ApplicationScoped
public class ThisWorker {
  private final WorkerConfig config;
  private final String id;
  private final String incarnation = UUID.randomUUID().toString();
  private final Instant startedAt = Instant.now();
  private final StorageLayout storage;
  private final Path workDir;
  private final String path;

  public ThisWorker(WorkerConfig config) {
    this.config = config;
    this.id = config.id();
    if (!org.copr.contracts.Topics.isWorkerId(id)) {
      throw new IllegalArgumentException(
          "copr.worker.id must be letters, digits, - and _ (it names the worker's Kafka topics): "
              + id);
    }
    this.storage = new StorageLayout(config.storage().toAbsolutePath());
    this.workDir =
        config
            .workDir()
            .orElse(Path.of(System.getProperty("java.io.tmpdir"), "copr-build-worker"))
            .toAbsolutePath();
    this.path = config.path().orElse(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    if (config.slots() < 1) {
      throw new IllegalArgumentException("copr.worker.slots must be at least 1");
    }
  }

  public String id() {
    return id;
  }

  /** New at every start of this process: how the scheduler tells a restart under the same id. */
  public String incarnation() {
    return incarnation;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public String arch() {
    return config.arch();
  }

  public int slots() {
    return config.slots();
  }

  /**
   * Sends a status event on this worker's own reports topic, which only its Kafka user may write
   * and only the scheduler reads; the scheduler forwards what it accepts on copr.builds.status.
   */
  public void report(
      org.copr.runtime.kafka.KeyedSender sender, org.copr.contracts.BuildStatus event) {
    sender.send(org.copr.contracts.Topics.workerReports(id), Long.toString(event.buildId()), event);
  }

  public StorageLayout storage() {
    return storage;
  }

  public Path workDir() {
    return workDir;
  }

  /** The PATH builders are found in and run with. */
  public String path() {
    return path;
  }

  public WorkerConfig config() {
    return config;
  }
}
