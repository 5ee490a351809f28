package org.copr.repo;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the shared storage's repos/ folder can be written. */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {
  private final Path repos;

  StorageHealthCheck(RepoWorkerConfig config) {
    this.repos = config.layout().repos();
  }

  @Override
  public HealthCheckResponse call() {
    boolean ok = Files.isDirectory(repos) && Files.isWritable(repos);
    return HealthCheckResponse.named("repo storage")
        .status(ok)
        .withData("repos", repos.toString())
        .build();
  }
}
