package org.copr.scheduler.queue;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.copr.scheduler.SchedulerConfig;

/** The queue, read-only, for people and dashboards. */
@Path("/queue")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {
  @Inject SchedulerConfig config;
  @Inject ArchLoad load;

  @GET
  @Transactional
  public QueueView queue() {
    return new QueueView(config.arches().stream().sorted().map(load::view).toList());
  }
}
