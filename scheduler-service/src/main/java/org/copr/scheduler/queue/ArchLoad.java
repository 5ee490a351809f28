package org.copr.scheduler.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.copr.scheduler.build.BuildState;
import org.copr.scheduler.worker.Workers;

/**
 * How busy an arch is. Free slots are the slots of its live, non-draining workers minus the builds
 * that hold one: dispatched but not started yet, or running on one of those workers.
 */
@ApplicationScoped
public class ArchLoad {
  private static final String LIVE_WORKER =
      "w.arch = :arch and w.draining = false and w.lastSeen > :liveSince";

  @Inject EntityManager em;
  @Inject Workers workers;

  public long freeSlots(String arch) {
    Instant liveSince = workers.liveSince();
    long slots =
        em.createQuery(
                "select coalesce(sum(w.slots), 0) from Worker w where " + LIVE_WORKER, Long.class)
            .setParameter("arch", arch)
            .setParameter("liveSince", liveSince)
            .getSingleResult();
    long held =
        em.createQuery(
                "select count(b) from Build b where b.arch = :arch and (b.state = :dispatched"
                    + " or (b.state = :running and b.workerId in"
                    + " (select w.workerId from Worker w where "
                    + LIVE_WORKER
                    + ")))",
                Long.class)
            .setParameter("arch", arch)
            .setParameter("dispatched", BuildState.DISPATCHED)
            .setParameter("running", BuildState.RUNNING)
            .setParameter("liveSince", liveSince)
            .getSingleResult();
    return Math.max(0, slots - held);
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
