package org.copr.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a service's database refuse its work for a while, as a database restarting would: one of
 * its tables is taken away (renamed) until {@link #close}, so every statement on it fails. With the
 * service's own data untouched, what it retries afterwards succeeds.
 */
public final class DatabaseOutage implements AutoCloseable {
  private final String jdbcUrl;
  private final String table;

  private DatabaseOutage(String jdbcUrl, String table) {
    this.jdbcUrl = jdbcUrl;
    this.table = table;
  }

  /** Takes {@code table} of the database at {@code jdbcUrl} away. */
  public static DatabaseOutage of(String jdbcUrl, String table) {
    execute(jdbcUrl, "ALTER TABLE " + table + " RENAME TO " + away(table));
    return new DatabaseOutage(jdbcUrl, table);
  }

  /** Gives the table back. */
  @Override
  public void close() {
    execute(jdbcUrl, "ALTER TABLE " + away(table) + " RENAME TO " + table);
  }

  private static String away(String table) {
    return table + "_away";
  }

  private static void execute(String jdbcUrl, String sql) {
    try (Connection c = PostgresTestResource.connect(jdbcUrl);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("'" + sql + "' failed: " + e.getMessage(), e);
    }
  }
}
