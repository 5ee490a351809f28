package org.copr.contracts;

import java.util.ArrayList;
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
 * <p>The brokers' ACLs are made from this table's copies (dev/kafka-access for dev/stack and the
 * tests, KafkaUser resources in k8s); tests compare each copy with it.
 */
public record TopicAccess(
    List<String> writes, List<String> reads, List<String> groups, List<String> groupPrefixes) {

  public static final String API = "api-service";
  public static final String SCHEDULER = "scheduler-service";
  public static final String BUILD_WORKER = "build-worker";
  public static final String REPO_WORKER = "repo-worker";
  public static final String READER = "reader";

  public TopicAccess {
    writes = List.copyOf(writes);
    reads = List.copyOf(reads);
    groups = List.copyOf(groups);
    groupPrefixes = List.copyOf(groupPrefixes);
  }

  /** Every user but the super user, with its rights. */
  public static Map<String, TopicAccess> byUser() {
    List<String> dispatch = Topics.ARCHES.stream().map(Topics::dispatch).toList();
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
        consumer(
            concat(dispatch, List.of(Topics.BUILDS_STATUS, Topics.BUILDS_CONTROL)),
            List.of(
                Topics.BUILDS_REQUESTED,
                Topics.BUILDS_STATUS,
                Topics.BUILDS_CONTROL,
                Topics.WORKERS_HEARTBEAT),
            List.of("copr-scheduler"),
            List.of()));
    users.put(
        BUILD_WORKER,
        consumer(
            List.of(Topics.BUILDS_STATUS, Topics.WORKERS_HEARTBEAT),
            concat(dispatch, List.of(Topics.BUILDS_CONTROL)),
            List.of(),
            List.of("copr-build-worker-")));
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
                    Topics.BUILDS_CONTROL,
                    Topics.WORKERS_HEARTBEAT),
                dispatch),
            List.of(),
            List.of("copr-reader-")));
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
