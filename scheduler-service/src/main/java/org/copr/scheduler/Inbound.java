package org.copr.scheduler;

import org.copr.contracts.EventJson.MalformedEventException;

/**
 * Rules shared by the consumers. A message that cannot be understood goes to the topic's
 * dead-letter topic at once ({@link MalformedEventException}); any other failure, such as the
 * database restarting, is retried for a while before the message goes there too.
 */
public final class Inbound {
  public static final int MAX_RETRIES = 60;
  public static final long RETRY_DELAY_MS = 2000;

  private Inbound() {}

  public static void require(boolean condition, String what) {
    if (!condition) {
      throw new MalformedEventException("missing or invalid " + what);
    }
  }
}
