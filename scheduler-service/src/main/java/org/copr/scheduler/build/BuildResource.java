package org.copr.scheduler.build;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;

/** One build as the scheduler sees it, read-only: which attempt, where, since when. */
@Path("/queue/builds")
@Produces(MediaType.APPLICATION_JSON)
public class BuildResource {

  public record BuildView(
      long buildId,
      String copr,
      String owner,
      String packageName,
      String chroot,
      String arch,
      String state,
      int attempt,
      String workerId,
      String outcome,
      Instant queuedAt,
      Instant dispatchedAt,
      Instant startedAt,
      Instant endedAt) {

    static BuildView of(Build b) {
      return new BuildView(
          b.buildId,
          b.copr,
          b.owner,
          b.packageName,
          b.chroot,
          b.arch,
          b.state.name().toLowerCase(),
          b.attempt,
          b.workerId,
          b.outcome,
          b.queuedAt,
          b.dispatchedAt,
          b.startedAt,
          b.endedAt);
    }
  }

  @GET
  @Path("/{id}")
  public Response build(@PathParam("id") long id) {
    return Build.<Build>findByIdOptional(id)
        .map(b -> Response.ok(BuildView.of(b)))
        .orElseGet(
            () ->
                Response.status(Response.Status.NOT_FOUND)
                    .entity(
                        Map.of("error", "not_found", "detail", "the scheduler has no build " + id)))
        .build();
  }
}
