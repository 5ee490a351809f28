package org.copr.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Gives a {@code @QuarkusTest} a new, empty database on the real PostgreSQL server (the machine's,
 * at {@code COPR_TEST_PG_HOST}:{@code COPR_TEST_PG_PORT}, default 127.0.0.1:5432, user postgres),
 * dropped again when the tests end.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
  private static final String HOST = env("COPR_TEST_PG_HOST", "127.0.0.1");
  private static final String PORT = env("COPR_TEST_PG_PORT", "5432");
  private static final String USER = env("COPR_TEST_PG_USER", "postgres");
  private static final String PASSWORD = env("COPR_TEST_PG_PASSWORD", "");

  private String database;

  @Override
  public Map<String, String> start() {
    database = "copr_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin("CREATE DATABASE " + database);
    return Map.of(
        "quarkus.datasource.jdbc.url", jdbcUrl(database),
        "quarkus.datasource.username", USER,
        "quarkus.datasource.password", PASSWORD);
  }

  @Override
  public void stop() {
    if (database != null) {
      admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
  }

  /** A connection to a test database as the tests' PostgreSQL user. */
  public static Connection connect(String jdbcUrl) throws SQLException {
    return DriverManager.getConnection(jdbcUrl, USER, PASSWORD);
  }

  private static void admin(String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + HOST + ":" + PORT + " refused '" + sql + "': " + e.getMessage(), e);
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
