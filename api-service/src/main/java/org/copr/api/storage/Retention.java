package org.copr.api.storage;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.copr.api.ApiConfig;
import org.jboss.logging.Logger;

/**
 * Removes what the shared storage keeps of ended builds once no build needs it: a build's logs
 * ({@code logs/<build>/}) when it ended more than {@code copr.api.retention.days} ago (or is gone
 * from the database), and an SRPM ({@code srpms/<sha256>.src.rpm}) when every build of every
 * version made from it ended that long ago and the file is as old. A package's SRPMs go with the
 * package when no other package version references them. api-service owns build state, so it
 * decides; the time is a parameter, so tests choose it.
 */
@ApplicationScoped
public class Retention {
  private static final Logger LOG = Logger.getLogger(Retention.class);
  private static final Pattern BUILD_ID = Pattern.compile("[0-9]{1,18}");
  private static final Pattern SRPM = Pattern.compile("([0-9a-f]{64})\\.src\\.rpm");
  private static final int BATCH = 500;
  private static final String ENDED = "('succeeded', 'failed', 'canceled')";

  private final Storage storage;
  private final ApiConfig config;
  private final EntityManager em;
  private final Clock clock;

  Retention(Storage storage, ApiConfig config, EntityManager em, Clock clock) {
    this.storage = storage;
    this.config = config;
    this.em = em;
    this.clock = clock;
  }

  /** What one sweep removed. */
  public record Swept(int logs, int srpms) {}

  @Scheduled(
      every = "${copr.api.retention.interval}",
      delayed = "${copr.api.retention.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    if (config.retention().days() > 0) {
      try {
        sweep(clock.instant());
      } catch (RuntimeException e) {
        LOG.errorf(e, "retention sweep failed; the next one retries");
      }
    }
  }

  /** Removes what builds that ended before {@code now} minus the retention no longer need. */
  public Swept sweep(Instant now) {
    Instant cutoff = now.minus(Duration.ofDays(config.retention().days()));
    Swept swept = new Swept(removeLogs(cutoff), removeSrpms(cutoff));
    if (swept.logs() + swept.srpms() > 0) {
      LOG.infof(
          "retention: removed the logs of %d builds and %d SRPMs (ended before %s)",
          swept.logs(), swept.srpms(), cutoff);
    }
    return swept;
  }

  /**
   * After a package's deletion committed: its SRPMs that no package version references any more.
   */
  public int removeUnreferenced(Collection<String> sha256s) {
    int removed = 0;
    for (String sha : new HashSet<>(sha256s)) {
      if (SRPM.matcher(sha + ".src.rpm").matches()
          && QuarkusTransaction.requiringNew().call(() -> removeSrpm(sha, null))) {
        removed++;
      }
    }
    return removed;
  }

  private int removeLogs(Instant cutoff) {
    List<Long> ids = new ArrayList<>();
    for (Path dir : entries(storage.layout().root().resolve("logs"))) {
      String name = dir.getFileName().toString();
      if (BUILD_ID.matcher(name).matches()) {
        ids.add(Long.parseLong(name));
      }
    }
    int removed = 0;
    for (int i = 0; i < ids.size(); i += BATCH) {
      List<Long> batch = ids.subList(i, Math.min(ids.size(), i + BATCH));
      Set<Long> needed = QuarkusTransaction.requiringNew().call(() -> neededLogs(batch, cutoff));
      for (long id : batch) {
        if (!needed.contains(id) && delete(storage.layout().logs(id))) {
          removed++;
        }
      }
    }
    return removed;
  }

  @SuppressWarnings("unchecked")
  private Set<Long> neededLogs(List<Long> ids, Instant cutoff) {
    List<Number> rows =
        em.createNativeQuery(
                "select id from builds where id in (:ids) and (state not in "
                    + ENDED
                    + " or coalesce(ended_at, submitted_at) >= :cutoff)")
            .setParameter("ids", ids)
            .setParameter("cutoff", Timestamp.from(cutoff))
            .getResultList();
    Set<Long> needed = new HashSet<>();
    rows.forEach(n -> needed.add(n.longValue()));
    return needed;
  }

  private int removeSrpms(Instant cutoff) {
    List<String> shas = new ArrayList<>();
    for (Path file : entries(storage.layout().srpms())) {
      var m = SRPM.matcher(file.getFileName().toString());
      if (m.matches() && olderThan(file, cutoff)) {
        shas.add(m.group(1));
      }
    }
    int removed = 0;
    for (String sha : shas) {
      if (QuarkusTransaction.requiringNew().call(() -> removeSrpm(sha, cutoff))) {
        removed++;
      }
    }
    return removed;
  }

  /**
   * Removes the SRPM unless a build needs it: with a cutoff, any build of a version made from it
   * that has not ended or ended after the cutoff; without, any package version made from it. The
   * lock is the one an upload of the same content holds until its version is committed.
   */
  private boolean removeSrpm(String sha, Instant cutoff) {
    SrpmLocks.lock(em, sha);
    String needed =
        cutoff == null
            ? "select count(*) from package_versions v where v.srpm_sha256 = :sha"
            : "select count(*) from package_versions v join builds b on b.version_id = v.id"
                + " where v.srpm_sha256 = :sha and (b.state not in "
                + ENDED
                + " or coalesce(b.ended_at, b.submitted_at) >= :cutoff)";
    var query = em.createNativeQuery(needed).setParameter("sha", sha);
    if (cutoff != null) {
      query.setParameter("cutoff", Timestamp.from(cutoff));
    }
    if (((Number) query.getSingleResult()).longValue() > 0) {
      return false;
    }
    return delete(storage.layout().srpm(sha));
  }

  private static boolean olderThan(Path file, Instant cutoff) {
    try {
      return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
          .toInstant()
          .isBefore(cutoff);
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Path> entries(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.toList();
    } catch (IOException e) {
      LOG.warnf("retention: cannot list %s: %s", dir, e.getMessage());
      return List.of();
    }
  }

  /** Deletes a file or a folder with what it holds; links are removed, never followed. */
  private static boolean delete(Path path) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
      return true;
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      LOG.warnf("retention: cannot remove %s: %s", path, e.getMessage());
      return false;
    }
  }
}
