package org.copr.scheduler.queue;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * One arch's queued builds in PostgreSQL, as the fairness rule asks about them. Each question is
 * one step down the partial index {@code build_queued} (owners in code-point order, as Java
 * compares them), so a dispatch decision costs the same with ten builds queued or a hundred
 * thousand.
 */
final class QueuedBuilds implements FairChoice.Queue {
  private final EntityManager em;
  private final String arch;

  QueuedBuilds(EntityManager em, String arch) {
    this.em = em;
    this.arch = arch;
  }

  @Override
  public Optional<String> ownerAfter(String owner) {
    var query =
        em.createNativeQuery(
                "select owner from build where arch = ?1 and state = 'QUEUED'"
                    + (owner == null ? "" : " and owner collate \"C\" > ?2")
                    + " order by arch, owner collate \"C\" limit 1")
            .setParameter(1, arch);
    if (owner != null) {
      query.setParameter(2, owner);
    }
    return first(query.getResultList()).map(String.class::cast);
  }

  @Override
  public Optional<FairChoice.Candidate> oldestOf(String owner) {
    List<?> rows =
        em.createNativeQuery(
                "select build_id, (extract(epoch from requested_at) * 1000000)::bigint from build"
                    + " where arch = ?1 and state = 'QUEUED'"
                    + " and owner collate \"C\" = ?2"
                    + " order by requested_at, build_id limit 1")
            .setParameter(1, arch)
            .setParameter(2, owner)
            .getResultList();
    return first(rows)
        .map(Object[].class::cast)
        .map(
            row ->
                new FairChoice.Candidate(
                    ((Number) row[0]).longValue(),
                    owner,
                    Instant.EPOCH.plus(((Number) row[1]).longValue(), ChronoUnit.MICROS)));
  }

  private static Optional<?> first(List<?> rows) {
    return rows.stream().findFirst();
  }
}
