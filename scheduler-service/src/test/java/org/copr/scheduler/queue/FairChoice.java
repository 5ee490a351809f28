package org.copr.scheduler.queue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The fairness rule written plainly over a list, as the reference that the dispatcher's one SQL
 * statement ({@link QueuedBuilds}) is checked against over the real database: owners take turns in
 * the order of their names, starting after the owner served last and wrapping around; each owner's
 * oldest build goes first.
 */
public final class FairChoice {

  /** A queued build as the rule sees it. */
  public record Candidate(long buildId, String owner, Instant requestedAt) {}

  private static final Comparator<Candidate> OLDEST_FIRST =
      Comparator.comparing(Candidate::requestedAt).thenComparingLong(Candidate::buildId);

  private FairChoice() {}

  /**
   * @param queued builds waiting for one arch (all of them, or at least each owner's oldest)
   * @param lastOwner the owner served last on that arch, or null
   */
  public static Optional<Candidate> next(List<Candidate> queued, String lastOwner) {
    Optional<String> owner = ownerAfter(queued, lastOwner);
    if (owner.isEmpty() && lastOwner != null) {
      owner = ownerAfter(queued, null);
    }
    return owner.flatMap(o -> queued.stream().filter(c -> c.owner().equals(o)).min(OLDEST_FIRST));
  }

  private static Optional<String> ownerAfter(List<Candidate> queued, String owner) {
    return queued.stream()
        .map(Candidate::owner)
        .filter(o -> owner == null || o.compareTo(owner) > 0)
        .min(Comparator.naturalOrder());
  }
}
