package org.copr.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.copr.contracts.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Build-workers run on their arch's nodes, scale on their arch's queue and dispatch lag, and drain
 * before they are killed.
 */
class BuildWorkerScalingTest {

  /** Kubernetes names arches as Go does (the node label kubernetes.io/arch). */
  private static final Map<String, String> NODE_ARCH =
      Map.of(
          "x86_64", "amd64",
          "aarch64", "arm64",
          "ppc64le", "ppc64le",
          "s390x", "s390x",
          "i386", "386");

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void eachArchsWorkersScaleOnItsQueueAndLagAndDrainBeforeTheyAreKilled(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    String namespace = overlay.all("Namespace").get(0).name();
    ServiceConfig workerConfig = Project.config("build-worker");
    List<Manifest> workers =
        overlay.all("Deployment").stream()
            .filter(
                d ->
                    d.containers().stream()
                        .anyMatch(c -> Rendered.module(c).equals("build-worker")))
            .toList();
    assertThat(workers).as("build-worker Deployments").hasSizeGreaterThanOrEqualTo(2);
    assertThat(overlay.all("ScaledObject")).hasSameSizeAs(workers);
    Set<String> archesSeen = new TreeSet<>();
    for (Manifest so : overlay.all("ScaledObject")) {
      String target = so.at("/spec/scaleTargetRef/name").asText();
      Manifest worker =
          workers.stream().filter(w -> w.name().equals(target)).findFirst().orElse(null);
      if (worker == null) {
        problems.add(so + ": scales " + target + ", which is no build-worker Deployment");
        continue;
      }
      Map<String, String> env = overlay.environment(worker.containers().get(0));
      String arch = env.getOrDefault("COPR_WORKER_ARCH", "<unset>");
      archesSeen.add(arch);
      if (!Topics.ARCHES.contains(arch)) {
        problems.add(worker + ": COPR_WORKER_ARCH " + arch + " is no arch of Topics.ARCHES");
      }
      String nodeArch = worker.at("/spec/template/spec/nodeSelector/kubernetes.io~1arch").asText();
      if (!nodeArch.equals(NODE_ARCH.get(arch))) {
        problems.add(
            worker + ": builds " + arch + " on nodes labelled kubernetes.io/arch=" + nodeArch);
      }
      if (worker.at("/spec/replicas").isNumber()) {
        problems.add(worker + ": sets replicas, which every apply would force on KEDA");
      }
      List<JsonNode> kafka =
          Manifest.items(so.at("/spec/triggers"))
              .filter(t -> t.path("type").asText().equals("kafka"))
              .toList();
      if (kafka.size() != 1) {
        problems.add(so + ": must have exactly one kafka trigger, has " + kafka.size());
        continue;
      }
      JsonNode meta = kafka.get(0).path("metadata");
      if (!meta.path("topic").asText().equals(Topics.dispatch(arch))) {
        problems.add(
            so + ": watches " + meta.path("topic").asText() + ", not " + Topics.dispatch(arch));
      }
      String group = dispatchGroup(workerConfig, env);
      if (!meta.path("consumerGroup").asText().equals(group)) {
        problems.add(
            so
                + ": consumer group "
                + meta.path("consumerGroup").asText()
                + ", build-worker uses "
                + group);
      }
      String bootstrap = meta.path("bootstrapServers").asText();
      if (!bootstrap.matches(
          "[a-z0-9-]+-kafka-bootstrap\\." + namespace + "\\.svc(\\.cluster\\.local)?:9092")) {
        problems.add(so + ": KEDA runs in its own namespace and cannot resolve " + bootstrap);
      }
      checkQueueTriggers(overlay, so, arch, namespace, problems);
      if (so.at("/spec/minReplicaCount").asInt(-1) != 0) {
        problems.add(so + ": does not scale to zero when idle");
      }
      int partitions =
          overlay.all("KafkaTopic").stream()
              .filter(t -> t.topicName().equals(Topics.dispatch(arch)))
              .mapToInt(t -> t.at("/spec/partitions").asInt())
              .findFirst()
              .orElse(0);
      if (so.at("/spec/maxReplicaCount").asInt() > partitions) {
        problems.add(so + ": more workers than the " + partitions + " partitions they can share");
      }
      Duration drain = quarkusDuration(env.getOrDefault("COPR_WORKER_DRAIN_TIMEOUT", "10m"));
      long grace = worker.at("/spec/template/spec/terminationGracePeriodSeconds").asLong(30);
      if (grace <= drain.toSeconds()) {
        problems.add(worker + ": killed after " + grace + "s, before its " + drain + " drain ends");
      }
    }
    assertThat(archesSeen).hasSameSizeAs(workers);
    assertThat(problems).isEmpty();
  }

