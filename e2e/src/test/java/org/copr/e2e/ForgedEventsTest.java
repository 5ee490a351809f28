package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.BuildStatus.Artifact;
import org.copr.contracts.EventJson;
import org.copr.contracts.TopicAccess;
import org.copr.contracts.Topics;
import org.copr.testing.Dnf;
import org.copr.testing.Processes;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A build host taken over by an attacker, against the running system: with its build-worker's own
 * Kafka credentials and its write access to results/, it forges {@code finished} events to get its
 * owner's package into another account's repository or to make repo-worker touch other folders. Its
 * credentials write only its own reports topic, so every forgery meets the scheduler's judge:
 * nothing is published or deleted, the forgeries are dead-lettered with the reason, and the next
 * honest build is published as before. (WorkerIdentityTest tries the other worker's attempts and
 * names.)
 */
class ForgedEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FORGER = "build-worker-x86_64-1";

  private static Path work;
  private static Stack stack;

  @BeforeAll
  static void up() throws Exception {
    work = Files.createTempDirectory("copr-e2e-forged-");
    stack = new Stack(work.resolve("stack"), 1);
    stack.up();
    for (String user : List.of("alice", "mallory")) {
      stack.newUser(user, user + "-secret-1");
    }
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void forgedFinishedEventsPublishNothingDeleteNothingAndTheNextBuildIsPublished()
      throws Exception {
    ok(copr("alice", "create-copr", "victim", "--release", "fedora-40"));
    ok(copr("alice", "create-pkg", "victim", srpm("hello-victim").toString()));
    // mallory's copr also builds for aarch64, which no worker of this stack serves: that build
    // stays pending, an id the forger can name.
    ok(copr("mallory", "create-copr", "mine", "--release", "fedora-40", "-a", "x86_64,aarch64"));
    ok(copr("mallory", "create-pkg", "--nowait", "mine", srpm("hello-evil").toString()));
    long evil = buildOf("mine", "hello-evil", "fedora-40-x86_64");
    long pending = buildOf("mine", "hello-evil", "fedora-40-aarch64");
    awaitState(evil, "succeeded");
    ok(copr("mallory", "create-copr", "gone", "--release", "fedora-40"));
    ok(copr("mallory", "create-pkg", "gone", srpm("hello-gone").toString()));
    long gone = buildOf("gone", "hello-gone", "fedora-40-x86_64");
    ok(copr("mallory", "delete-copr", "gone"));

    Map<String, Long> reposBefore = files(stack.storage().resolve("repos"));
    List<String> victimBefore = available("victim");
    assertThat(victimBefore).contains("hello-victim").doesNotContain("hello-evil");

    Artifact evilRpm =
        new Artifact(
            "hello-evil-1.0-1.x86_64.rpm",
            "hello-evil",
            null,
            "1.0",
            "1",
            "x86_64",
            "0".repeat(64));
    BuildStatus.Finished foreignCopr =
        finished(evil, 1, "victim", "fedora-40-x86_64", "hello-evil", results(evil, 1), evilRpm);
    BuildStatus.Finished resultsPath =
        finished(pending, 1, "mine", "fedora-40-aarch64", "hello-evil", ".", evilRpm);
    BuildStatus.Finished deletedCopr =
        finished(gone, 2, "gone", "fedora-40-x86_64", "hello-gone", results(gone, 2), evilRpm);
    try (TopicProbe dlq = new TopicProbe(stack.kafka("admin"), Topics.REPORTS_DEAD_LETTER);
        KafkaProducer<String, String> forger = producer()) {
      for (BuildStatus.Finished forged : List.of(foreignCopr, resultsPath, deletedCopr)) {
        send(forger, forged);
      }
      for (BuildStatus.Finished forged : List.of(foreignCopr, resultsPath, deletedCopr)) {
        dlq.awaitRecord(r -> TopicProbe.carries(r, forged), Duration.ofSeconds(60));
      }
    }

    // A result that is a link to the victim's published RPM, for the pending build the forger
    // claims to have been dispatched and to have finished: the scheduler never dispatched it.
    Path victimRpm;
    try (Stream<Path> rpms = Files.walk(stack.storage().resolve("repos/victim"))) {
      victimRpm =
          rpms.filter(p -> p.toString().endsWith(".rpm") && !p.toString().endsWith(".src.rpm"))
              .findFirst()
              .orElseThrow();
    }
    Path planted = stack.storage().resolve(results(pending, 1));
    Files.createDirectories(planted);
    Artifact linked =
        new Artifact(
            "hello-evil-1.0-1.aarch64.rpm",
            "hello-evil",
            null,
            "1.0",
            "1",
            "aarch64",
            "0".repeat(64));
    Files.createSymbolicLink(planted.resolve(linked.file()), victimRpm);
    BuildStatus.Finished selfDispatched =
        finished(
            pending, 1, "mine", "fedora-40-aarch64", "hello-evil", results(pending, 1), linked);
    try (TopicProbe dlq = new TopicProbe(stack.kafka("admin"), Topics.REPORTS_DEAD_LETTER);
        KafkaProducer<String, String> forger = producer()) {
      send(forger, new BuildStatus.Dispatched(pending, 1, "aarch64"));
      send(forger, new BuildStatus.Started(pending, 1, FORGER, log(pending, 1), "forged"));
      send(forger, selfDispatched);
      var refused =
          dlq.awaitRecord(r -> TopicProbe.carries(r, selfDispatched), Duration.ofSeconds(60));
      assertThat(
              refused.stream()
                  .map(r -> new String(r.headers().lastHeader("dead-letter-reason").value())))
          .contains("build " + pending + " was never dispatched")
          .contains("a worker reports started, finished or canceled, not Dispatched");
    }
    assertThat(build(pending).get("state").asText()).isEqualTo("pending");

    assertThat(files(stack.storage().resolve("repos")))
        .as("repos/ after the forgeries")
        .isEqualTo(reposBefore);
    assertThat(Files.isRegularFile(victimRpm)).isTrue();
    assertThat(available("victim")).isEqualTo(victimBefore);

    ok(copr("alice", "create-pkg", "victim", srpm("hello-next").toString()));
    List<String> victimAfter = new ArrayList<>(victimBefore);
    victimAfter.add("hello-next");
    assertThat(available("victim")).containsExactlyInAnyOrderElementsOf(victimAfter);
  }

  private static BuildStatus.Finished finished(
      long build,
      int attempt,
      String copr,
      String chroot,
      String pkg,
      String results,
      Artifact artifact) {
    return new BuildStatus.Finished(
        build,
        attempt,
        FORGER,
        copr,
        chroot,
        pkg,
        true,
        0,
        results,
        log(build, attempt),
        List.of(artifact),
        "",
        1_000,
        null,
        "forged");
  }

  private static String results(long build, int attempt) {
    return "results/" + build + "/" + attempt;
  }

  private static String log(long build, int attempt) {
    return "logs/" + build + "/build-" + attempt + ".log";
  }

  private static KafkaProducer<String, String> producer() {
    Map<String, Object> p = new HashMap<>(stack.kafka(TopicAccess.worker(FORGER)));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  private static void send(KafkaProducer<String, String> producer, BuildStatus event)
      throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.workerReports(FORGER),
                Long.toString(event.buildId()),
                EventJson.write(event)))
        .get();
  }

  /** Every file under {@code dir} with its size: what a publish or a delete would change. */
  private static Map<String, Long> files(Path dir) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), Files.size(p));
      }
    }
    return files;
  }

  /** What dnf, given the copr's .repo file from the API, can install from it. */
  private static List<String> available(String copr) throws Exception {
    HttpResponse<String> repoFile =
        stack.api("GET", "/coprs/" + copr + "/repo/fedora-40.repo", null, null, null);
    assertThat(repoFile.statusCode()).as(repoFile.body()).isEqualTo(200);
    Path root = Files.createTempDirectory(work, "dnf-");
    Dnf dnf = new Dnf(root, "40").repoFile(repoFile.body());
    Processes.Result list = dnf.run("repoquery", "--qf", "%{name}", "--available");
    assertThat(list.exitCode()).as(list.output()).isZero();
    return list.output().lines().filter(l -> l.startsWith("hello-")).sorted().toList();
  }

  private static Path srpm(String name) {
    return TestRpms.srpm(work.resolve("srpms"), name, "1.0", TestRpms.Options.defaults());
  }

  private static long buildOf(String copr, String pkg, String chroot) throws Exception {
    JsonNode page =
        JSON.readTree(
            stack.api("GET", "/coprs/" + copr + "/builds?package=" + pkg, null, null, null).body());
    for (JsonNode b : page.get("items")) {
      if (b.get("chroot").asText().equals(chroot)) {
        return b.get("id").asLong();
      }
    }
    throw new AssertionError("no build of " + pkg + " for " + chroot + " in " + page);
  }

  private static JsonNode awaitState(long build, String state) {
    return stack.awaitState(build, state, Duration.ofMinutes(3));
  }

  private static JsonNode build(long id) {
    return stack.build(id);
  }

  private static Processes.Result copr(String user, String... args) {
    return stack.copr(user, user + "-secret-1", args);
  }

  private static void ok(Processes.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
  }
}
