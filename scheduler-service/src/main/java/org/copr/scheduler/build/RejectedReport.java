package org.copr.scheduler.build;

/**
 * A worker's report the scheduler does not act on: under another worker's name, or about an attempt
 * that worker does not hold. Like a malformed message ({@code MalformedEventException}) it is not
 * retried; it goes to {@code copr.workers.reports.dlq} with this message as its {@code
 * dead-letter-reason} header.
 */
public class RejectedReport extends RuntimeException {
  public RejectedReport(String reason) {
    super(reason);
  }
}
