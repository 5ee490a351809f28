package org.copr.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.restassured.response.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.copr.api.storage.Storage;

/** What a failed request must leave alone: every table's content, the outbox and stored SRPMs. */
@ApplicationScoped
public class DbState {
  private static final List<String> TABLES =
      List.of(
          "users",
          "coprs",
          "copr_releases",
          "copr_arches",
          "copr_dependencies",
          "copr_permissions",
          "packages",
          "package_versions",
          "builds",
          "api_tokens");

  @Inject AgroalDataSource dataSource;
  @Inject Storage storage;

  /**
   * A digest of each table's rows; the outbox by its id sequence, since the relay deletes what it
   * sent meanwhile and a failed request must not even have tried to write an event.
   */
  public Map<String, String> fingerprint() {
    Map<String, String> state = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        state.put(
            table,
            one(
                s,
                "select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from "
                    + table
                    + " t"));
      }
      state.put("outbox", one(s, "select last_value from outbox_id_seq"));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    state.put("srpms", srpms().toString());
    return state;
  }

  public long count(String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      return Long.parseLong(one(s, sql));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a request that must fail and checks it changed nothing. */
  public void unchangedBy(Runnable failingRequest) {
    Map<String, String> before = fingerprint();
    failingRequest.run();
    assertThat(fingerprint()).isEqualTo(before);
  }

  /** Runs a request that must be refused with this status and error code, changing nothing. */
  public void refuses(int status, String code, Supplier<Response> request) {
    unchangedBy(() -> Api.error(request.get(), status, code));
  }

  public List<String> srpms() {
    Path dir = storage.layout().srpms();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
