package org.copr.scheduler.queue;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.copr.contracts.rest.QueueView;
import org.copr.scheduler.SchedulerConfig;

/** The queue, read-only, for people and dashboards. */
@Path("/queue")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {
  private final SchedulerConfig config;
  private final ArchLoad load;

  QueueResource(SchedulerConfig config, ArchLoad load) {
    this.config = config;
    this.load = load;
  }

  @GET
  @Transactional
  public QueueView queue() {
    return new QueueView(config.arches().stream().sorted().map(load::view).toList());
  }
}
