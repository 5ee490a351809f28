package org.copr.scheduler.queue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The fairness rule: owners take turns in the order of their names, starting after the owner served
 * last and wrapping around; each owner's oldest build goes first. One owner's 500 queued builds
 * therefore delay another owner's build by at most one dispatch per other owner. The rule needs
 * only two look-ups, which an index answers directly, whatever the length of the queue.
 */
public final class FairChoice {

  /** A queued build as the rule sees it. */
  public record Candidate(long buildId, String owner, Instant requestedAt) {}

  /** The queued builds of one arch, as the rule asks about them. */
  public interface Queue {
    /** The first owner with queued builds whose name sorts after {@code owner}; any, if null. */
    Optional<String> ownerAfter(String owner);

    /** The owner's oldest queued build: first requested, then lowest build id. */
    Optional<Candidate> oldestOf(String owner);
  }

  private static final Comparator<Candidate> OLDEST_FIRST =
      Comparator.comparing(Candidate::requestedAt).thenComparingLong(Candidate::buildId);

  private FairChoice() {}

  /**
   * @param lastOwner the owner served last on that arch, or null
   */
  public static Optional<Candidate> next(Queue queue, String lastOwner) {
    Optional<String> owner = queue.ownerAfter(lastOwner);
    if (owner.isEmpty() && lastOwner != null) {
      owner = queue.ownerAfter(null);
    }
    return owner.flatMap(queue::oldestOf);
  }

  /**
   * @param queued builds waiting for one arch (all of them, or at least each owner's oldest)
   * @param lastOwner the owner served last on that arch, or null
   */
  public static Optional<Candidate> next(List<Candidate> queued, String lastOwner) {
    return next(
        new Queue() {
          @Override
          public Optional<String> ownerAfter(String owner) {
            return queued.stream()
                .map(Candidate::owner)
                .filter(o -> owner == null || o.compareTo(owner) > 0)
                .min(Comparator.naturalOrder());
          }

          @Override
          public Optional<Candidate> oldestOf(String owner) {
            return queued.stream().filter(c -> c.owner().equals(owner)).min(OLDEST_FIRST);
          }
        },
        lastOwner);
  }
}
