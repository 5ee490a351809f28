package org.copr.runtime.inbound;

/**
 * A readable event the service will not act on: it contradicts what the service knows (a build id
 * never given out, a report under another worker's name, an attempt that worker does not hold).
 * Like a malformed event it is not retried; it goes to the topic's dead-letter topic at once with
 * this message as its {@code dead-letter-reason}.
 */
public class RefusedEventException extends RuntimeException {
  public RefusedEventException(String reason) {
    super(reason);
  }
}
