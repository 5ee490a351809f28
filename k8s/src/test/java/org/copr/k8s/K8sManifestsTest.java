package org.copr.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.copr.contracts.Topics;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every overlay under k8s/overlays with kubectl and checks what an operator would find out
 * only on a cluster: documents that do not fit their kind, missing probes and resources, needless
 * privileges, topics and config keys out of step with the services' code, dangling references.
 */
class K8sManifestsTest {

  private static final Path ROOT = Kustomize.k8sRoot().getParent();
  private static final List<String> SERVICES =
      List.of("api-service", "scheduler-service", "build-worker", "repo-worker");

  /** Kubernetes names arches as Go does (the node label kubernetes.io/arch). */
  private static final Map<String, String> NODE_ARCH =
      Map.of(
          "x86_64", "amd64",
          "aarch64", "arm64",
          "ppc64le", "ppc64le",
          "s390x", "s390x",
          "i386", "386");

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  static Stream<Named<Rendered>> overlays() throws IOException {
    return Kustomize.overlays().stream()
        .map(dir -> Named.of(dir.getFileName().toString(), Rendered.of(dir)));
  }

  @Test
  void thereAreDevAndProdOverlays() throws IOException {
    assertThat(Kustomize.overlays()).map(p -> p.getFileName().toString()).contains("dev", "prod");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyDocumentFitsItsKindWithNoUnknownField(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    String namespace =
        overlay.all("Namespace").stream().map(Manifest::name).findFirst().orElse("<none>");
    for (Manifest m : overlay.manifests()) {
      if (KubernetesModels.knows(m)) {
        KubernetesModels.unknownFields(m).forEach(f -> problems.add(m + ": unknown field " + f));
      } else if (CrdSchema.knows(m)) {
        CrdSchema.of(m).violations(m).forEach(v -> problems.add(m + v));
      } else {
        problems.add(m + ": no model or CRD schema for " + m.apiVersion() + " " + m.kind());
      }
      if (!DNS_SUBDOMAIN.matcher(m.name()).matches() || m.name().length() > 253) {
        problems.add(m + ": not a valid resource name");
      }
      if (!m.is("Namespace") && !m.namespace().equals(namespace)) {
        problems.add(m + ": in namespace '" + m.namespace() + "', not " + namespace);
      }
    }
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyContainerHasStartupLivenessAndReadinessProbesOnQuarkusHealth(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    Map<String, String> probes =
        Map.of(
            "startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live",
            "readinessProbe", "/q/health/ready");
    for (Manifest d : overlay.all("Deployment")) {
      for (JsonNode c : d.containers()) {
        Set<String> ports = new HashSet<>();
        c.path("ports")
            .forEach(
                p -> {
                  ports.add(p.path("name").asText());
                  ports.add(p.path("containerPort").asText());
                });
        probes.forEach(
            (probe, path) -> {
              JsonNode get = c.path(probe).path("httpGet");
              if (!get.path("path").asText().equals(path)) {
                problems.add(d + " " + c.path("name").asText() + ": " + probe + " not on " + path);
              } else if (!ports.contains(get.path("port").asText())) {
                problems.add(d + ": " + probe + " port " + get.path("port") + " is not declared");
              }
            });
      }
    }
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyWorkloadHasResourceRequestsWithinLimits(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    for (Manifest d : overlay.all("Deployment")) {
      d.containers()
          .forEach(
              c ->
                  checkResources(d + " " + c.path("name").asText(), c.path("resources"), problems));
    }
    for (Manifest m : overlay.manifests()) {
      if (m.is("KafkaNodePool") || m.is("Cluster")) {
        checkResources(m.toString(), m.at("/spec/resources"), problems);
      }
    }
    overlay
        .all("Kafka")
        .forEach(
            k ->
                checkResources(
                    k + " topicOperator",
                    k.at("/spec/entityOperator/topicOperator/resources"),
                    problems));
    assertThat(problems).isEmpty();
  }

  private static void checkResources(String what, JsonNode resources, List<String> problems) {
    for (String resource : List.of("cpu", "memory")) {
      JsonNode request = resources.path("requests").path(resource);
      JsonNode limit = resources.path("limits").path(resource);
      if (request.isMissingNode() || limit.isMissingNode()) {
        problems.add(what + ": no " + resource + " request and limit");
      } else if (amount(request).compareTo(amount(limit)) > 0) {
        problems.add(what + ": " + resource + " request " + request + " above limit " + limit);
      }
    }
  }

  private static BigDecimal amount(JsonNode quantity) {
    return Quantity.getAmountInBytes(new Quantity(quantity.asText()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void containersRunAsNonRootWithNothingButWhatMockNeeds(Rendered overlay) throws IOException {
    Set<String> mockCapabilities = documentedMockCapabilities();
    List<String> problems = new ArrayList<>();
    for (Manifest d : overlay.all("Deployment")) {
      JsonNode pod = d.at("/spec/template/spec");
      JsonNode podSecurity = pod.path("securityContext");
      for (String hostAccess : List.of("hostNetwork", "hostPID", "hostIPC")) {
        if (pod.path(hostAccess).asBoolean()) {
          problems.add(d + ": " + hostAccess);
        }
      }
      pod.path("volumes")
          .forEach(
              v -> {
                if (v.has("hostPath")) {
                  problems.add(d + ": hostPath volume " + v.path("name").asText());
                }
              });
      if (pod.path("automountServiceAccountToken").asBoolean(true)) {
        problems.add(d + ": mounts a service account token it never uses");
      }
      for (JsonNode c : d.containers()) {
        String where = d + " " + c.path("name").asText() + ": ";
        JsonNode security = c.path("securityContext");
        boolean nonRoot =
            security.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean());
        int uid = security.path("runAsUser").asInt(podSecurity.path("runAsUser").asInt(0));
        if (!nonRoot || uid == 0) {
          problems.add(where + "may run as root");
        }
        if (security.path("privileged").asBoolean()) {
          problems.add(where + "privileged");
        }
        if (!contains(security.at("/capabilities/drop"), "ALL")) {
          problems.add(where + "does not drop all capabilities");
        }
        Set<String> added = new TreeSet<>();
        security.at("/capabilities/add").forEach(a -> added.add(a.asText()));
        if (Rendered.module(c).equals("build-worker")) {
          // mock: exactly the set operations.md explains, nothing undocumented.
          if (!added.equals(mockCapabilities)) {
            problems.add(where + "adds " + added + ", operations.md documents " + mockCapabilities);
          }
        } else {
          if (!added.isEmpty()) {
            problems.add(where + "adds capabilities " + added);
          }
          if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
            problems.add(where + "allows privilege escalation");
          }
          if (!security.path("readOnlyRootFilesystem").asBoolean()) {
            problems.add(where + "has a writable root filesystem");
          }
          String seccomp =
              security
                  .at("/seccompProfile/type")
                  .asText(podSecurity.at("/seccompProfile/type").asText());
          if (!seccomp.equals("RuntimeDefault")) {
            problems.add(where + "seccomp profile is '" + seccomp + "', not RuntimeDefault");
          }
        }
      }
    }
    assertThat(mockCapabilities).isNotEmpty();
    assertThat(problems).isEmpty();
  }

  /** The capabilities listed in operations.md's "Build-worker privileges" table. */
  private static Set<String> documentedMockCapabilities() throws IOException {
    String doc = Files.readString(ROOT.resolve("src-docs/operations.md"));
    int section = doc.indexOf("## Build-worker privileges");
    assertThat(section).as("operations.md has a 'Build-worker privileges' section").isNotNegative();
    int end = doc.indexOf("\n## ", section + 1);
    Matcher row =
        Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|")
            .matcher(doc.substring(section, end < 0 ? doc.length() : end));
    Set<String> capabilities = new TreeSet<>();
    while (row.find()) {
      capabilities.add(row.group(1));
    }
    return capabilities;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void kafkaTopicsAreExactlyTheContractTopicsAndCoverWhatServicesUse(Rendered overlay) {
    Set<String> kafkaClusters = new TreeSet<>();
    overlay.all("Kafka").forEach(k -> kafkaClusters.add(k.name()));
    List<String> problems = new ArrayList<>();
    Set<String> declared = new TreeSet<>();
    for (Manifest t : overlay.all("KafkaTopic")) {
      declared.add(topicName(t));
      if (!kafkaClusters.contains(t.doc().at("/metadata/labels/strimzi.io~1cluster").asText())) {
        problems.add(t + ": strimzi.io/cluster names no Kafka in " + kafkaClusters);
      }
      if (t.at("/spec/partitions").asInt() < 1 || !t.at("/spec/config/retention.ms").isNumber()) {
        problems.add(t + ": partitions and retention.ms must be chosen");
      }
    }
    assertThat(declared)
        .as("KafkaTopics vs Topics.all()")
        .containsExactlyInAnyOrderElementsOf(Topics.all());

    Set<String> used = new TreeSet<>();
    for (String service : SERVICES) {
      ServiceConfig config = ServiceConfig.of(ROOT.resolve(service));
      config
          .properties()
          .forEach(
              (key, value) -> {
                if (key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
                  used.add(config.resolve(value, Map.of()));
                }
              });
    }
    used.removeAll(declared);
    used.forEach(topic -> problems.add("a service uses topic " + topic + ", no KafkaTopic has it"));
    assertThat(problems).isEmpty();
  }

  private static String topicName(Manifest topic) {
    return topic.at("/spec/topicName").asText(topic.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void buildWorkersScaleOnTheirArchsDispatchLagAndDrainBeforeTheyAreKilled(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    String namespace = overlay.all("Namespace").get(0).name();
    ServiceConfig workerConfig = ServiceConfig.of(ROOT.resolve("build-worker"));
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
          stream(so.at("/spec/triggers"))
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
              .filter(t -> topicName(t).equals(Topics.dispatch(arch)))
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
                  .flatMap(svc -> stream(svc.at("/spec/ports")))
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
    try (Stream<Path> files = Files.walk(ROOT.resolve("scheduler-service/src/main/java"))) {
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
      throw new java.io.UncheckedIOException(e);
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
  @MethodSource("overlays")
  void everyConfiguredKeyIsReadByItsServiceAndRequiredOnesAreSet(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    for (Manifest d : overlay.all("Deployment")) {
      for (JsonNode c : d.containers()) {
        String service = Rendered.module(c);
        if (!SERVICES.contains(service)) {
          problems.add(d + ": runs " + service + ", which is no Copr service");
          continue;
        }
        ServiceConfig config = ServiceConfig.of(ROOT.resolve(service));
        Set<String> given = new TreeSet<>();
        overlay
            .environment(c)
            .keySet()
            .forEach(
                env ->
                    config
                        .keyOfEnv(env)
                        .ifPresentOrElse(
                            given::add,
                            () ->
                                problems.add(d + ": " + env + " is no key " + service + " reads")));
        for (String required : config.required()) {
          if (!given.contains(required)) {
            problems.add(
                d
                    + ": "
                    + service
                    + " needs "
                    + required
                    + " ("
                    + ServiceConfig.envName(required)
                    + ")");
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyReferenceResolves(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    Set<String> generatedSecrets = new TreeSet<>();
    overlay.all("Cluster").forEach(c -> generatedSecrets.add(c.name() + "-app"));
    for (Manifest d : overlay.all("Deployment")) {
      JsonNode pod = d.at("/spec/template/spec");
      requireExists(
          overlay, d, "ServiceAccount", pod.path("serviceAccountName").asText(), problems);
      pod.path("volumes")
          .forEach(
              v -> {
                if (v.has("persistentVolumeClaim")) {
                  requireExists(
                      overlay,
                      d,
                      "PersistentVolumeClaim",
                      v.at("/persistentVolumeClaim/claimName").asText(),
                      problems);
                }
              });
      for (JsonNode c : d.containers()) {
        c.path("envFrom")
            .forEach(
                f ->
                    requireExists(
                        overlay, d, "ConfigMap", f.at("/configMapRef/name").asText(), problems));
        for (JsonNode e : c.path("env")) {
          JsonNode secret = e.at("/valueFrom/secretKeyRef");
          String name = secret.path("name").asText();
          if (!secret.isMissingNode()
              && !secret.path("optional").asBoolean()
              && !generatedSecrets.contains(name)) {
            requireExists(overlay, d, "Secret", name, problems);
          }
        }
        Map<String, String> env = overlay.environment(c);
        checkDatabase(overlay, d, env, c, problems);
        checkKafka(overlay, d, env.get("KAFKA_BOOTSTRAP_SERVERS"), problems);
      }
    }
    for (Manifest s : overlay.all("Service")) {
      List<Manifest> backends = selected(overlay, s.labels("/spec/selector"));
      if (backends.isEmpty()) {
        problems.add(s + ": selects no Deployment's pods");
      }
      for (JsonNode port : s.at("/spec/ports")) {
        String target = port.path("targetPort").asText();
        backends.stream()
            .filter(
                b ->
                    b.containers().stream()
                        .flatMap(c -> stream(c.path("ports")))
                        .noneMatch(
                            p ->
                                p.path("name").asText().equals(target)
                                    || p.path("containerPort").asText().equals(target)))
            .forEach(b -> problems.add(s + ": targetPort " + target + " is no port of " + b));
      }
    }
    for (Manifest i : overlay.all("Ingress")) {
      for (JsonNode path : i.doc().findValues("backend")) {
        String service = path.at("/service/name").asText();
        String port = path.at("/service/port/name").asText();
        boolean found =
            overlay.find("Service", service).stream()
                .flatMap(s -> stream(s.at("/spec/ports")))
                .anyMatch(p -> p.path("name").asText().equals(port));
        if (!found) {
          problems.add(i + ": backend " + service + ":" + port + " does not exist");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static void checkDatabase(
      Rendered overlay, Manifest d, Map<String, String> env, JsonNode c, List<String> problems) {
    String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
    if (url == null) {
      return;
    }
    Matcher m = Pattern.compile("jdbc:postgresql://([a-z0-9-]+)-rw:5432/(\\w+)").matcher(url);
    if (!m.matches()) {
      problems.add(d + ": " + url + " is no CloudNativePG read-write Service");
      return;
    }
    Manifest cluster = overlay.find("Cluster", m.group(1)).orElse(null);
    if (cluster == null
        || !cluster.at("/spec/bootstrap/initdb/database").asText().equals(m.group(2))) {
      problems.add(d + ": no Cluster " + m.group(1) + " with database " + m.group(2));
    }
    for (JsonNode e : c.path("env")) {
      String secret = e.at("/valueFrom/secretKeyRef/name").asText();
      if (e.path("name").asText().startsWith("QUARKUS_DATASOURCE_")
          && !secret.equals(m.group(1) + "-app")) {
        problems.add(
            d
                + ": "
                + e.path("name").asText()
                + " from "
                + secret
                + ", not "
                + m.group(1)
                + "-app");
      }
    }
  }

  private static void checkKafka(
      Rendered overlay, Manifest d, String bootstrap, List<String> problems) {
    if (bootstrap == null) {
      return;
    }
    boolean served =
        overlay.all("Kafka").stream()
            .anyMatch(
                k ->
                    stream(k.at("/spec/kafka/listeners"))
                        .anyMatch(
                            l ->
                                bootstrap.equals(
                                    k.name() + "-kafka-bootstrap:" + l.path("port").asInt())));
    if (!served) {
      problems.add(
          d + ": KAFKA_BOOTSTRAP_SERVERS " + bootstrap + " is no listener of a Kafka here");
    }
  }

  private static void requireExists(
      Rendered overlay, Manifest from, String kind, String name, List<String> problems) {
    if (overlay.find(kind, name).isEmpty()) {
      problems.add(from + ": refers to " + kind + " '" + name + "', which is not in the overlay");
    }
  }

  private static List<Manifest> selected(Rendered overlay, Map<String, String> selector) {
    return overlay.all("Deployment").stream()
        .filter(
            d ->
                !selector.isEmpty()
                    && d.labels("/spec/template/metadata/labels")
                        .entrySet()
                        .containsAll(selector.entrySet()))
        .toList();
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }

  private static boolean contains(JsonNode array, String value) {
    return stream(array).anyMatch(v -> v.asText().equals(value));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyDeploymentHasADisruptionBudgetThatLetsNodesDrain(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    for (Manifest d : overlay.all("Deployment")) {
      List<Manifest> budgets =
          overlay.all("PodDisruptionBudget").stream()
              .filter(p -> selected(overlay, p.labels("/spec/selector/matchLabels")).contains(d))
              .toList();
      if (budgets.size() != 1) {
        problems.add(d + ": covered by " + budgets.size() + " PodDisruptionBudgets, not 1");
        continue;
      }
      JsonNode minAvailable = budgets.get(0).at("/spec/minAvailable");
      if (minAvailable.isInt() && minAvailable.asInt() >= d.at("/spec/replicas").asInt(1)) {
        problems.add(
            budgets.get(0) + ": minAvailable " + minAvailable + " blocks every drain of " + d);
      }
    }
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyImageIsBuiltByItsServicesContainerfileAsTheUserAndPortDeclared(Rendered overlay)
      throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> images = new TreeSet<>();
    for (Manifest d : overlay.all("Deployment")) {
      JsonNode podSecurity = d.at("/spec/template/spec/securityContext");
      for (JsonNode c : d.containers()) {
        String service = Rendered.module(c);
        images.add(service);
        Path containerfile = ROOT.resolve(service).resolve("src/main/docker/Dockerfile.jvm");
        if (!Files.isRegularFile(containerfile)) {
          problems.add(d + ": no " + ROOT.relativize(containerfile) + " builds " + service);
          continue;
        }
        String text = Files.readString(containerfile);
        String uid =
            c.at("/securityContext/runAsUser").asText(podSecurity.path("runAsUser").asText());
        if (!Pattern.compile("(?m)^USER " + uid + "$").matcher(text).find()) {
          problems.add(containerfile + ": does not run as USER " + uid + " like " + d);
        }
        for (JsonNode port : c.path("ports")) {
          if (!Pattern.compile("(?m)^EXPOSE " + port.path("containerPort").asInt() + "$")
              .matcher(text)
              .find()) {
            problems.add(
                containerfile + ": does not EXPOSE " + port.path("containerPort") + " like " + d);
          }
        }
      }
    }
    assertThat(images).containsExactlyInAnyOrderElementsOf(SERVICES);
    assertThat(problems).isEmpty();
  }

  @Test
  void devRunsOneOfEverything() throws IOException {
    Rendered dev = Rendered.of(Kustomize.k8sRoot().resolve("overlays/dev"));
    List<String> problems = new ArrayList<>();
    dev.all("Deployment").stream()
        .filter(d -> d.at("/spec/replicas").isNumber() && d.at("/spec/replicas").asInt() != 1)
        .forEach(d -> problems.add(d + ": " + d.at("/spec/replicas") + " replicas"));
    dev.all("ScaledObject").stream()
        .filter(s -> s.at("/spec/maxReplicaCount").asInt() != 1)
        .forEach(s -> problems.add(s + ": up to " + s.at("/spec/maxReplicaCount") + " workers"));
    dev.all("KafkaNodePool").stream()
        .filter(p -> p.at("/spec/replicas").asInt() != 1)
        .forEach(p -> problems.add(p + ": " + p.at("/spec/replicas") + " Kafka nodes"));
    dev.all("Kafka")
        .forEach(
            k ->
                k.at("/spec/kafka/config")
                    .properties()
                    .forEach(
                        e -> {
                          if (e.getKey()
                                  .matches(
                                      ".*(replication\\.factor|min\\.isr|min\\.insync\\.replicas)")
                              && e.getValue().asInt() != 1) {
                            problems.add(
                                k
                                    + ": "
                                    + e.getKey()
                                    + " "
                                    + e.getValue()
                                    + " needs more than one broker");
                          }
                        }));
    dev.all("Cluster").stream()
        .filter(c -> c.at("/spec/instances").asInt() != 1)
        .forEach(c -> problems.add(c + ": " + c.at("/spec/instances") + " PostgreSQL instances"));
    assertThat(problems).isEmpty();
  }
}
