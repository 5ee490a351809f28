package org.copr.scheduler.build;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.copr.scheduler.NotFound;

/** One build as the scheduler sees it, read-only: which attempt, where, since when. */
@Path("/queue/builds")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduledBuildResource {
  private final BuildTransitions builds;

  ScheduledBuildResource(BuildTransitions builds) {
    this.builds = builds;
  }

  @GET
  @Path("/{id}")
  public BuildView build(@PathParam("id") long id) {
    return builds.view(id).orElseThrow(() -> new NotFound("the scheduler has no build " + id));
  }
}
