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
 * Build-workers run on their arch's nodes, scale on their arch's queue as the scheduler reports it,
 * and drain before they are killed.
 */
class BuildWorkerScalingTest {

  /**
   * The GET /queue fields an arch's worker count must include: queued builds wake the arch from
   * zero, a dispatched build holds the slot of the worker it is addressed to, and a running build
   * keeps its worker up.
   */
  private static final Set<String> NEEDED_FIELDS = Set.of("queued", "dispatched", "running");

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
  void eachArchsWorkersScaleOnItsQueueAndDrainBeforeTheyAreKilled(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    String namespace = overlay.all("Namespace").get(0).name();
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
      // Every worker reads a dispatch topic of its own in a consumer group of its own: no group's
      // lag there is the arch's work, and a group no worker uses would only ever grow.
      Manifest.items(so.at("/spec/triggers"))
          .filter(t -> t.path("type").asText().equals("kafka"))
          .filter(t -> t.at("/metadata/topic").asText().startsWith(Topics.WORKER_PREFIX))
          .forEach(
              t ->
                  problems.add(
                      so
                          + ": trigger "
                          + t.path("name").asText()
                          + " watches group "
                          + t.at("/metadata/consumerGroup").asText()
                          + " on "
                          + t.at("/metadata/topic").asText()
                          + ", but each worker reads its dispatch topic in a group of its own"));
      checkQueueTriggers(overlay, so, arch, namespace, problems);
      if (so.at("/spec/minReplicaCount").asInt(-1) != 0) {
        problems.add(so + ": does not scale to zero when idle");
      }
      if (so.at("/spec/maxReplicaCount").asInt(0) < 1) {
        problems.add(so + ": maxReplicaCount must allow at least one worker");
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
   * The triggers are the scheduler's GET /queue and nothing else: each reads the field of the
   * arch's entry that it is named after, through the scheduler's Service, and the formula is the
   * sum of exactly those triggers, by name, covering {@link #NEEDED_FIELDS}.
   */
  private static void checkQueueTriggers(
      Rendered overlay, Manifest so, String arch, String namespace, List<String> problems) {
    Set<String> fields = queueViewFields();
    Set<String> names = new TreeSet<>();
    for (JsonNode trigger : so.at("/spec/triggers")) {
      String name = trigger.path("name").asText();
      if (!names.add(name)) {
        problems.add(so + ": two triggers are named " + name);
      }
      if (!trigger.path("type").asText().equals("metrics-api")) {
        problems.add(
            so
                + ": trigger "
                + name
                + " is a "
                + trigger.path("type").asText()
                + " trigger, not the scheduler's GET /queue");
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
      } else if (!location.group(2).equals(name)) {
        problems.add(so + ": trigger " + name + " reads the field " + location.group(2));
      }
    }
    String formula = so.at("/spec/advanced/scalingModifiers/formula").asText();
    List<String> terms = List.of(formula.trim().split("\\s*\\+\\s*"));
    if (!terms.stream().allMatch(t -> t.matches("[a-z_]+"))) {
      problems.add(so + ": formula " + formula + " is not a sum of triggers");
    }
    if (terms.size() != new TreeSet<>(terms).size() || !new TreeSet<>(terms).equals(names)) {
      problems.add(
          so + ": formula " + formula + " does not add up the triggers " + names + " once each");
    }
    if (!terms.containsAll(NEEDED_FIELDS)) {
      problems.add(so + ": formula " + formula + " leaves out some of " + NEEDED_FIELDS);
    }
  }

  /**
   * The JSON fields of one arch in scheduler-service's GET /queue (contracts' QueueView.Arch, snake
   * case).
   */
  private static Set<String> queueViewFields() {
    Set<String> fields = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Project.ROOT.resolve("contracts/src/main/java"))) {
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
