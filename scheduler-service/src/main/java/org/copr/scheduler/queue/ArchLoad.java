package org.copr.scheduler.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.copr.contracts.rest.QueueView;
import org.copr.scheduler.worker.Workers;

/**
 * How busy an arch is. A worker's free slots are its slots minus the attempts addressed to it that
 * hold one: dispatched but not started yet, or running.
 */
@ApplicationScoped
public class ArchLoad {
  /** Each live, non-draining worker of arch ?1 (heard from after ?2) and the attempts it holds. */
  private static final String FREE_PER_WORKER =
      "from worker w cross join lateral (select count(*) as held from build b"
          + " where b.worker_id = w.worker_id and b.state in ('DISPATCHED', 'RUNNING')) h"
          + " where w.arch = ?1 and not w.draining and w.last_seen > ?2";

  private final EntityManager em;
  private final Workers workers;
  private final Clock clock;

  ArchLoad(EntityManager em, Workers workers, Clock clock) {
    this.em = em;
    this.workers = workers;
    this.clock = clock;
  }

  /** Free slots of the arch: those of its live, non-draining workers that no attempt holds. */
  public long freeSlots(String arch) {
    return ((Number)
            em.createNativeQuery(
                    "select coalesce(sum(greatest(w.slots - h.held, 0)), 0) " + FREE_PER_WORKER)
                .setParameter(1, arch)
                .setParameter(2, workers.liveSince())
                .getSingleResult())
        .longValue();
  }

  /**
   * The free slots of the arch's live, non-draining workers, the workers locked ({@code for share})
   * until the transaction ends, against a heartbeat that would change an incarnation meanwhile.
   */
  FreeSlots freeSlotsByWorker(String arch) {
    List<?> rows =
        em.createNativeQuery(
                "select w.worker_id, w.incarnation, w.slots - h.held "
                    + FREE_PER_WORKER
                    + " and w.slots > h.held for share of w")
            .setParameter(1, arch)
            .setParameter(2, workers.liveSince())
            .getResultList();
    return new FreeSlots(
        rows.stream()
            .map(Object[].class::cast)
            .map(r -> new FreeSlots.Free((String) r[0], (String) r[1], ((Number) r[2]).intValue()))
            .toList());
  }

  /** Every figure comes from a small table or one index step, however long the queue. */
  public QueueView.Arch view(String arch) {
    Map<String, Long> owners = new TreeMap<>();
    em.createNativeQuery("select owner, queued from queue_count where arch = ?1")
        .setParameter(1, arch)
        .getResultList()
        .forEach(
            r -> {
              Object[] row = (Object[]) r;
              owners.put((String) row[0], ((Number) row[1]).longValue());
            });
    Number oldestWait =
        (Number)
            em.createNativeQuery(
                    "select coalesce(extract(epoch from cast(?2 as timestamptz) - min(queued_at)), 0)::bigint"
                        + " from build where arch = ?1 and state = 'QUEUED'")
                .setParameter(1, arch)
                .setParameter(2, clock.instant())
                .getSingleResult();
    List<Boolean> liveWorkers =
        em.createQuery(
                "select w.draining from BuildWorker w where w.arch = :arch and w.lastSeen > :liveSince",
                Boolean.class)
            .setParameter("arch", arch)
            .setParameter("liveSince", workers.liveSince())
            .getResultList();
    Number blocked =
        (Number)
            em.createNativeQuery("select count(*) from build where arch = ?1 and state = 'BLOCKED'")
                .setParameter(1, arch)
                .getSingleResult();
    return new QueueView.Arch(
        arch,
        owners.values().stream().mapToLong(Long::longValue).sum(),
        blocked.longValue(),
        owners,
        oldestWait.longValue(),
        held(arch, "DISPATCHED"),
        held(arch, "RUNNING"),
        freeSlots(arch),
        liveWorkers.size(),
        liveWorkers.stream().filter(draining -> draining).count());
  }

  /** Queued builds per arch, for the queue-length gauge. */
  public Map<String, Long> queuedPerArch() {
    Map<String, Long> queued = new TreeMap<>();
    em.createNativeQuery("select arch, sum(queued) from queue_count group by arch")
        .getResultList()
        .forEach(
            r -> {
              Object[] row = (Object[]) r;
              queued.put((String) row[0], ((Number) row[1]).longValue());
            });
    return queued;
  }

  /** Builds of the arch in a state that holds a slot, from the partial index build_held. */
  private long held(String arch, String state) {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from build where arch = ?1 and state = ?2"
                        + " and state in ('DISPATCHED', 'RUNNING')")
                .setParameter(1, arch)
                .setParameter(2, state)
                .getSingleResult())
        .longValue();
  }
}
