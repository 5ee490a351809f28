package org.copr.runtime.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The statements on the outbox table (shape: {@code org/copr/runtime/outbox/outbox.sql}). */
final class OutboxTable {
  /** Held by the relaying replica for the length of its transaction; any number may try. */
  private static final long RELAY_LOCK = 0x636f70726f7574L; // "coprout"

  private OutboxTable() {}

  static void insert(Connection c, List<OutboxRow> rows) throws SQLException {
    int n = rows.size();
    String[] topics = new String[n];
    String[] keys = new String[n];
    String[] types = new String[n];
    String[] payloads = new String[n];
    for (int i = 0; i < n; i++) {
      OutboxRow row = rows.get(i);
      topics[i] = row.topic();
      keys[i] = row.key();
      types[i] = row.type();
      payloads[i] = row.payload();
    }
    // ids follow the order of the events, which is the order the relay sends them in
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into outbox (topic, event_key, event_type, payload)"
                + " select t, k, e, p from unnest(?::text[], ?::text[], ?::text[], ?::text[])"
                + " with ordinality as u(t, k, e, p, n) order by n")) {
      s.setArray(1, c.createArrayOf("text", topics));
      s.setArray(2, c.createArrayOf("text", keys));
      s.setArray(3, c.createArrayOf("text", types));
      s.setArray(4, c.createArrayOf("text", payloads));
      s.executeUpdate();
    }
  }

  /** Whether this transaction may relay; false while another replica does. */
  static boolean lockForRelay(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
      s.setLong(1, RELAY_LOCK);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  static List<OutboxRow> pending(Connection c, int limit) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, topic, event_key, event_type, payload from outbox"
                + " where set_aside_at is null order by id limit ?")) {
      s.setInt(1, limit);
      List<OutboxRow> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(
              new OutboxRow(
                  r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
        }
      }
      return rows;
    }
  }

  static void delete(Connection c, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("delete from outbox where id = any(?)")) {
      s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      s.executeUpdate();
    }
  }

  static void setAside(Connection c, long id, String failure) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("update outbox set set_aside_at = now(), failure = ? where id = ?")) {
      s.setString(1, failure);
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  static long count(Connection c, String condition) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("select count(*) from outbox where " + condition);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }
}
