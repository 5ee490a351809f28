package org.copr.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks themselves: each catches the mistake it exists for, on a small made-up input. */
class CheckersTest {

  private static Manifest yaml(String text) throws Exception {
    return new Manifest(new YAMLMapper().readTree(text));
  }

  @Test
  void aMisspelledFieldOfABuiltInKindIsReported() throws Exception {
    Manifest deployment =
        yaml(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers:
                    - name: c
                      image: i
                      readinesProbe: {httpGet: {path: /q/health/ready, port: 8080}}
            """);
    assertThat(KubernetesModels.unknownFields(deployment))
        .containsExactly("/spec/template/spec/containers/0/readinesProbe");
  }

  @Test
  void aStrimziFieldOfTheWrongShapeIsRefused() throws Exception {
    Manifest topic =
        yaml(
            """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaTopic
            metadata: {name: t}
            spec: {partitions: many}
            """);
    assertThatThrownBy(() -> KubernetesModels.read(topic)).hasMessageContaining("KafkaTopic");
  }

  @Test
  void aCustomResourceIsCheckedAgainstItsCrdSchema() throws Exception {
    Manifest scaledObject =
        yaml(
            """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: s}
            spec:
              scaleTargetRef: {name: d}
              minReplicaCount: "0"
              cooldownPeriodd: 10
              triggers: [{type: kafka, metadata: {topic: t}}]
            """);
    assertThat(CrdSchema.of(scaledObject).violations(scaledObject))
        .containsExactlyInAnyOrder(
            "/spec/minReplicaCount: must be an integer, is \"0\"",
            "/spec/cooldownPeriodd: unknown field");
    Manifest noTarget =
        yaml("apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nspec: {triggers: []}");
    assertThat(CrdSchema.of(noTarget).violations(noTarget))
        .contains("/spec/scaleTargetRef: required");
  }

  @Test
  void serviceKeysComeFromPropertiesMappingsAndConfigProperties(@TempDir Path module)
      throws Exception {
    Files.createDirectories(module.resolve("src/main/resources"));
    Files.writeString(
        module.resolve("src/main/resources/application.properties"),
        "copr.storage=/srv\n%test.copr.only-in-tests=1\nmp.messaging.incoming.x.topic=copr.${copr.arch:x86_64}\n");
    Path java = Files.createDirectories(module.resolve("src/main/java/org/example"));
    Files.writeString(
        java.resolve("ExampleConfig.java"),
        """
        package org.example;
        /** Not a method(); in a comment. */
        @ConfigMapping(prefix = "copr.example")
        public interface ExampleConfig {
          @WithDefault("2") int slotCount();
          String requiredName();
          Optional<String> maybe();
          @WithName("renamed") String original();
          Group group();
          default String derived() { return requiredName(); }
          interface Group { Duration pollInterval(); }
        }
        """);
    Files.writeString(
        java.resolve("Uses.java"),
        "class Uses { @ConfigProperty(name = \"kafka.bootstrap.servers\") String servers; }");

    ServiceConfig config = ServiceConfig.of(module);

    assertThat(config.keys())
        .contains(
            "copr.storage",
            "copr.only-in-tests",
            "copr.example.slot-count",
            "copr.example.required-name",
            "copr.example.maybe",
            "copr.example.renamed",
            "copr.example.group.poll-interval",
            "kafka.bootstrap.servers")
        .doesNotContain("copr.example.derived", "copr.example.original", "copr.example.group");
    assertThat(config.required())
        .containsExactlyInAnyOrder(
            "copr.example.required-name",
            "copr.example.renamed",
            "copr.example.group.poll-interval");
    assertThat(config.keyOfEnv("COPR_EXAMPLE_SLOT_COUNT")).contains("copr.example.slot-count");
    assertThat(config.keyOfEnv("COPR_EXAMPLE_SLOTS")).isEmpty();
    assertThat(config.resolve("copr.${copr.arch:x86_64}", Map.of("COPR_ARCH", "aarch64")))
        .isEqualTo("copr.aarch64");
    assertThat(config.resolve("copr.${copr.arch:x86_64}", Map.of())).isEqualTo("copr.x86_64");
  }

  @Test
  void quarkusDurationsParseAsQuarkusReadsThem() {
    assertThat(BuildWorkerScalingTest.quarkusDuration("1h")).hasHours(1);
    assertThat(BuildWorkerScalingTest.quarkusDuration("5m")).hasMinutes(5);
    assertThat(BuildWorkerScalingTest.quarkusDuration("90")).hasSeconds(90);
    assertThat(BuildWorkerScalingTest.quarkusDuration("PT2M")).hasMinutes(2);
  }
}
