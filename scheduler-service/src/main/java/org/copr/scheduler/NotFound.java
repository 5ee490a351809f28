package org.copr.scheduler;

import org.copr.runtime.http.Refusal;

/** Asked for something the scheduler does not know: answered 404 with the error body. */
public class NotFound extends RuntimeException implements Refusal {
  public NotFound(String detail) {
    super(detail);
  }

  @Override
  public int status() {
    return 404;
  }
}
