package org.copr.runtime.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Sends one batch of the outbox in id order and deletes what the broker acknowledged, all in one
 * transaction that holds the relay lock, so that however many replicas relay, one does at a time
 * and each key's events leave in the order they were committed. The producer keeps that order on
 * the wire (idempotent, at most five requests in flight). A row the broker can never take is set
 * aside with the reason; any other failure ends the round and what follows waits for the next.
 */
final class OutboxSender {
  private final DataSource dataSource;
  private final Producer<String, String> producer;
  private final int batchSize;

  /** What a round did; {@code stoppedBy} is the failure that ended it early, if one did. */
  record Round(boolean locked, int sent, List<String> setAside, Throwable stoppedBy) {
    static final Round ANOTHER_REPLICA = new Round(false, 0, List.of(), null);

    int handled() {
      return sent + setAside.size();
    }
  }

  OutboxSender(DataSource dataSource, Producer<String, String> producer, int batchSize) {
    this.dataSource = dataSource;
    this.producer = producer;
    this.batchSize = batchSize;
  }

  int batchSize() {
    return batchSize;
  }

  Round relayOnce() throws SQLException, InterruptedException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (!OutboxTable.lockForRelay(c)) {
          c.rollback();
          return Round.ANOTHER_REPLICA;
        }
        Round round = send(c, OutboxTable.pending(c, batchSize));
        c.commit();
        return round;
      } catch (SQLException | InterruptedException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private Round send(Connection c, List<OutboxRow> batch)
      throws SQLException, InterruptedException {
    List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
    List<Long> sent = new ArrayList<>();
    List<String> setAside = new ArrayList<>();
    Throwable stoppedBy = null;
    for (int i = 0; i < batch.size() && stoppedBy == null; i++) {
      acks.add(send(batch.get(i)));
      // The first event goes alone: while the broker is away a round costs one timeout, not many.
      if (i == 0) {
        stoppedBy = retriableFailure(c, batch.get(0), acks.get(0), sent, setAside);
      }
    }
    for (int i = 1; i < acks.size() && stoppedBy == null; i++) {
      stoppedBy = retriableFailure(c, batch.get(i), acks.get(i), sent, setAside);
    }
    OutboxTable.delete(c, sent);
    return new Round(true, sent.size(), setAside, stoppedBy);
  }

  /** Waits for one acknowledgement; returns the failure that must end the round, else null. */
  private static Throwable retriableFailure(
      Connection c,
      OutboxRow row,
      Future<RecordMetadata> ack,
      List<Long> sent,
      List<String> setAside)
      throws SQLException, InterruptedException {
    try {
      ack.get();
      sent.add(row.id());
      return null;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (!poison(cause)) {
        return cause;
      }
      String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
      OutboxTable.setAside(c, row.id(), reason);
      setAside.add(row.type() + " " + row.id() + " to " + row.topic() + " (" + reason + ")");
      return null;
    }
  }

  private Future<RecordMetadata> send(OutboxRow row) {
    try {
      return producer.send(new ProducerRecord<>(row.topic(), row.key(), row.payload()));
    } catch (KafkaException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Failures of the row itself, which no retry can cure. */
  static boolean poison(Throwable e) {
    return e instanceof RecordTooLargeException
        || e instanceof RecordBatchTooLargeException
        || e instanceof InvalidTopicException
        || e instanceof SerializationException;
  }
}