  /**
   * The scheduler's GET /queue triggers: each reads a field of the arch's entry through the
   * scheduler's Service, and the formula combines every trigger by name.
   */
  private static void checkQueueTriggers(
      Rendered overlay, Manifest so, String arch, String namespace, List<String> problems) {
    Set<String> fields = queueViewFields();
    Set<String> names = new TreeSet<>();
    for (JsonNode trigger : so.at("/spec/triggers")) {
      names.add(trigger.path("name").asText());
      if (!trigger.path("type").asText().equals("metrics-api")) {
        continue;
      }
      JsonNode meta = trigger.path("metadata");
      Matcher url =
          Pattern.compile(
                  "http://([a-z0-9-]+)\\."
                      + namespace
                      + "\\.svc(?:\\.cluster\\.local)?:(\\d+)/queue")
              .matcher(meta.path("url").asText());
      boolean served =
          url.matches()
              && overlay.find("Service", url.group(1)).stream()
                  .flatMap(svc -> Manifest.items(svc.at("/spec/ports")))
                  .anyMatch(port -> port.path("port").asText().equals(url.group(2)))
              && url.group(1).equals("scheduler-service");
      if (!served) {
        problems.add(so + ": " + meta.path("url").asText() + " is not the scheduler's GET /queue");
      }
      Matcher location =
          Pattern.compile("arches\\.#\\(arch==\"([^\"]+)\"\\)\\.(\\w+)")
              .matcher(meta.path("valueLocation").asText());
      if (!location.matches()
          || !location.group(1).equals(arch)
          || !fields.contains(location.group(2))) {
        problems.add(
            so
                + ": valueLocation "
                + meta.path("valueLocation")
                + " is no field of "
                + arch
                + " in "
                + fields);
      }
    }
    Set<String> inFormula = new TreeSet<>();
    Matcher word =
        Pattern.compile("[a-z_]+")
            .matcher(so.at("/spec/advanced/scalingModifiers/formula").asText());
    while (word.find()) {
      inFormula.add(word.group());
    }
    inFormula.remove("max");
    if (!inFormula.equals(names)) {
      problems.add(so + ": formula uses " + inFormula + ", triggers are " + names);
    }
  }

  /** The JSON fields of one arch in scheduler-service's GET /queue (QueueView.Arch, snake case). */
  private static Set<String> queueViewFields() {
    Set<String> fields = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Project.ROOT.resolve("scheduler-service/src/main/java"))) {
      for (Path f : files.filter(p -> p.endsWith("QueueView.java")).toList()) {
        Matcher record = Pattern.compile("record Arch\\(([^)]*)\\)").matcher(Files.readString(f));
        if (record.find()) {
          for (String component : record.group(1).split(",")) {
            String name = component.trim().replaceAll(".*\\s", "");
            fields.add(name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fields;
  }

  /** The consumer group of build-worker's dispatch channel as a worker with this env uses it. */
  private static String dispatchGroup(ServiceConfig worker, Map<String, String> env) {
    Map<String, String> p = worker.properties();
    String channel =
        p.entrySet().stream()
            .filter(e -> e.getKey().matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic"))
            .filter(e -> e.getValue().startsWith(Topics.DISPATCH_PREFIX))
            .map(e -> e.getKey().replaceFirst("\\.topic$", ""))
            .findFirst()
            .orElse("<no dispatch channel>");
    String group =
        p.getOrDefault(
            channel + ".group.id",
            p.getOrDefault("mp.messaging.connector.smallrye-kafka.group.id", "<none>"));
    return worker.resolve(group, env);
  }

  static Duration quarkusDuration(String text) {
    if (text.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    if (text.matches("\\d+[smhd]")) {
      String unit = text.substring(text.length() - 1);
      return Duration.parse((unit.equals("d") ? "P" : "PT") + text.toUpperCase());
    }
    return Duration.parse(text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void schedulerKnowsExactlyTheArchesThatHaveWorkers(Rendered overlay) {
    Set<String> workerArches = new TreeSet<>();
    String schedulerArches = null;
    for (Manifest d : overlay.all("Deployment")) {
      JsonNode c = d.containers().get(0);
      Map<String, String> env = overlay.environment(c);
      if (Rendered.module(c).equals("build-worker")) {
        workerArches.add(env.get("COPR_WORKER_ARCH"));
      } else if (Rendered.module(c).equals("scheduler-service")) {
        schedulerArches = env.get("COPR_SCHEDULER_ARCHES");
      }
    }
    assertThat(schedulerArches).as("COPR_SCHEDULER_ARCHES").isNotNull();
    assertThat(new TreeSet<>(List.of(schedulerArches.split("\\s*,\\s*")))).isEqualTo(workerArches);
  }
}
