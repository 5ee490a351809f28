package org.copr.api.build;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Submissions that start together, as Fedora Copr's batch: each with all its builds. A batch {@code
 * blockedBy} another waits until every build of that one has ended (succeeded, failed or canceled).
 * See {@link Batches}.
 */
@Entity
@Table(name = "batches")
public class Batch extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "blocked_by")
  public Long blockedBy;

  @Column(name = "created_at")
  public Instant createdAt;

  /** Set once, when its last unended build ended. */
  @Column(name = "ended_at")
  public Instant endedAt;
}
