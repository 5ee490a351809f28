package org.copr.worker.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.copr.contracts.StorageLayout;

/** Who this worker is and where the shared storage is, resolved once at start. */
@ApplicationScoped
public class Worker {
  private final WorkerConfig config;
  private final String id;
  private final String incarnation = UUID.randomUUID().toString();
  private final Instant startedAt = Instant.now();
  private final StorageLayout storage;
  private final Path workDir;
  private final String path;

  public Worker(WorkerConfig config) {
    this.config = config;
    this.id = config.id().orElseGet(Worker::defaultId);
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

  /** In Kubernetes HOSTNAME is the pod name; the suffix keeps two workers on one host apart. */
  private static String defaultId() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "worker";
      }
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 6);
  }
}
