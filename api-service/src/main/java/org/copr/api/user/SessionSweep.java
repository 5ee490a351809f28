package org.copr.api.user;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes the web sessions that ended by expiring, every user's, every {@code
 * copr.api.web.session-sweep}. An expired row logs nobody in ({@link WebSession#live}); a login
 * deletes its own user's, but the sessions of a user who never logs in again would stay for ever.
 */
@ApplicationScoped
public class SessionSweep {
  private static final Logger LOG = Logger.getLogger(SessionSweep.class);

  private final Clock clock;

  SessionSweep(Clock clock) {
    this.clock = clock;
  }

  @Scheduled(
      every = "${copr.api.web.session-sweep}",
      delayed = "${copr.api.web.session-sweep}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    try {
      sweep(clock.instant());
    } catch (RuntimeException e) {
      LOG.errorf(e, "sweeping expired web sessions failed; the next sweep retries");
    }
  }

  /** Deletes every session that expired by {@code now}; how many. */
  @Transactional
  public long sweep(Instant now) {
    long deleted = WebSession.delete("expiresAt <= ?1", now);
    if (deleted > 0) {
      LOG.debugf("deleted %d expired web sessions", deleted);
    }
    return deleted;
  }
}
