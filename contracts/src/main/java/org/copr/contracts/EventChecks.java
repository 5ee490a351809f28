package org.copr.contracts;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.copr.contracts.EventJson.MalformedEventException;

/**
 * What every consumer checks of an event before it acts on it, with the rules the API applies to
 * requests ({@link NameRules}): ids and attempts in range, names that are names, lists and texts of
 * bounded size, and paths, where an event still names one, exactly the path its ids give. An event
 * that fails is malformed and goes to the dead letters.
 */
final class EventChecks {
  static final int MAX_LIST = 1000;
  static final int MAX_TEXT = 64 * 1024;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-F]{40}");

  /** A version or release as rpm allows it. */
  private static final Pattern NEVR_PART = Pattern.compile("[A-Za-z0-9._+~^]{1,128}");

  private static final Pattern REPO_URL = Pattern.compile("https?://[^\\s]{1,2000}");

  private EventChecks() {}

  static void check(Event event) {
    if (event instanceof CoprEvent e) {
      copr(e);
    } else if (event instanceof BuildRequested e) {
      spec(e.build());
      require(
          e.timeoutSeconds() >= 0 && e.timeoutSeconds() <= BuildRequested.MAX_TIMEOUT_SECONDS,
          "timeout_seconds",
          e.timeoutSeconds());
      require(
          e.blockedByBatch() == null || e.blockedByBatch() >= 1,
          "blocked_by_batch",
          e.blockedByBatch());
    } else if (event instanceof BuildReleased e) {
      id(e.buildId());
      require(e.batchId() >= 1, "batch_id", e.batchId());
    } else if (event instanceof BuildDispatch e) {
      spec(e.build());
      require(e.attempt() >= 1, "attempt", e.attempt());
      require(NameRules.worker(e.workerId()), "worker", e.workerId());
      require(e.timeoutSeconds() >= 0, "timeout_seconds", e.timeoutSeconds());
      // A worker builds only what is addressed to it as it runs now.
      require(e.incarnation() != null, "incarnation", null);
      incarnation(e.incarnation());
    } else if (event instanceof BuildControl e) {
      id(e.buildId());
      text("reason", e.reason());
      if (e instanceof BuildControl.StopAttempt stop) {
        require(stop.attempt() >= 1, "attempt", stop.attempt());
      }
    } else if (event instanceof WorkerHeartbeat e) {
      require(NameRules.worker(e.workerId()), "worker", e.workerId());
      require(NameRules.arch(e.arch()), "arch", e.arch());
      // The scheduler tells a restarted worker by its incarnation.
      require(e.incarnation() != null, "incarnation", null);
      incarnation(e.incarnation());
      require(e.slots() >= 0 && e.slots() <= MAX_LIST, "slots", e.slots());
      // An attempt missing from both lists is lost: the lists must be there.
      list("running", e.running(), WorkerHeartbeat.MAX_LISTED);
      list("ended", e.ended(), WorkerHeartbeat.MAX_LISTED);
    } else if (event instanceof BuildStatus e) {
      status(e);
    } else if (event instanceof SigningKey e) {
      require(NameRules.copr(e.copr()), "copr", e.copr());
      require(
          e.fingerprint() != null && FINGERPRINT.matcher(e.fingerprint()).matches(),
          "fingerprint",
          e.fingerprint());
    }
  }

  private static void copr(CoprEvent event) {
    require(NameRules.copr(event.copr()), "copr", event.copr());
    if (event instanceof CoprEvent.Created e) {
      require(NameRules.user(e.owner()), "owner", e.owner());
      chroots(e.chroots());
    } else if (event instanceof CoprEvent.ChrootsAdded e) {
      chroots(e.chroots());
    } else if (event instanceof CoprEvent.ChrootsRemoved e) {
      chroots(e.chroots());
    } else if (event instanceof CoprEvent.DependenciesChanged e) {
      list("dependencies", e.dependencies(), MAX_LIST);
      e.dependencies().forEach(d -> require(NameRules.copr(d), "dependency", d));
    } else if (event instanceof CoprEvent.PackageDeleted e) {
      require(NameRules.packageName(e.packageName()), "package", e.packageName());
      list("build_ids", orEmpty(e.buildIds()), CoprEvent.PackageDeleted.MAX_BUILD_IDS);
      orEmpty(e.buildIds()).forEach(id -> id(id == null ? 0 : id));
    } else if (event instanceof CoprEvent.BuildsDeleted e) {
      require(NameRules.packageName(e.packageName()), "package", e.packageName());
      require(!orEmpty(e.buildIds()).isEmpty(), "build_ids", e.buildIds());
      list("build_ids", e.buildIds(), CoprEvent.BuildsDeleted.MAX_BUILD_IDS);
      e.buildIds().forEach(id -> id(id == null ? 0 : id));
    } else if (event instanceof CoprEvent.PublishRequested e) {
      id(e.buildId());
      require(e.attempt() >= 1, "attempt", e.attempt());
      require(NameRules.chroot(e.chroot()), "chroot", e.chroot());
      require(NameRules.packageName(e.packageName()), "package", e.packageName());
      artifacts(orEmpty(e.artifacts()));
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static void spec(BuildSpec spec) {
    require(spec != null, "build", null);
    id(spec.buildId());
    require(NameRules.copr(spec.copr()), "copr", spec.copr());
    require(NameRules.user(spec.owner()), "owner", spec.owner());
    require(NameRules.packageName(spec.packageName()), "package", spec.packageName());
    require(NameRules.chroot(spec.chroot()), "chroot", spec.chroot());
    require(
        spec.srpmSha256() != null && SHA256.matcher(spec.srpmSha256()).matches(),
        "srpm_sha256",
        spec.srpmSha256());
    path("srpm", spec.srpm(), StorageLayout.RELATIVE.srpm(spec.srpmSha256()).toString());
    List<String> repos = spec.repos() == null ? List.of() : spec.repos();
    list("repos", repos, 100);
    repos.forEach(r -> require(r != null && REPO_URL.matcher(r).matches(), "repos", r));
  }

  private static void status(BuildStatus event) {
    id(event.buildId());
    // A build canceled or failed before its first dispatch ends at attempt 0.
    boolean mayBeUndispatched =
        event instanceof BuildStatus.Canceled || event instanceof BuildStatus.Failed;
    require(
        event.attempt() >= 1 || (mayBeUndispatched && event.attempt() == 0),
        "attempt",
        event.attempt());
    StorageLayout at = StorageLayout.RELATIVE;
    if (event instanceof BuildStatus.Dispatched e) {
      require(NameRules.arch(e.arch()), "arch", e.arch());
    } else if (event instanceof BuildStatus.Started e) {
      require(NameRules.worker(e.workerId()), "worker", e.workerId());
      incarnation(e.incarnation());
      path("log", e.log(), at.log(e.buildId(), e.attempt()).toString());
    } else if (event instanceof BuildStatus.Finished e) {
      require(NameRules.worker(e.workerId()), "worker", e.workerId());
      require(NameRules.copr(e.copr()), "copr", e.copr());
      require(NameRules.chroot(e.chroot()), "chroot", e.chroot());
      require(NameRules.packageName(e.packageName()), "package", e.packageName());
      incarnation(e.incarnation());
      path("results", e.results(), at.results(e.buildId(), e.attempt()).toString());
      path("log", e.log(), at.log(e.buildId(), e.attempt()).toString());
      if (e.artifacts() != null) {
        artifacts(e.artifacts());
      }
      if (e.buildroot() != null) {
        buildroot(e.buildroot());
      }
      text("log_tail", e.logTail());
      text("reason", e.reason());
    } else if (event instanceof BuildStatus.Published e) {
      require(NameRules.copr(e.copr()), "copr", e.copr());
      require(NameRules.chroot(e.chroot()), "chroot", e.chroot());
    } else if (event instanceof BuildStatus.PublishFailed e) {
      text("reason", e.reason());
    } else if (event instanceof BuildStatus.Failed e) {
      text("reason", e.reason());
    } else if (event instanceof BuildStatus.Canceled e) {
      text("reason", e.reason());
      require(e.workerId() == null || NameRules.worker(e.workerId()), "worker", e.workerId());
      incarnation(e.incarnation());
    }
  }

  private static void chroots(List<String> chroots) {
    list("chroots", chroots, MAX_LIST);
    chroots.forEach(c -> require(NameRules.chroot(c), "chroot", c));
  }

  private static void artifacts(List<BuildStatus.Artifact> artifacts) {
    list("artifacts", artifacts, MAX_LIST);
    for (BuildStatus.Artifact a : artifacts) {
      require(a != null && NameRules.rpmFile(a.file()), "artifact", a == null ? null : a.file());
      require(
          a.sha256() != null && SHA256.matcher(a.sha256()).matches(),
          "artifact sha256",
          a.file() + " " + a.sha256());
    }
  }

  private static void buildroot(List<BuildStatus.BuildrootPackage> packages) {
    list("buildroot", packages, MAX_LIST);
    for (BuildStatus.BuildrootPackage p : packages) {
      require(
          p != null && NameRules.packageName(p.name()),
          "buildroot name",
          p == null ? null : p.name());
      require(
          NEVR_PART.matcher(String.valueOf(p.version())).matches()
              && NEVR_PART.matcher(String.valueOf(p.release())).matches()
              && NameRules.arch(p.arch())
              && (p.epoch() == null || p.epoch() >= 0),
          "buildroot package",
          p.name());
      require(p.repo() == null || REPO_URL.matcher(p.repo()).matches(), "buildroot repo", p.repo());
    }
  }

  private static void id(long id) {
    require(id > 0, "build_id", id);
  }

  /** A path an event may carry only as the one its ids give (or not at all). */
  private static void path(String field, String value, String expected) {
    require(value == null || value.isEmpty() || value.equals(expected), field, value);
  }

  /** A worker's incarnation (a UUID it makes at start): optional, short, one token. */
  private static void incarnation(String value) {
    require(value == null || NameRules.worker(value), "incarnation", value);
  }

  private static void text(String field, String value) {
    require(value == null || value.length() <= MAX_TEXT, field, "text of " + lengthOf(value));
  }

  private static void list(String field, Collection<?> values, int max) {
    require(values != null && values.size() <= max, field, values == null ? null : values.size());
  }

  private static String lengthOf(String value) {
    return value == null ? "no" : value.length() + " characters";
  }

  private static void require(boolean ok, String field, Object value) {
    if (!ok) {
      String shown = String.valueOf(value);
      throw malformed(
          "bad " + field + ": " + (shown.length() > 200 ? shown.substring(0, 200) + "..." : shown));
    }
  }

  private static MalformedEventException malformed(String why) {
    return new MalformedEventException(why);
  }
}
