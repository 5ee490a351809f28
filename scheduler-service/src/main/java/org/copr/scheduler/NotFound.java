package org.copr.scheduler;

/** Asked for something the scheduler does not know: answered 404 with the error body. */
public class NotFound extends RuntimeException {
  public NotFound(String detail) {
    super(detail);
  }
}
