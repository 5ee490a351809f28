package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.BuildStatus.Artifact;
import org.copr.contracts.Event;
import org.copr.contracts.EventJson;
import org.copr.contracts.TopicAccess;
import org.copr.contracts.Topics;
import org.copr.contracts.WorkerHeartbeat;
import org.copr.testing.Dnf;
import org.copr.testing.Processes;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A build host's identity is its credentials, on the running system with two workers: the host that
 * does not hold another account's running build uses its own worker's Kafka credentials and the
 * shared storage to claim that build's next attempt, to speak under the other worker's name, and to
 * invent a worker. The broker refuses what its ACLs forbid; the scheduler, the one judge, refuses
 * the rest with a reason read back from copr.workers.reports.dlq; nothing is published, and the
 * builds go on: the victim's own build succeeds with its own package only, and the next honest
 * build is installed by dnf.
 */
class WorkerIdentityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> WORKERS =
      List.of("build-worker-x86_64-1", "build-worker-x86_64-2");

  private static Path work;
  private static Stack stack;

  @BeforeAll
  static void up() throws Exception {
    work = Files.createTempDirectory("copr-e2e-identity-");
    stack = new Stack(work.resolve("stack"), 2);
    stack.up();
    stack.newUser("alice", "alice-secret-1");
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aWorkersCredentialsClaimNoOtherAttemptNoOtherNameAndNoInventedWorker() throws Exception {
    ok(copr("alice", "create-copr", "victim", "--release", "fedora-40"));
    // A build that runs long enough for the attacks: its %build sleeps.
    String spec =
        TestRpms.spec("hello-slow", "1.0", TestRpms.Options.defaults())
            .replace("%build\n", "%build\nsleep 40\n");
    Path slow = TestRpms.srpmFromSpec(work.resolve("srpms/slow"), "hello-slow", spec);
    ok(copr("alice", "create-pkg", "--nowait", "victim", slow.toString()));
    long victim = buildOf("victim", "hello-slow", "fedora-40-x86_64");
    JsonNode running = awaitRunning(victim);
    int attempt = running.get("attempt").asInt();
    String holder = running.get("worker_id").asText();
    String attacker = WORKERS.get(0).equals(holder) ? WORKERS.get(1) : WORKERS.get(0);
    assertThat(WORKERS).contains(holder);

    // 1. A regular RPM in the victim's next attempt's results, and a finished for that attempt.
    Path evilRpms = work.resolve("evil-rpms");
    TestRpms.rebuild(
        TestRpms.srpm(work.resolve("srpms/evil"), "evil-pkg", "6.6", TestRpms.Options.defaults()),
        evilRpms);
    Path evil;
    try (Stream<Path> files = Files.walk(evilRpms)) {
      evil = files.filter(f -> f.toString().endsWith(".noarch.rpm")).findFirst().orElseThrow();
    }
    Path planted = stack.storage().resolve("results/" + victim + "/" + (attempt + 1));
    Files.createDirectories(planted);
    Files.copy(evil, planted.resolve("evil-pkg-6.6-1.noarch.rpm"));
    Artifact evilArtifact =
        new Artifact(
            "evil-pkg-6.6-1.noarch.rpm",
            "evil-pkg",
            null,
            "6.6",
            "1",
            "noarch",
            // The planted file's true hash: the attacker knows what it placed.
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(evil))));
    BuildStatus.Finished nextAttempt = finished(victim, attempt + 1, attacker, evilArtifact);
    // 2. The holder's name on the attacker's topic: a finished and a heartbeat (which, believed,
    // would make the holder look restarted and lose the build).
    BuildStatus.Finished underHoldersName = finished(victim, attempt, holder, evilArtifact);
    WorkerHeartbeat holdersHeartbeat =
        new WorkerHeartbeat(holder, "hijacked", "x86_64", 2, List.of(), List.of(), false);
    // 3. A worker nobody gave credentials to, by name on the attacker's own topic.
    WorkerHeartbeat ghostHeartbeat =
        new WorkerHeartbeat("ghost-worker", "ghost", "x86_64", 8, List.of(), List.of(), false);

    try (TopicProbe dlq = new TopicProbe(stack.kafka("admin"), Topics.REPORTS_DEAD_LETTER);
        KafkaProducer<String, String> host = producer(attacker)) {
      // The broker itself refuses the holder's topic, an invented worker's topic and the status
      // topic api-service reads: the attacker's credentials write only its own reports.
      for (String topic :
          List.of(
              Topics.workerReports(holder),
              Topics.workerReports("ghost-worker"),
              Topics.BUILDS_STATUS)) {
        assertThatThrownBy(() -> send(host, topic, holdersHeartbeat))
            .as(topic)
            .hasRootCauseInstanceOf(AuthorizationException.class);
      }
      for (Event forged :
          List.of(nextAttempt, underHoldersName, holdersHeartbeat, ghostHeartbeat)) {
        send(host, Topics.workerReports(attacker), forged);
      }
      assertThat(reason(dlq, nextAttempt))
          .isEqualTo(
              "attempt "
                  + (attempt + 1)
                  + " of build "
                  + victim
                  + " is not its current attempt ("
                  + attempt
                  + ")");
      assertThat(reason(dlq, underHoldersName))
          .isEqualTo(
              "the report names worker "
                  + holder
                  + " but came with the credentials of worker "
                  + attacker);
      assertThat(reason(dlq, holdersHeartbeat))
          .isEqualTo(
              "a heartbeat of worker "
                  + holder
                  + " came with the credentials of worker "
                  + attacker);
      assertThat(reason(dlq, ghostHeartbeat))
          .isEqualTo(
              "a heartbeat of worker ghost-worker came with the credentials of worker " + attacker);
    }

    // Nothing changed: the build is still the holder's attempt, no worker named ghost exists.
    JsonNode after = build(victim);
    assertThat(after.get("state").asText()).isEqualTo("running");
    assertThat(after.get("attempt").asInt()).isEqualTo(attempt);
    assertThat(after.get("worker_id").asText()).isEqualTo(holder);
    assertThat(scheduler("/queue/workers/ghost-worker").statusCode()).isEqualTo(404);
    assertThat(scheduler("/queue/workers/" + holder).body()).doesNotContain("hijacked");

    // The victim's own build ends as built by its holder, with its own package only.
    JsonNode done = awaitEnd(victim);
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.get("attempt").asInt()).isEqualTo(attempt);
    assertThat(available("victim")).containsExactly("hello-slow");
    try (Stream<Path> repo = Files.walk(stack.storage().resolve("repos/victim"))) {
      assertThat(repo.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("evil"));
    }

    // And the next honest build is published and installed by dnf.
    Path next =
        TestRpms.srpm(work.resolve("srpms/next"), "hello-next", "1.0", TestRpms.Options.defaults());
    ok(copr("alice", "create-pkg", "victim", next.toString()));
    HttpResponse<String> repoFile =
        stack.api("GET", "/coprs/victim/repo/fedora-40.repo", null, null, null);
    Dnf dnf = new Dnf(Files.createTempDirectory(work, "dnf-"), "40").repoFile(repoFile.body());
    Processes.Result install = dnf.install("hello-next");
    assertThat(install.exitCode()).as(install.output()).isZero();
    assertThat(dnf.runInstalled("hello-next")).isEqualTo("hello-next 1.0");
  }

  private static BuildStatus.Finished finished(
      long build, int attempt, String worker, Artifact artifact) {
    return new BuildStatus.Finished(
        build,
        attempt,
        worker,
        "victim",
        "fedora-40-x86_64",
        "hello-slow",
        true,
        0,
        "results/" + build + "/" + attempt,
        "logs/" + build + "/build-" + attempt + ".log",
        List.of(artifact),
        "",
        1_000,
        null,
        UUID.randomUUID().toString());
  }

  /** The reason the scheduler gave for refusing the event (the dead-letter record's header). */
  private static String reason(TopicProbe dlq, Event event) {
    ConsumerRecord<String, String> record =
        dlq.awaitRecord(r -> TopicProbe.carries(r, event), Duration.ofSeconds(60)).stream()
            .filter(r -> TopicProbe.carries(r, event))
            .findFirst()
            .orElseThrow();
    return new String(
        record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
  }

  private static KafkaProducer<String, String> producer(String worker) {
    Map<String, Object> p = new HashMap<>(stack.kafka(TopicAccess.worker(worker)));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    // Each send judged on its topic's ACL alone (see KafkaAccessTest).
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    return new KafkaProducer<>(p);
  }

  private static void send(KafkaProducer<String, String> producer, String topic, Event event)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, "forged", EventJson.write(event))).get();
  }

  private static HttpResponse<String> scheduler(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(stack.schedulerUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> available(String copr) throws Exception {
    HttpResponse<String> repoFile =
        stack.api("GET", "/coprs/" + copr + "/repo/fedora-40.repo", null, null, null);
    assertThat(repoFile.statusCode()).as(repoFile.body()).isEqualTo(200);
    Dnf dnf = new Dnf(Files.createTempDirectory(work, "dnf-"), "40").repoFile(repoFile.body());
    Processes.Result list = dnf.run("repoquery", "--qf", "%{name}", "--available");
    assertThat(list.exitCode()).as(list.output()).isZero();
    return list.output()
        .lines()
        .filter(l -> l.startsWith("hello-") || l.startsWith("evil-"))
        .sorted()
        .toList();
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

  private static JsonNode awaitRunning(long id) {
    Awaitility.await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> build(id).get("state").asText().equals("running"));
    return build(id);
  }

  private static JsonNode awaitEnd(long id) {
    return stack.awaitEnd(id, Duration.ofMinutes(3));
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
