package org.copr.contracts;

import java.util.List;

/**
 * Every Kafka topic Copr uses. Keys: copr name for {@link #COPRS} and {@link #COPR_KEYS}, build id
 * or worker id elsewhere.
 */
public final class Topics {
  public static final String COPRS = "copr.coprs";
  public static final String COPR_KEYS = "copr.coprs.keys";
  public static final String BUILDS_REQUESTED = "copr.builds.requested";
  public static final String BUILDS_STATUS = "copr.builds.status";
  public static final String BUILDS_CONTROL = "copr.builds.control";
  public static final String WORKERS_HEARTBEAT = "copr.workers.heartbeat";
  public static final String DISPATCH_PREFIX = "copr.builds.dispatch.";
  public static final String DLQ_SUFFIX = ".dlq";

  /** Architectures a chroot may be built for; noarch packages are built on any of them. */
  public static final List<String> ARCHES =
      List.of("x86_64", "aarch64", "ppc64le", "s390x", "i386");

  private Topics() {}

  public static String dispatch(String arch) {
    return DISPATCH_PREFIX + arch;
  }

  public static String deadLetter(String topic) {
    return topic + DLQ_SUFFIX;
  }

  /**
   * All topics including one dispatch topic per arch and the dead-letter topic of each consumed
   * one.
   */
  public static List<String> all() {
    var topics = new java.util.ArrayList<String>();
    for (String t :
        List.of(
            COPRS, COPR_KEYS, BUILDS_REQUESTED, BUILDS_STATUS, BUILDS_CONTROL, WORKERS_HEARTBEAT)) {
      topics.add(t);
      topics.add(deadLetter(t));
    }
    for (String arch : ARCHES) {
      topics.add(dispatch(arch));
      topics.add(deadLetter(dispatch(arch)));
    }
    return List.copyOf(topics);
  }
}
