package org.copr.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.as;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.upload;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.copr.api.Rpms;
import org.copr.testing.Processes;
import org.junit.jupiter.api.Test;

/**
 * Logs and SRPMs of ended builds leave the shared storage after copr.api.retention.days (30 in
 * tests too), never while a build still needs them; a deleted package's SRPMs go at once unless
 * another package version is made from the same file. The sweep takes the time as a parameter.
 */
@QuarkusTest
class RetentionTest {
  @Inject Retention retention;
  @Inject Storage storage;
  @Inject AgroalDataSource db;

  @Test
  void logsAndSrpmsOfBuildsEndedLongAgoAreRemovedAndNothingAnUnendedBuildNeeds() throws Exception {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    Path keptSrpm = Rpms.srpm("retained-a", "1.0");
    Path oldSrpm = Rpms.srpm("retained-b", "1.0");
    upload(alice, copr, keptSrpm).then().statusCode(202);
    upload(alice, copr, oldSrpm).then().statusCode(202);
    String kept = sha256(keptSrpm);
    String old = sha256(oldSrpm);
    List<Long> keptBuilds = buildsOf(kept);
    List<Long> oldBuilds = buildsOf(old);
    Instant now = Instant.now();
    for (long id : concat(keptBuilds, oldBuilds)) {
      log(id);
    }
    Path orphanLog = log(999_999_999_999L);
    // A link named like a build's logs, to a folder elsewhere: removed as a link, never followed.
    Path outside = Files.createTempDirectory("copr-not-logs-");
    Files.writeString(outside.resolve("precious"), "not a log");
    Path link = storage.layout().root().resolve("logs").resolve("888888888888");
    Files.createSymbolicLink(link, outside);

    sql(
        "update builds set state = 'failed', ended_at = ? where id = any(?)",
        Timestamp.from(now.minus(Duration.ofDays(40))),
        oldBuilds);
    age(storage.layout().srpm(old), now.minus(Duration.ofDays(40)));
    age(storage.layout().srpm(kept), now.minus(Duration.ofDays(40)));

    retention.sweep(now);
    for (long id : oldBuilds) {
      assertThat(storage.layout().logs(id)).doesNotExist();
    }
    assertThat(storage.layout().srpm(old)).doesNotExist();
    assertThat(orphanLog.getParent()).as("logs of a build that no longer exists").doesNotExist();
    assertThat(link).doesNotExist();
    assertThat(outside.resolve("precious")).hasContent("not a log");
    for (long id : keptBuilds) {
      assertThat(storage.layout().log(id, 1)).as("an unended build's log").isRegularFile();
    }
    assertThat(storage.layout().srpm(kept)).as("an unended build's SRPM, however old").exists();

    sql(
        "update builds set state = 'succeeded', ended_at = ? where id = any(?)",
        Timestamp.from(now.minus(Duration.ofDays(10))),
        keptBuilds);
    retention.sweep(now);
    assertThat(storage.layout().srpm(kept)).as("ended 10 days ago: kept 30").exists();
    assertThat(storage.layout().log(keptBuilds.get(0), 1)).isRegularFile();

    retention.sweep(now.plus(Duration.ofDays(25)));
    assertThat(storage.layout().srpm(kept)).doesNotExist();
    for (long id : keptBuilds) {
      assertThat(storage.layout().logs(id)).doesNotExist();
    }
    // The builds themselves stay in the API: only their files are gone.
    as(alice).get("/builds/{id}", keptBuilds.get(0)).then().statusCode(200);
  }

  @Test
  void aFreshUploadIsNeverSweptAway() throws Exception {
    String bob = newUser("bob");
    String copr = newCopr(bob, List.of("fedora-40"), List.of("x86_64"));
    Path srpm = Rpms.srpm("fresh-upload", "1.0");
    upload(bob, copr, srpm).then().statusCode(202);
    String sha = sha256(srpm);
    // Even when its builds ended (a hand in the database): the file is younger than the cutoff.
    sql(
        "update builds set state = 'failed', ended_at = ? where id = any(?)",
        Timestamp.from(Instant.now().minus(Duration.ofDays(40))),
        buildsOf(sha));
    retention.sweep(Instant.now());
    assertThat(storage.layout().srpm(sha)).exists();
  }

  @Test
  void deletingAPackageDeletesItsSrpmsThatNoOtherVersionIsMadeFrom() throws Exception {
    String carol = newUser("carol");
    String first = newCopr(carol, List.of("fedora-40"), List.of("x86_64"));
    String second = newCopr(carol, List.of("fedora-40"), List.of("x86_64"));
    Path shared = Rpms.srpm("shared-pkg", "1.0");
    Path own = Rpms.srpm("own-pkg", "1.0");
    upload(carol, first, shared).then().statusCode(202);
    upload(carol, second, shared).then().statusCode(202);
    upload(carol, first, own).then().statusCode(202);

    as(carol).delete("/coprs/{c}/packages/{p}", first, "own-pkg").then().statusCode(204);
    assertThat(storage.layout().srpm(sha256(own))).doesNotExist();

    as(carol).delete("/coprs/{c}/packages/{p}", first, "shared-pkg").then().statusCode(204);
    assertThat(storage.layout().srpm(sha256(shared)))
        .as("copr %s still has a version made from it", second)
        .exists();
    as(carol).delete("/coprs/{c}/packages/{p}", second, "shared-pkg").then().statusCode(204);
    assertThat(storage.layout().srpm(sha256(shared))).doesNotExist();
  }

  private Path log(long buildId) throws Exception {
    Path log = storage.layout().log(buildId, 1);
    Files.createDirectories(log.getParent());
    Files.writeString(log, "build output of " + buildId);
    return log;
  }

  private static void age(Path file, Instant when) throws Exception {
    Files.setLastModifiedTime(file, FileTime.from(when));
  }

  private List<Long> buildsOf(String sha) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select b.id from builds b join package_versions v on v.id = b.version_id"
                    + " where v.srpm_sha256 = ?")) {
      s.setString(1, sha);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
    }
    assertThat(ids).isNotEmpty();
    return ids;
  }

  private void sql(String sql, Timestamp at, List<Long> ids) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setTimestamp(1, at);
      s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
      s.executeUpdate();
    }
  }

  private static List<Long> concat(List<Long> a, List<Long> b) {
    List<Long> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String sha256(Path file) {
    return Processes.check(
            file.getParent(), java.util.Map.of(), List.of("sha256sum", file.toString()))
        .substring(0, 64);
  }
}
