package org.copr.worker.web;

import jakarta.enterprise.context.ApplicationScoped;
import org.copr.worker.attempt.BuildSlots;
import org.copr.worker.builder.Builder;
import org.copr.worker.messaging.ControlConsumer;
import org.copr.worker.messaging.DispatchConsumer;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the worker would hear a dispatch and a cancel, and not while it drains. */
@Readiness
@ApplicationScoped
public class WorkerReadiness implements HealthCheck {
  private final Builder builder;
  private final BuildSlots builds;
  private final ControlConsumer control;
  private final DispatchConsumer dispatches;

  public WorkerReadiness(
      Builder builder, BuildSlots builds, ControlConsumer control, DispatchConsumer dispatches) {
    this.builder = builder;
    this.builds = builds;
    this.control = control;
    this.dispatches = dispatches;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("build-worker")
        .status(control.listening() && dispatches.listening() && !builds.draining())
        .withData("backend", builder.name())
        .withData("builder", builder.executable().toString())
        .withData("listening for cancels", control.listening())
        .withData("listening for dispatches", dispatches.listening())
        .withData("draining", builds.draining())
        .withData("running", builds.running().size())
        .build();
  }
}
