package org.copr.runtime.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.copr.contracts.BuildControl;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.Envelope;
import org.copr.contracts.Event;
import org.copr.contracts.Topics;

/**
 * Events to send, stored in the caller's transaction: they leave only if the change they announce
 * is committed, and they are not lost while the broker is away. A transaction's events are written
 * together, in one statement, just before it commits; the relay is woken once it has.
 */
@ApplicationScoped
public class Outbox {
  private final TransactionSynchronizationRegistry transactions;
  private final DataSource dataSource;
  private final OutboxRelay relay;

  Outbox(
      TransactionSynchronizationRegistry transactions, DataSource dataSource, OutboxRelay relay) {
    this.transactions = transactions;
    this.dataSource = dataSource;
    this.relay = relay;
  }

  /**
   * Sends {@code event} to {@code topic} under {@code key} once the caller's transaction commits.
   */
  public void send(String topic, String key, Event event) {
    send(topic, key, Envelope.of(event));
  }

  /** As {@link #send(String, String, Event)}, under an envelope it already has (same event id). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void send(String topic, String key, Envelope<?> event) {
    Pending pending = (Pending) transactions.getResource(Pending.class);
    if (pending == null) {
      pending = new Pending();
      transactions.putResource(Pending.class, pending);
      transactions.registerInterposedSynchronization(pending);
    }
    pending.rows.add(OutboxRow.of(topic, key, event));
  }

  public void copr(CoprEvent event) {
    send(Topics.COPRS, event.copr(), event);
  }

  public void buildRequested(BuildRequested event) {
    send(Topics.BUILDS_REQUESTED, Long.toString(event.build().buildId()), event);
  }

  /** To the dispatch topic of the one worker it is addressed to, which alone reads it. */
  public void dispatch(BuildDispatch dispatch) {
    send(
        Topics.workerDispatch(dispatch.workerId()),
        Long.toString(dispatch.build().buildId()),
        dispatch);
  }

  public void status(BuildStatus status) {
    status(Envelope.of(status));
  }

  /** Forwards a status event unchanged: under its own envelope, so its id stays the same. */
  public void status(Envelope<? extends BuildStatus> status) {
    send(Topics.BUILDS_STATUS, Long.toString(status.event().buildId()), status);
  }

  public void control(BuildControl order) {
    send(Topics.BUILDS_CONTROL, Long.toString(order.buildId()), order);
  }

  private final class Pending implements Synchronization {
    final List<OutboxRow> rows = new ArrayList<>();

    @Override
    public void beforeCompletion() {
      // The transaction's own connection: the rows commit or roll back with the caller's change.
      try (Connection c = dataSource.getConnection()) {
        OutboxTable.insert(c, rows);
      } catch (SQLException e) {
        transactions.setRollbackOnly();
        throw new IllegalStateException("cannot write " + rows.size() + " outbox events", e);
      }
    }

    @Override
    public void afterCompletion(int status) {
      if (status == Status.STATUS_COMMITTED) {
        relay.wake();
      }
    }
  }
}
