package org.copr.scheduler.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.copr.scheduler.build.BuildState;
import org.copr.scheduler.worker.Worker;
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

  @Inject EntityManager em;
  @Inject Workers workers;

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
   * The live, non-draining worker of the arch with the most free slots, if one has any, locked
   * against a heartbeat that would change its incarnation before this transaction ends.
   */
  public Optional<Worker> freestWorker(String arch) {
    List<?> ids =
        em.createNativeQuery(
                "select w.worker_id "
                    + FREE_PER_WORKER
                    + " and w.slots > h.held order by w.slots - h.held desc, w.worker_id limit 1")
            .setParameter(1, arch)
            .setParameter(2, workers.liveSince())
            .getResultList();
    return ids.stream()
        .findFirst()
        .map(id -> em.find(Worker.class, id, LockModeType.PESSIMISTIC_READ));
  }

  public QueueView.Arch view(String arch) {
    Map<String, Long> owners = new TreeMap<>();
    List<Object[]> rows =
        em.createQuery(
                "select b.owner, count(b) from Build b where b.arch = :arch and b.state = :queued"
                    + " group by b.owner",
                Object[].class)
            .setParameter("arch", arch)
            .setParameter("queued", BuildState.QUEUED)
            .getResultList();
    rows.forEach(row -> owners.put((String) row[0], (Long) row[1]));
    Instant oldest =
        em.createQuery(
                "select min(b.queuedAt) from Build b where b.arch = :arch and b.state = :queued",
                Instant.class)
            .setParameter("arch", arch)
            .setParameter("queued", BuildState.QUEUED)
            .getSingleResult();
    List<Boolean> liveWorkers =
        em.createQuery(
                "select w.draining from Worker w where w.arch = :arch and w.lastSeen > :liveSince",
                Boolean.class)
            .setParameter("arch", arch)
            .setParameter("liveSince", workers.liveSince())
            .getResultList();
    return new QueueView.Arch(
        arch,
        owners.values().stream().mapToLong(Long::longValue).sum(),
        owners,
        oldest == null ? 0 : Duration.between(oldest, Instant.now()).toSeconds(),
        count(arch, BuildState.DISPATCHED),
        count(arch, BuildState.RUNNING),
        freeSlots(arch),
        liveWorkers.size(),
        liveWorkers.stream().filter(draining -> draining).count());
  }

  /** Queued builds per arch, for the queue-length gauge. */
  public Map<String, Long> queuedPerArch() {
    Map<String, Long> queued = new TreeMap<>();
    em.createQuery(
            "select b.arch, count(b) from Build b where b.state = :queued group by b.arch",
            Object[].class)
        .setParameter("queued", BuildState.QUEUED)
        .getResultList()
        .forEach(row -> queued.put((String) row[0], (Long) row[1]));
    return queued;
  }

  private long count(String arch, BuildState state) {
    return em.createQuery(
            "select count(b) from Build b where b.arch = :arch and b.state = :state", Long.class)
        .setParameter("arch", arch)
        .setParameter("state", state)
        .getSingleResult();
  }
}
