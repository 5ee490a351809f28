package org.copr.worker.web;

import jakarta.enterprise.context.ApplicationScoped;
import org.copr.worker.build.Builds;
import org.copr.worker.builder.Builder;
import org.copr.worker.messaging.ControlConsumer;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the worker would hear a cancel, and not while it drains. */
@Readiness
@ApplicationScoped
public class WorkerReadiness implements HealthCheck {
  private final Builder builder;
  private final Builds builds;
  private final ControlConsumer control;

  public WorkerReadiness(Builder builder, Builds builds, ControlConsumer control) {
    this.builder = builder;
    this.builds = builds;
    this.control = control;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("build-worker")
        .status(control.listening() && !builds.draining())
        .withData("backend", builder.name())
        .withData("builder", builder.executable().toString())
        .withData("listening for cancels", control.listening())
        .withData("draining", builds.draining())
        .withData("running", builds.running().size())
        .build();
  }
}
