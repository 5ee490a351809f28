package org.copr.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configured key is one its service reads, and every reference points at something the
 * overlay has.
 */
class ConfigurationTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void everyConfiguredKeyIsReadByItsServiceAndRequiredOnesAreSet(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    for (Manifest d : overlay.all("Deployment")) {
      for (JsonNode c : d.containers()) {
        String service = Rendered.module(c);
        if (!Project.SERVICES.contains(service)) {
          problems.add(d + ": runs " + service + ", which is no Copr service");
          continue;
        }
        ServiceConfig config = Project.config(service);
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
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void everyReferenceResolves(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    Set<String> generatedSecrets = new TreeSet<>();
    overlay.all("Cluster").forEach(c -> generatedSecrets.add(c.name() + "-app"));
    // Strimzi's User Operator makes a Secret of each KafkaUser's name.
    overlay.all("KafkaUser").forEach(u -> generatedSecrets.add(u.name()));
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
      List<Manifest> backends = overlay.deploymentsSelectedBy(s.labels("/spec/selector"));
      if (backends.isEmpty() && !IngressTest.CLOSED.equals(s.name())) {
        problems.add(s + ": selects no Deployment's pods");
      }
      for (JsonNode port : s.at("/spec/ports")) {
        String target = port.path("targetPort").asText();
        backends.stream()
            .filter(
                b ->
                    b.containers().stream()
                        .flatMap(c -> Manifest.items(c.path("ports")))
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
                .flatMap(s -> Manifest.items(s.at("/spec/ports")))
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
                    Manifest.items(k.at("/spec/kafka/listeners"))
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
}
