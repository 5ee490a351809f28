package org.copr.scheduler.worker;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.copr.scheduler.build.Build;

/** The build workers as the scheduler knows them, read-only: who is alive and what each holds. */
@Path("/queue/workers")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {
  @Inject Workers workers;

  /**
   * @param live heard from within the worker timeout
   * @param held attempts addressed to it, dispatched or running
   */
  public record WorkerView(
      String workerId,
      String arch,
      String incarnation,
      int slots,
      long held,
      boolean draining,
      boolean live,
      Instant lastSeen) {}

  /** Every worker heard from within the last hour (gone pods' names are not kept in view). */
  @GET
  @Transactional
  public List<WorkerView> recent() {
    return Worker.<Worker>list(
            "lastSeen > ?1 order by workerId", Instant.now().minus(Duration.ofHours(1)))
        .stream()
        .map(this::view)
        .toList();
  }

  @GET
  @Path("/{id}")
  @Transactional
  public Response one(@PathParam("id") String id) {
    Worker worker = Worker.findById(id);
    if (worker == null) {
      return Response.status(Response.Status.NOT_FOUND)
          .entity(Map.of("error", "not_found", "detail", "the scheduler knows no worker " + id))
          .build();
    }
    return Response.ok(view(worker)).build();
  }

  private WorkerView view(Worker w) {
    long held = Build.heldFor(w.workerId).size();
    return new WorkerView(
        w.workerId,
        w.arch,
        w.incarnation,
        w.slots,
        held,
        w.draining,
        w.lastSeen.isAfter(workers.liveSince()),
        w.lastSeen);
  }
}
