package org.copr.scheduler.queue;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.copr.scheduler.build.ScheduledBuild;

/**
 * One arch's queue in PostgreSQL and its fairness rule: owners take turns in the order of their
 * names (code points, as Java compares them), starting after the owner served last and wrapping
 * around; each owner's oldest build goes first (then the lowest build id). One owner's 500 queued
 * builds therefore delay another owner's build by at most one dispatch per other owner.
 *
 * <p>The choice is one statement: two steps down the partial index {@code build_queued} (the next
 * owner, then that owner's oldest build) and the build's row lock, so a dispatch decision is one
 * round trip and costs the same with ten builds queued or a hundred thousand.
 */
final class QueuedBuilds {
  private static final String NEXT =
      """
      select b.* from build b where b.build_id = (
        select q.build_id from build q
        where q.arch = ?1 and q.state = 'QUEUED' and q.owner collate "C" = coalesce(
            (select owner from build where arch = ?1 and state = 'QUEUED'
               and owner collate "C" > ?2 order by arch, owner collate "C" limit 1),
            (select owner from build where arch = ?1 and state = 'QUEUED'
               order by arch, owner collate "C" limit 1))
        order by q.requested_at, q.build_id limit 1)
      for update of b
      """;

  private final EntityManager em;
  private final String arch;

  QueuedBuilds(EntityManager em, String arch) {
    this.em = em;
    this.arch = arch;
  }

  /**
   * The next build in the fair order, its row locked until the transaction ends; a cancel that won
   * the lock first leaves it no longer queued, which the caller checks.
   *
   * @param lastOwner the owner served last on this arch, or null
   */
  @SuppressWarnings("unchecked")
  Optional<ScheduledBuild> lockNext(String lastOwner) {
    List<ScheduledBuild> rows =
        em.createNativeQuery(NEXT, ScheduledBuild.class)
            .setParameter(1, arch)
            .setParameter(2, lastOwner == null ? "" : lastOwner)
            .getResultList();
    return rows.stream().findFirst();
  }
}
