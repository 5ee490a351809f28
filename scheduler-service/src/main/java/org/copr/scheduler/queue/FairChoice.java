package org.copr.scheduler.queue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The fairness rule: owners take turns in the order of their names, starting after the owner served
 * last and wrapping around; each owner's oldest build goes first. One owner's 500 queued builds
 * therefore delay another owner's build by at most one dispatch per other owner.
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
    Optional<String> owner =
        queued.stream()
            .map(Candidate::owner)
            .filter(o -> lastOwner == null || o.compareTo(lastOwner) > 0)
            .min(Comparator.naturalOrder())
            .or(() -> queued.stream().map(Candidate::owner).min(Comparator.naturalOrder()));
    return owner.flatMap(o -> queued.stream().filter(c -> c.owner().equals(o)).min(OLDEST_FIRST));
  }
}
