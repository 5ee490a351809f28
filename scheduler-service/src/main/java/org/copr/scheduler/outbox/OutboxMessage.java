package org.copr.scheduler.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event waiting to be sent to Kafka. */
@Entity
@Table(name = "outbox")
public class OutboxMessage extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String topic;
  public String messageKey;
  public String payload;
  public Instant createdAt;
}
