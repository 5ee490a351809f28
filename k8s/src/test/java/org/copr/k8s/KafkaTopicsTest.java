package org.copr.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.copr.contracts.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The KafkaTopics are exactly the contracts' topics, and cover every topic a service names. */
class KafkaTopicsTest {
  private static final Pattern INCOMING_TOPIC =
      Pattern.compile("@(?:Incoming|Channel)\\(\\s*Topics\\.(\\w+)\\s*\\)");

  private static String topicConstant(String name) {
    try {
      return (String) Topics.class.getField(name).get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("Topics." + name + " is no topic constant", e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void kafkaTopicsAreExactlyTheContractTopicsAndCoverWhatServicesUse(Rendered overlay) {
    Set<String> kafkaClusters = new TreeSet<>();
    overlay.all("Kafka").forEach(k -> kafkaClusters.add(k.name()));
    List<String> problems = new ArrayList<>();
    Set<String> declared = new TreeSet<>();
    for (Manifest t : overlay.all("KafkaTopic")) {
      declared.add(t.topicName());
      if (!kafkaClusters.contains(t.doc().at("/metadata/labels/strimzi.io~1cluster").asText())) {
        problems.add(t + ": strimzi.io/cluster names no Kafka in " + kafkaClusters);
      }
      if (t.at("/spec/partitions").asInt() < 1 || !t.at("/spec/config/retention.ms").isNumber()) {
        problems.add(t + ": partitions and retention.ms must be chosen");
      }
    }
    List<String> workers = KafkaUsersTest.workers(overlay);
    assertThat(declared)
        .as("KafkaTopics vs Topics.all(the overlay's workers)")
        .containsExactlyInAnyOrderElementsOf(Topics.all(workers));

    // What each service's channels name, as each of its Deployments configures it (a worker's
    // topics carry its id); a channel subscribed by pattern must match every worker's reports.
    Set<String> used = new TreeSet<>();
    for (String service : Project.SERVICES) {
      ServiceConfig config = Project.config(service);
      List<Map<String, String>> envs = new ArrayList<>();
      for (Manifest d : overlay.all("Deployment")) {
        for (var c : d.containers()) {
          if (Rendered.module(c).equals(service)) {
            envs.add(overlay.environment(c));
          }
        }
      }
      if (envs.isEmpty()) {
        envs.add(Map.of());
      }
      config
          .properties()
          .forEach(
              (key, value) -> {
                if (key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
                  String channel = key.substring(0, key.length() - ".topic".length());
                  for (Map<String, String> env : envs) {
                    String topic = config.resolve(value, env);
                    if ("true".equals(config.properties().get(channel + ".pattern"))) {
                      for (String w : workers) {
                        if (!Topics.workerReports(w).matches(topic)) {
                          problems.add(key + " " + topic + " misses " + Topics.workerReports(w));
                        }
                      }
                    } else {
                      used.add(topic);
                    }
                  }
                }
              });
    }
    // A channel named after its topic sets no .topic key: its @Incoming names a Topics constant.
    for (String service : Project.SERVICES) {
      for (String source : ServiceConfig.javaSources(Project.ROOT.resolve(service))) {
        Matcher incoming = INCOMING_TOPIC.matcher(source);
        while (incoming.find()) {
          used.add(topicConstant(incoming.group(1)));
        }
      }
    }
    assertThat(used).as("topics the services read or write").contains(Topics.BUILDS_STATUS);
    used.removeAll(declared);
    used.forEach(topic -> problems.add("a service uses topic " + topic + ", no KafkaTopic has it"));
    assertThat(problems).isEmpty();
  }
}
