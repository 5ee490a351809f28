package org.copr.worker.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.copr.worker.attempt.BuildSlots;
import org.copr.worker.builder.Builder;
import org.copr.worker.config.ThisWorker;

/** Read-only: what this worker is and what it builds right now. */
@Path("/builds")
@Produces(MediaType.APPLICATION_JSON)
public class BuildsResource {
  private final ThisWorker worker;
  private final Builder builder;
  private final BuildSlots builds;

  public BuildsResource(ThisWorker worker, Builder builder, BuildSlots builds) {
    this.worker = worker;
    this.builder = builder;
    this.builds = builds;
  }

  @GET
  public WorkerBuildsView list() {
    return new WorkerBuildsView(
        worker.id(),
        worker.arch(),
        worker.slots(),
        builder.name(),
        builds.draining(),
        builds.running().stream().map(RunningBuildView::of).toList());
  }
}
