import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.EventJson;
import org.copr.contracts.StorageLayout;
import org.copr.contracts.Topics;
import org.copr.repo.repository.BuildMarker;
import org.eclipse.packager.rpm.build.RpmBuilder;

/**
 * The Java half of bench/repo-publish (run by it, with repo-worker's classpath).
 *
 * <pre>
 *   prepare STORAGE COPR CHROOT N          N distinct small RPMs as published builds 1..N
 *   publish STORAGE COPR CHROOT BOOTSTRAP METRICS_URL FIRST_ID BUILDS ROUNDS
 * </pre>
 *
 *
 * publish makes BUILDS fresh builds in results/, sends their publish_requested events at once, waits for
 * every published event and prints the wall time, ROUNDS times; the createrepo_c and signing parts
 * come from repo-worker's own metrics (round 0 also makes the copr's signing key).
 */
public class RepoPublishBench {

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "prepare" -> prepare(
          new StorageLayout(Path.of(args[1])), args[2], args[3], Integer.parseInt(args[4]));
      case "publish" -> publish(
          new StorageLayout(Path.of(args[1])),
          args[2],
          args[3],
          args[4],
          args[5],
          Long.parseLong(args[6]),
          Integer.parseInt(args[7]),
          Integer.parseInt(args[8]));
      default -> throw new IllegalArgumentException("prepare or publish, not " + args[0]);
    }
  }

  static void prepare(StorageLayout layout, String copr, String chroot, int n) throws IOException {
    long start = System.nanoTime();
    for (long id = 1; id <= n; id++) {
      String name = packageName(id);
      Path dir = layout.publishedBuild(copr, chroot, id, name);
      Files.createDirectories(dir);
      rpm(dir, name, id);
      new BuildMarker(id, 1, name, true).write(dir);
    }
    System.out.printf("made %d packages in %.1f s%n", n, seconds(start));
  }

  static void publish(
      StorageLayout layout,
      String copr,
      String chroot,
      String bootstrap,
      String metricsUrl,
      long firstId,
      int builds,
      int rounds)
      throws Exception {
    try (KafkaProducer<String, String> producer = producer(bootstrap);
        KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
      while (consumer.assignment().isEmpty()) {
        consumer.poll(Duration.ofMillis(200));
      }
      long id = firstId;
      List<Double> times = new ArrayList<>();
      List<Double> signTimes = new ArrayList<>();
      // Round 0 warms up the service (JIT, consumer fetch) and is not counted.
      for (int round = 0; round <= rounds; round++) {
        List<CoprEvent.PublishRequested> events = new ArrayList<>();
        for (int i = 0; i < builds; i++, id++) {
          events.add(results(layout, copr, chroot, id));
        }
        double[] before = createrepo(metricsUrl);
        double[] signBefore = metric(metricsUrl, "copr_repo_sign_duration_seconds");
        long start = System.nanoTime();
        for (CoprEvent.PublishRequested p : events) {
          producer.send(new ProducerRecord<>(Topics.COPRS, p.copr(), EventJson.write(p)));
        }
        producer.flush();
        awaitPublished(consumer, events);
        double wall = seconds(start);
        double[] after = createrepo(metricsUrl);
        double[] signAfter = metric(metricsUrl, "copr_repo_sign_duration_seconds");
        if (round > 0) {
          times.add(wall);
          signTimes.add((signAfter[1] - signBefore[1]) / Math.max(1, signAfter[0] - signBefore[0]));
        }
        System.out.printf(
            "round %s: %d build(s) published in %.2f s; createrepo_c runs %d, %.2f s in all;"
                + " signing %d build(s), %.2f s in all%n",
            round == 0
                ? "0 (warm-up; the very first also makes the copr's key)"
                : Integer.toString(round),
            builds, wall, (long) (after[0] - before[0]), after[1] - before[1],
            (long) (signAfter[0] - signBefore[0]), signAfter[1] - signBefore[1]);
      }
      double[] keys = metric(metricsUrl, "copr_repo_signing_key_creation_seconds");
      System.out.printf(
          "SIGNING per build median=%.3f s min=%.3f s max=%.3f s; key creation %d, %.2f s in all%n",
          signTimes.stream().sorted().toList().get(signTimes.size() / 2),
          signTimes.stream().mapToDouble(d -> d).min().orElseThrow(),
          signTimes.stream().mapToDouble(d -> d).max().orElseThrow(),
          (long) keys[0], keys[1]);
      System.out.printf(
          "RESULT builds=%d rounds=%d median=%.2f s min=%.2f s max=%.2f s%n",
          builds,
          rounds,
          times.stream().sorted().toList().get(times.size() / 2),
          times.stream().mapToDouble(d -> d).min().orElseThrow(),
          times.stream().mapToDouble(d -> d).max().orElseThrow());
    }
  }

  /** A build's results as a build worker leaves them, and what api-service then asks for. */
  private static CoprEvent.PublishRequested results(
      StorageLayout layout, String copr, String chroot, long id) throws IOException {
    String name = "fresh-" + id;
    Path results = layout.results(id, 1);
    Files.createDirectories(results);
    rpm(results, name, id);
    // As a build worker reports them: each file with the SHA-256 repo-worker checks.
    List<BuildStatus.Artifact> artifacts = new ArrayList<>();
    try (var files = Files.list(results)) {
      for (Path rpm : files.filter(p -> p.toString().endsWith(".rpm")).sorted().toList()) {
        String sha =
            java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(rpm)));
        artifacts.add(
            new BuildStatus.Artifact(
                rpm.getFileName().toString(), name, null, "1.0", "1", "noarch", sha));
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return new CoprEvent.PublishRequested(copr, chroot, name, id, 1, artifacts);
  }

  private static void awaitPublished(
      KafkaConsumer<String, String> consumer, List<CoprEvent.PublishRequested> events) {
    Set<Long> waiting = new HashSet<>();
    events.forEach(e -> waiting.add(e.buildId()));
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (!waiting.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not published within 10 minutes: " + waiting);
      }
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
        BuildStatus status = EventJson.read(r.value(), BuildStatus.class);
        if (status instanceof BuildStatus.PublishFailed failed && waiting.contains(failed.buildId())) {
          throw new IllegalStateException("publish failed: " + failed.reason());
        }
        if (status instanceof BuildStatus.Published) {
          waiting.remove(status.buildId());
        }
      }
    }
  }

  /** A small, distinct, valid binary RPM with one file, as createrepo_c and dnf see real ones. */
  private static void rpm(Path dir, String name, long id) throws IOException {
    try (RpmBuilder builder = new RpmBuilder(name, "1.0", "1", "noarch", dir)) {
      builder.getInformation().setSummary("benchmark package " + id);
      builder.getInformation().setDescription("A package made by bench/repo-publish.");
      builder.getInformation().setLicense("MIT");
      builder
          .newContext()
          .addFile(
              "/usr/share/copr-bench/" + name + ".txt",
              (name + " " + id + "\n").getBytes(StandardCharsets.UTF_8));
      builder.build();
    }
  }

  /** [runs, seconds] of createrepo_c so far, from repo-worker's Prometheus endpoint. */
  private static double[] createrepo(String metricsUrl) throws Exception {
    return metric(metricsUrl, "copr_repo_createrepo_duration_seconds");
  }

  /** [count, seconds] of one of repo-worker's timers so far (every tag summed). */
  private static double[] metric(String metricsUrl, String timer) throws Exception {
    String text =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    double runs = 0;
    double secs = 0;
    for (String line : text.lines().toList()) {
      if (line.startsWith(timer + "_count")) {
        runs += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      } else if (line.startsWith(timer + "_sum")) {
        secs += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return new double[] {runs, secs};
  }

  private static String packageName(long id) {
    return "bench-" + id;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The broker and the bench's login (COPR_BENCH_KAFKA_JAAS, set by bench/repo-publish). */
  private static Properties kafka(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("security.protocol", "SASL_PLAINTEXT");
    p.put("sasl.mechanism", "SCRAM-SHA-512");
    p.put("sasl.jaas.config", System.getenv("COPR_BENCH_KAFKA_JAAS"));
    return p;
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    Properties p = kafka(bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  private static KafkaConsumer<String, String> consumer(String bootstrap) {
    Properties p = kafka(bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
    consumer.subscribe(List.of(Topics.BUILDS_STATUS));
    return consumer;
  }
}
