package org.copr.worker;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.StorageLayout;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.copr.worker.config.ThisWorker;

/** Real SRPMs on the test's shared storage and the dispatches that ask for them. */
public final class Dispatches {
  /** Build ids unique across test runs on one broker, whose topics outlive a test class. */
  private static final AtomicLong IDS =
      new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 100);

  private Dispatches() {}

  public static long nextId() {
    return IDS.incrementAndGet();
  }

  /** The worker every test class runs as: its identity on the test broker (KafkaTestResource). */
  public static final String WORKER = "test-worker";

  /** The worker's reports topic: its heartbeats and status events, which only it writes. */
  public static String reports() {
    return Topics.workerReports(WORKER);
  }

  public static String bootstrap() {
    return KafkaBroker.shared().bootstrapServers();
  }

  /**
   * A package whose %build says it sleeps and then sleeps {@code seconds}: the marker to look for.
   */
  public static String sleepingSpec(String name, int seconds) {
    return TestRpms.spec(name, "1.0", TestRpms.Options.defaults())
        .replace("%build\n", "%build\necho 'about to sleep'\nsleep " + seconds + "\n");
  }

  /**
   * Dispatches a package whose %build sleeps for long; returns the sleep's command line, by which
   * the test finds its process.
   */
  public static String dispatchSleeping(
      ThisWorker worker, long id, String chroot, String name, long timeoutSeconds) {
    int seconds = 3000 + (int) (id % 1000);
    dispatch(worker, id, chroot, name, sleepingSpec(name, seconds), timeoutSeconds);
    return "sleep " + seconds;
  }

  /** The SRPM goes where api-service keeps uploads: {@code srpms/<sha256>.src.rpm}. */
  public static BuildSpec spec(
      StorageLayout storage, long id, String chroot, String name, Path srpm, List<String> repos) {
    try {
      String sha256 =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(srpm)));
      Path stored = storage.srpm(sha256);
      Files.createDirectories(stored.getParent());
      Files.copy(srpm, stored, StandardCopyOption.REPLACE_EXISTING);
      return new BuildSpec(
          id, "copr-" + id, "alice", name, chroot, storage.relativize(stored), sha256, repos);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Builds the SRPM from {@code specText} into srpms/<id>/ and dispatches attempt 1 of it to the
   * worker.
   */
  public static BuildSpec dispatch(
      ThisWorker worker,
      long id,
      String chroot,
      String name,
      String specText,
      long timeoutSeconds) {
    StorageLayout storage = worker.storage();
    Path srpm = TestRpms.srpmFromSpec(storage.srpms().resolve(Long.toString(id)), name, specText);
    BuildSpec spec = spec(storage, id, chroot, name, srpm, List.of());
    send(to(worker, spec, 1, timeoutSeconds));
    return spec;
  }

  /** A dispatch addressed to the worker as it runs now, as the scheduler would send it. */
  public static BuildDispatch to(
      ThisWorker worker, BuildSpec spec, int attempt, long timeoutSeconds) {
    return new BuildDispatch(spec, attempt, timeoutSeconds, worker.id(), worker.incarnation());
  }

  /** Sends the dispatch; returns its offset in its worker's dispatch topic. */
  public static long send(BuildDispatch dispatch) {
    return TopicProbe.send(
        bootstrap(),
        Topics.workerDispatch(dispatch.workerId()),
        Long.toString(dispatch.build().buildId()),
        dispatch);
  }

  /**
   * Waits until a worker has handled every dispatch up to {@code offset}: its consumer {@code
   * group} committed past it. What the worker did not do by then, it did not do for that dispatch.
   */
  public static void awaitHandled(String group, String workerId, long offset) {
    Properties p = new Properties();
    p.putAll(KafkaBroker.shared().admin());
    try (Admin admin = Admin.create(p)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  admin
                      .listConsumerGroupOffsets(group)
                      .partitionsToOffsetAndMetadata()
                      .get()
                      .entrySet()
                      .stream()
                      .anyMatch(
                          e ->
                              e.getKey().topic().equals(Topics.workerDispatch(workerId))
                                  && e.getValue() != null
                                  && e.getValue().offset() > offset));
    }
  }

  public static boolean processRuns(String marker) {
    return ProcessHandle.allProcesses()
        .anyMatch(h -> h.info().commandLine().orElse("").contains(marker));
  }

  public static void awaitProcess(String marker) {
    await().atMost(Duration.ofSeconds(60)).until(() -> processRuns(marker));
  }

  public static void awaitNoProcess(String marker) {
    await().atMost(Duration.ofSeconds(60)).until(() -> !processRuns(marker));
  }
}
