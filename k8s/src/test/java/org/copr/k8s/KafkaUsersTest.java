package org.copr.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.copr.contracts.TopicAccess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bus in k8s serves only authenticated clients within their ACLs: one KafkaUser per service
 * (its module's name), one per build worker ({@code worker.<COPR_WORKER_ID>}) and the read-only
 * reader, each with exactly the rights of contracts' TopicAccess, and every service logs in as its
 * own user.
 */
class KafkaUsersTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void everyListenerAuthenticatesAndTheBrokerAuthorizes(Rendered overlay) {
    assertThat(overlay.all("Kafka")).isNotEmpty();
    for (Manifest k : overlay.all("Kafka")) {
      assertThat(k.at("/spec/kafka/authorization/type").asText())
          .as(k + " authorization")
          .isEqualTo("simple");
      assertThat(k.at("/spec/kafka/config/allow.everyone.if.no.acl.found").asBoolean(false))
          .as(k + ": no ACL must mean no access")
          .isFalse();
      assertThat(k.at("/spec/entityOperator/userOperator").isObject())
          .as(k + ": a User Operator makes the KafkaUsers' Secrets and ACLs")
          .isTrue();
      Manifest.items(k.at("/spec/kafka/listeners"))
          .forEach(
              l ->
                  assertThat(l.at("/authentication/type").asText())
                      .as(k + " listener " + l.path("name").asText())
                      .isEqualTo("scram-sha-512"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void eachKafkaUsersAclsAreExactlyItsTopicAccess(Rendered overlay) {
    Map<String, Set<String>> actual = new TreeMap<>();
    for (Manifest u : overlay.all("KafkaUser")) {
      assertThat(u.at("/metadata/labels/strimzi.io~1cluster").asText())
          .as(u + " cluster")
          .isEqualTo("copr");
      assertThat(u.at("/spec/authentication/type").asText())
          .as(u + " authentication")
          .isEqualTo("scram-sha-512");
      assertThat(u.at("/spec/authorization/type").asText())
          .as(u + " authorization")
          .isEqualTo("simple");
      Set<String> acls = new TreeSet<>();
      for (JsonNode acl : u.at("/spec/authorization/acls")) {
        assertThat(acl.path("host").asText("*")).as(u + " host").isEqualTo("*");
        assertThat(acl.path("type").asText("allow")).as(u + " type").isEqualTo("allow");
        JsonNode r = acl.path("resource");
        String name =
            r.path("name").asText() + (r.path("patternType").asText().equals("prefix") ? "*" : "");
        for (JsonNode op : acl.path("operations")) {
          acls.add(
              op.asText().toUpperCase() + " " + r.path("type").asText().toUpperCase() + " " + name);
        }
      }
      actual.put(u.name(), acls);
    }
    Map<String, Set<String>> expected = new TreeMap<>();
    TopicAccess.byUser(workers(overlay))
        .forEach((user, access) -> expected.put(user, expected(access)));
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void everyServiceLogsInAsItsOwnKafkaUser(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    for (Manifest d : overlay.all("Deployment")) {
      for (JsonNode c : d.containers()) {
        // A build worker logs in as its own worker's user, every other service as its module's.
        String service =
            Rendered.module(c).equals("build-worker")
                ? TopicAccess.worker(overlay.environment(c).get("COPR_WORKER_ID"))
                : Rendered.module(c);
        boolean worker = Rendered.module(c).equals("build-worker");
        JsonNode jaas =
            worker
                ? loginFile(d, c)
                : Manifest.items(c.path("env"))
                    .filter(e -> e.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG"))
                    .findFirst()
                    .map(e -> e.at("/valueFrom/secretKeyRef"))
                    .orElse(null);
        if (jaas == null
            || !jaas.path("name").asText().equals(service)
            || !jaas.path("key").asText().equals("sasl.jaas.config")
            || jaas.path("optional").asBoolean()) {
          problems.add(
              d
                  + (worker
                      ? ": COPR_KAFKA_LOGIN_FILE must be key sasl.jaas.config of Secret "
                      : ": KAFKA_SASL_JAAS_CONFIG must come from Secret ")
                  + service
                  + (worker ? ", mounted 0400" : ", key sasl.jaas.config"));
        }
        if (overlay.find("KafkaUser", service).isEmpty()) {
          problems.add(d + ": no KafkaUser " + service);
        }
      }
    }
    for (String service : Project.SERVICES) {
      Map<String, String> p = Project.config(service).properties();
      if (!"SASL_PLAINTEXT".equals(p.get("kafka.security.protocol"))
          || !"SCRAM-SHA-512".equals(p.get("kafka.sasl.mechanism"))) {
        problems.add(service + ": application.properties must log in with SASL/SCRAM-SHA-512");
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * A worker's identity is its credentials: each build-worker Deployment names a worker id of its
   * own, and runs at most one pod at any time (a pod template cannot give each of several pods a
   * Secret of its own, and two processes under one id would be one identity).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void eachBuildWorkerIsAnIdentityOfItsOwnWithAtMostOnePod(Rendered overlay) {
    List<String> ids = workers(overlay);
    assertThat(ids).isNotEmpty().doesNotContainNull().doesNotHaveDuplicates();
    for (Manifest d : overlay.all("Deployment")) {
      if (d.containers().stream().noneMatch(c -> Rendered.module(c).equals("build-worker"))) {
        continue;
      }
      assertThat(d.at("/spec/strategy/type").asText()).as(d + " strategy").isEqualTo("Recreate");
      Manifest scaler =
          overlay.all("ScaledObject").stream()
              .filter(so -> so.at("/spec/scaleTargetRef/name").asText().equals(d.name()))
              .findFirst()
              .orElseThrow();
      assertThat(scaler.at("/spec/maxReplicaCount").asInt()).as(scaler + " max").isEqualTo(1);
    }
  }

  /** The worker ids of the overlay's build-worker Deployments (each a KafkaUser of its own). */
  static List<String> workers(Rendered overlay) {
    List<String> ids = new ArrayList<>();
    for (Manifest d : overlay.all("Deployment")) {
      for (JsonNode c : d.containers()) {
        if (Rendered.module(c).equals("build-worker")) {
          ids.add(overlay.environment(c).get("COPR_WORKER_ID"));
        }
      }
    }
    return ids;
  }

  private static Set<String> expected(TopicAccess access) {
    Set<String> acls = new TreeSet<>();
    access.writes().forEach(t -> acls.add("WRITE TOPIC " + t));
    access.reads().forEach(t -> acls.add("READ TOPIC " + t));
    access.groups().forEach(g -> acls.add("READ GROUP " + g));
    access.groupPrefixes().forEach(g -> acls.add("READ GROUP " + g + "*"));
    return acls;
  }

  /**
   * A build worker's login comes from a file (a build must not find it in any environment): the
   * Secret and key behind {@code COPR_KAFKA_LOGIN_FILE}, as {@code name}/{@code key}, when that
   * file is a Secret's item mounted readable by its owner alone; otherwise null.
   */
  private static JsonNode loginFile(Manifest d, JsonNode c) {
    boolean inEnvironment =
        Manifest.items(c.path("env"))
            .anyMatch(e -> e.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG"));
    String file =
        Manifest.items(c.path("env"))
            .filter(e -> e.path("name").asText().equals("COPR_KAFKA_LOGIN_FILE"))
            .map(e -> e.path("value").asText())
            .findFirst()
            .orElse("");
    if (inEnvironment || file.isEmpty()) {
      return null;
    }
    for (JsonNode mount : (Iterable<JsonNode>) Manifest.items(c.path("volumeMounts"))::iterator) {
      String dir = mount.path("mountPath").asText() + "/";
      if (!file.startsWith(dir)) {
        continue;
      }
      String item = file.substring(dir.length());
      JsonNode secret =
          Manifest.items(d.doc().at("/spec/template/spec/volumes"))
              .filter(v -> v.path("name").asText().equals(mount.path("name").asText()))
              .map(v -> v.path("secret"))
              .findFirst()
              .orElse(null);
      if (secret == null || secret.path("defaultMode").asInt(0644) != 0400) {
        return null;
      }
      return Manifest.items(secret.path("items"))
          .filter(i -> i.path("path").asText().equals(item))
          .findFirst()
          .map(
              i ->
                  (JsonNode)
                      com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                          .objectNode()
                          .put("name", secret.path("secretName").asText())
                          .put("key", i.path("key").asText()))
          .orElse(null);
    }
    return null;
  }
}
