package org.copr.scheduler.worker;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.copr.contracts.rest.WorkerView;
import org.copr.scheduler.NotFound;

/** The build workers as the scheduler knows them, read-only: who is alive and what each holds. */
@Path("/queue/workers")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {
  private final Workers workers;

  WorkerResource(Workers workers) {
    this.workers = workers;
  }

  /** Every worker heard from within the last hour (gone pods' names are not kept in view). */
  @GET
  public List<WorkerView> recent() {
    return workers.recent();
  }

  @GET
  @Path("/{id}")
  public WorkerView one(@PathParam("id") String id) {
    return workers.view(id).orElseThrow(() -> new NotFound("the scheduler knows no worker " + id));
  }
}
