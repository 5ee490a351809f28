package org.copr.contracts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every Kafka topic Copr uses. Keys: copr name for {@link #COPRS} and {@link #COPR_KEYS}, build id
 * or worker id elsewhere.
 *
 * <p>Each build worker has two topics of its own, created with its Kafka user (a worker exists on
 * the bus only once it was given credentials): {@link #workerReports} (its heartbeats and its
 * {@code started}/{@code finished}/{@code canceled}, written only by that worker's user, read only
 * by the scheduler) and {@link #workerDispatch} (written only by the scheduler, read only by that
 * worker's user). Consumers cannot see who produced a record; the topic it came from is the
 * worker's identity.
 */
public final class Topics {
  public static final String COPRS = "copr.coprs";
  public static final String COPR_KEYS = "copr.coprs.keys";
  public static final String BUILDS_REQUESTED = "copr.builds.requested";
  public static final String BUILDS_STATUS = "copr.builds.status";
  public static final String BUILDS_CONTROL = "copr.builds.control";
  public static final String WORKER_PREFIX = "copr.workers.";
  public static final String REPORTS_SUFFIX = ".reports";
  public static final String DISPATCH_SUFFIX = ".dispatch";
  public static final String DLQ_SUFFIX = ".dlq";

  /**
   * Where the scheduler puts every worker report it does not act on (unreadable, under another
   * worker's name, or about an attempt that worker does not hold), with the reason in the record's
   * {@code dead-letter-reason} header.
   */
  public static final String REPORTS_DEAD_LETTER = "copr.workers.reports.dlq";

  /**
   * A worker id that names Kafka topics and a Kafka user: no dots (the topic's worker is read back
   * from its name) and only what Kafka allows in topic names.
   */
  public static final Pattern WORKER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

  /** Every worker's reports topic, for the scheduler's subscription by pattern. */
  public static final String WORKER_REPORTS_PATTERN =
      Pattern.quote(WORKER_PREFIX)
          + "[A-Za-z0-9][A-Za-z0-9_-]{0,99}"
          + Pattern.quote(REPORTS_SUFFIX);

  /** Architectures a chroot may be built for; noarch packages are built on any of them. */
  public static final List<String> ARCHES =
      List.of("x86_64", "aarch64", "ppc64le", "s390x", "i386");

  private Topics() {}

  public static String workerReports(String workerId) {
    return WORKER_PREFIX + checkedWorker(workerId) + REPORTS_SUFFIX;
  }

  public static String workerDispatch(String workerId) {
    return WORKER_PREFIX + checkedWorker(workerId) + DISPATCH_SUFFIX;
  }

  /** The worker whose reports topic this is; empty for any other topic. */
  public static java.util.Optional<String> reportsOf(String topic) {
    if (topic == null || !topic.startsWith(WORKER_PREFIX) || !topic.endsWith(REPORTS_SUFFIX)) {
      return java.util.Optional.empty();
    }
    String id = topic.substring(WORKER_PREFIX.length(), topic.length() - REPORTS_SUFFIX.length());
    return isWorkerId(id) ? java.util.Optional.of(id) : java.util.Optional.empty();
  }

  public static boolean isWorkerId(String id) {
    return id != null && WORKER_ID.matcher(id).matches();
  }

  private static String checkedWorker(String id) {
    if (!isWorkerId(id)) {
      throw new IllegalArgumentException("not a worker id that can name topics: " + id);
    }
    return id;
  }

  public static String deadLetter(String topic) {
    return topic + DLQ_SUFFIX;
  }

  /** The topics every Copr bus has, with the dead-letter topic of each consumed one. */
  public static List<String> all() {
    var topics = new ArrayList<String>();
    for (String t : List.of(COPRS, COPR_KEYS, BUILDS_REQUESTED, BUILDS_STATUS, BUILDS_CONTROL)) {
      topics.add(t);
      topics.add(deadLetter(t));
    }
    topics.add(REPORTS_DEAD_LETTER);
    return List.copyOf(topics);
  }

  /** The topics of one worker (one partition each: a worker's reports stay in order). */
  public static List<String> ofWorker(String workerId) {
    return List.of(
        workerReports(workerId), workerDispatch(workerId), deadLetter(workerDispatch(workerId)));
  }

  /** {@link #all()} and the topics of each of these workers. */
  public static List<String> all(Collection<String> workers) {
    var topics = new ArrayList<>(all());
    workers.forEach(w -> topics.addAll(ofWorker(w)));
    return List.copyOf(topics);
  }
}
