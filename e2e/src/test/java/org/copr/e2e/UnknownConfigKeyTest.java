package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.copr.testing.Processes;
import org.copr.testing.Repo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An operator's typo under a service's own prefix stops that service at start, naming the key,
 * instead of leaving the setting at its default without a word.
 */
class UnknownConfigKeyTest {

  @ParameterizedTest
  @CsvSource({
    "api-service, copr.api.srpm.max-sise",
    "scheduler-service, copr.scheduler.max-atempts",
    "build-worker, copr.worker.slot",
    "repo-worker, copr.repo.createrepo.worker"
  })
  void aMisspeltKeyStopsTheStart(String module, String misspelt) {
    Path jar = Repo.root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");

    Processes.Result start =
        Processes.run(
            Repo.root(),
            Map.of(),
            List.of(
                "java", "-D" + misspelt + "=2", "-Dquarkus.http.port=0", "-jar", jar.toString()),
            Duration.ofMinutes(2));

    assertThat(start.exitCode()).isNotZero();
    assertThat(start.output()).contains(misspelt).contains("does not map to any root");
  }
}
