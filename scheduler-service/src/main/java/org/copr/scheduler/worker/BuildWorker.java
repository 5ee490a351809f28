package org.copr.scheduler.worker;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A build worker as its last heartbeat described it. */
@Entity
@Table(name = "worker")
public class BuildWorker extends PanacheEntityBase {
  @Id public String workerId;

  /** New at every start of the worker's process: a change means it restarted. */
  public String incarnation;

  public String arch;
  public int slots;
  public boolean draining;

  /** When the scheduler received the last heartbeat (its own clock, not the worker's). */
  public Instant lastSeen;
}
