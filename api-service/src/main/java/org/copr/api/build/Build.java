package org.copr.api.build;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.copr.api.copr.Copr;
import org.copr.contracts.rest.BuildState;

/** One package version built for one chroot. {@code attempt} 0 means not dispatched yet. */
@Entity
@Table(name = "builds")
public class Build extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "copr_id")
  public Copr copr;

  @ManyToOne(optional = false)
  @JoinColumn(name = "package_id")
  public CoprPackage pkg;

  @ManyToOne(optional = false)
  @JoinColumn(name = "version_id")
  public PackageVersion version;

  /** The request that made this build and its siblings in the copr's other chroots. */
  @ManyToOne(optional = false)
  @JoinColumn(name = "submission_id")
  public Submission submission;

  public String chroot;

  /** Seconds it may run: its copr's timeout when it was requested, or the request's own. */
  public int timeout;

  public BuildState state;
  public int attempt;

  @Column(name = "worker_id")
  public String workerId;

  @Column(name = "submitted_by")
  public String submittedBy;

  @Column(name = "submitted_at")
  public Instant submittedAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "ended_at")
  public Instant endedAt;

  public String reason;

  /** Set by a user's cancel; the state becomes canceled when the scheduler or worker confirms. */
  @Column(name = "cancel_requested_at")
  public Instant cancelRequestedAt;

  static final List<BuildState> UNFINISHED =
      List.of(
          BuildState.WAITING,
          BuildState.PENDING,
          BuildState.STARTING,
          BuildState.RUNNING,
          BuildState.PUBLISHING);

  /** The largest build id the database has given out: ids above it never existed. */
  public static long highestIdGiven() {
    Object last =
        getEntityManager()
            .createNativeQuery("select last_value from builds_id_seq")
            .getSingleResult();
    return ((Number) last).longValue();
  }

  public static List<Build> unfinishedIn(Copr copr) {
    return list("copr = ?1 and state in ?2", copr, UNFINISHED);
  }

  /** Ids only: these builds are about to be deleted and must not stay in the session. */
  public static List<Long> unfinishedIdsIn(Copr copr) {
    return ids("b.copr = ?1", copr);
  }

  public static List<Long> unfinishedIdsOf(CoprPackage pkg) {
    return ids("b.pkg = ?1", pkg);
  }

  public static List<Long> allIdsOf(CoprPackage pkg) {
    return getEntityManager()
        .createQuery("select b.id from Build b where b.pkg = ?1 order by b.id", Long.class)
        .setParameter(1, pkg)
        .getResultList();
  }

  private static List<Long> ids(String where, Object owner) {
    return getEntityManager()
        .createQuery(
            "select b.id from Build b where "
                + where
                + " and b.state in ?2 and b.cancelRequestedAt is null order by b.id",
            Long.class)
        .setParameter(1, owner)
        .setParameter(2, UNFINISHED)
        .getResultList();
  }
}
