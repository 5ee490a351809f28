package org.copr.contracts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each Kafka user may do on the bus: the topics it writes and reads and the consumer groups it
 * uses (by name, or by a prefix where every instance has a group of its own). A service writes the
 * dead-letter topic of each topic it reads. {@code reader} is the read-only user for outside
 * consumers of the events src-docs/events.md documents. The broker refuses everything else, and
 * everything to a client without credentials.
 *
 * <p>Every build worker is a user of its own, {@link #worker(String)}: it writes only its reports
 * topic and reads only its dispatch topic (and the broadcast cancels), in consumer groups named
 * after it that no other user may join. The scheduler reads every worker's reports and writes every
 * worker's dispatches; nobody else touches them. Only the scheduler and repo-worker write {@code
 * copr.builds.status}, so api-service acts only on the scheduler's verdicts.
 *
 * <p>The brokers' ACLs are made from this table's copies (dev/kafka-access for dev/stack and the
 * tests, KafkaUser resources in k8s); tests compare each copy with it.
 */
public record TopicAccess(
    List<String> writes, List<String> reads, List<String> groups, List<String> groupPrefixes) {

  public static final String API = "api-service";
  public static final String SCHEDULER = "scheduler-service";
  public static final String REPO_WORKER = "repo-worker";
  public static final String READER = "reader";

  /** The prefix of every worker's user name: {@code worker.<worker id>}. */
  public static final String WORKER_USER_PREFIX = "worker.";

  /** The scheduler's consumer group of the workers' reports (a subscription by pattern). */
  public static final String SCHEDULER_REPORTS_GROUP = "copr-scheduler-reports";

  public TopicAccess {
    writes = List.copyOf(writes);
    reads = List.copyOf(reads);
    groups = List.copyOf(groups);
    groupPrefixes = List.copyOf(groupPrefixes);
  }

  public static String worker(String workerId) {
    Topics.workerReports(workerId); // checks the id
    return WORKER_USER_PREFIX + workerId;
  }

  /** The consumer groups of a worker: its dispatches and its view of the broadcast cancels. */
  public static String workerGroup(String channel, String workerId) {
    return "copr-build-worker-" + channel + "-" + workerId;
  }

  /** The services and the reader, with the rights they have on a bus without workers. */
  public static Map<String, TopicAccess> byUser() {
    return byUser(List.of());
  }

  /** Every user but the super user, with its rights, on a bus with these workers. */
  public static Map<String, TopicAccess> byUser(Collection<String> workers) {
    List<String> reports = workers.stream().map(Topics::workerReports).toList();
    List<String> dispatch = workers.stream().map(Topics::workerDispatch).toList();
    var users = new LinkedHashMap<String, TopicAccess>();
    users.put(
        API,
        consumer(
            List.of(Topics.COPRS, Topics.BUILDS_REQUESTED, Topics.BUILDS_CONTROL),
            List.of(Topics.BUILDS_STATUS, Topics.COPR_KEYS),
            List.of("copr-api"),
            List.of()));
    users.put(
        SCHEDULER,
        new TopicAccess(
            concat(
                dispatch,
                List.of(
                    Topics.BUILDS_STATUS,
                    Topics.BUILDS_CONTROL,
                    Topics.deadLetter(Topics.BUILDS_REQUESTED),
                    Topics.deadLetter(Topics.BUILDS_CONTROL),
                    Topics.REPORTS_DEAD_LETTER)),
            concat(List.of(Topics.BUILDS_REQUESTED, Topics.BUILDS_CONTROL), reports),
            List.of("copr-scheduler", SCHEDULER_REPORTS_GROUP),
            List.of()));
    users.put(
        REPO_WORKER,
        consumer(
            List.of(Topics.BUILDS_STATUS, Topics.COPR_KEYS),
            List.of(Topics.COPRS),
            List.of("repo-worker"),
            List.of()));
    users.put(
        READER,
        new TopicAccess(
            List.of(),
            concat(
                List.of(
                    Topics.COPRS,
                    Topics.COPR_KEYS,
                    Topics.BUILDS_REQUESTED,
                    Topics.BUILDS_STATUS,
                    Topics.BUILDS_CONTROL),
                concat(reports, dispatch)),
            List.of(),
            List.of("copr-reader-")));
    for (String id : workers) {
      users.put(
          worker(id),
          new TopicAccess(
              List.of(
                  Topics.workerReports(id),
                  Topics.deadLetter(Topics.workerDispatch(id)),
                  Topics.deadLetter(Topics.BUILDS_CONTROL)),
              List.of(Topics.workerDispatch(id), Topics.BUILDS_CONTROL),
              List.of(workerGroup("dispatch", id), workerGroup("control", id)),
              List.of()));
    }
    return users;
  }

  /** A consuming service also writes the dead-letter topic of each topic it reads. */
  private static TopicAccess consumer(
      List<String> produces, List<String> reads, List<String> groups, List<String> prefixes) {
    return new TopicAccess(
        concat(produces, reads.stream().map(Topics::deadLetter).toList()), reads, groups, prefixes);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    var all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
