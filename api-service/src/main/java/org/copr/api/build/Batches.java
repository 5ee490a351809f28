package org.copr.api.build;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.copr.api.error.ApiException;
import org.copr.api.user.User;
import org.copr.contracts.BuildReleased;
import org.copr.contracts.Topics;
import org.copr.runtime.outbox.Outbox;
import org.jboss.logging.Logger;

/**
 * Batches of builds, as Fedora Copr has them. A build request may name a build to start after
 * ({@code after_build_id}: the new submission gets a batch of its own, blocked by that build's
 * batch) or to start with ({@code with_build_id}: it joins that build's batch, which must not have
 * ended). A batch is made for a build the first time a request names it. The builds of a blocked
 * batch are {@code waiting}, and the scheduler holds them, until every build of the batch blocking
 * it has ended, whatever its end; then they become {@code pending} and {@code build_released} tells
 * the scheduler.
 *
 * <p>Whether a batch ended is decided under its row lock: the transaction that ends a build locks
 * its batch {@code for update} after the build's own update, and a request that names the batch
 * locks it {@code for share} before it looks. So either the request sees the batch ended and its
 * builds do not wait, or its waiting builds are committed before the ending transaction looks for
 * the builds to release.
 */
@ApplicationScoped
public class Batches {
  private static final Logger LOG = Logger.getLogger(Batches.class);

  private static final String UNENDED =
      "('waiting', 'pending', 'starting', 'running', 'publishing')";

  private final EntityManager em;
  private final Outbox outbox;

  Batches(EntityManager em, Outbox outbox) {
    this.em = em;
    this.outbox = outbox;
  }

  /**
   * What a build request says about batches: {@code after_build_id} or {@code with_build_id}
   * ({@code param}), naming a build: one of our builds ({@code bySubmission} false: its submission
   * is meant) or an API v3 build, which is a submission.
   */
  public record Order(String param, long id, boolean bySubmission) {
    public static final Order NONE = new Order(null, 0, false);

    public static final String AFTER = "after_build_id";
    public static final String WITH = "with_build_id";

    /** The order of a request that gives {@code after} or {@code with} (each null when absent). */
    public static Order of(Long after, Long with, boolean bySubmission) {
      if (after != null && with != null) {
        throw new IllegalArgumentException("after and with are exclusive");
      }
      return after != null
          ? new Order(AFTER, after, bySubmission)
          : with != null ? new Order(WITH, with, bySubmission) : NONE;
    }

    boolean after() {
      return AFTER.equals(param);
    }

    String named() {
      return "build " + id;
    }

    /** The submission it names, or null for none; unknown ids are a 400. */
    Submission submission() {
      if (param == null) {
        return null;
      }
      Submission s;
      if (bySubmission) {
        s = Submission.findById(id);
      } else {
        Build b = Build.findById(id);
        s = b == null ? null : b.submission;
      }
      if (s == null) {
        throw ApiException.badRequest(param + ": there is no build " + id);
      }
      return s;
    }
  }

  /** The batch a new submission joins (or null), and the batch its builds wait for (or null). */
  record Placement(Batch batch, Long waitsFor) {
    static final Placement NONE = new Placement(null, null);
  }

  /**
   * The request's checks before anything is written: the caller may build in the named build's
   * copr, and a batch to join has not ended. {@link #place} repeats them under the locks.
   */
  public void check(Order order, User user) {
    Submission s = order.submission();
    if (s == null) {
      return;
    }
    mayUse(order, s, user);
    if (!order.after()) {
      mayJoin(order, s);
    }
  }

  /** Where a new submission goes; makes the batches it needs. Under the locks described above. */
  @Transactional(Transactional.TxType.MANDATORY)
  Placement place(Order order, User user) {
    Submission named = order.submission();
    if (named == null) {
      return Placement.NONE;
    }
    Submission s = em.find(Submission.class, named.id, LockModeType.PESSIMISTIC_WRITE);
    em.refresh(s);
    mayUse(order, s, user);
    if (order.after()) {
      if (s.batch == null && !hasUnended(s.id)) {
        return Placement.NONE; // ended without a batch: nothing to wait for
      }
      Batch blocker = batchOf(s);
      Batch mine = newBatch(blocker.id);
      return new Placement(mine, endedLocked(blocker.id) ? null : blocker.id);
    }
    mayJoin(order, s);
    Batch joined = batchOf(s);
    if (endedLocked(joined.id)) {
      throw ended(order, joined);
    }
    Long blocker = joined.blockedBy;
    return new Placement(joined, blocker == null || endedLocked(blocker) ? null : blocker);
  }

  /**
   * A build of the batch ended (called in the transaction that ended it): when it was the batch's
   * last unended build, the batch ends and the builds waiting for it are released.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void buildEnded(Build b) {
    if (b.submission.batch != null) {
      settle(b.submission.batch.id);
    }
  }

  /**
   * Builds about to be deleted with their copr or package, unended ones among them: they end here
   * (canceled), so that a batch waiting for them is released rather than waiting for ever.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void deleting(List<Long> buildIds) {
    if (buildIds.isEmpty()) {
      return;
    }
    em.flush();
    @SuppressWarnings("unchecked")
    List<Number> batches =
        em.createNativeQuery(
                "with ended as (update builds set state = 'canceled', ended_at = ?2"
                    + " where id in ?1 and state in "
                    + UNENDED
                    + " returning submission_id)"
                    + " select distinct s.batch_id from ended e join submissions s"
                    + " on s.id = e.submission_id where s.batch_id is not null")
            .setParameter(1, buildIds)
            .setParameter(2, Instant.now())
            .getResultList();
    batches.forEach(id -> settle(id.longValue()));
  }

  private void settle(long batchId) {
    em.flush();
    Object endedAt =
        em.createNativeQuery("select ended_at from batches where id = ?1 for update")
            .setParameter(1, batchId)
            .getSingleResult();
    if (endedAt != null || hasUnendedIn(batchId)) {
      return;
    }
    em.createNativeQuery("update batches set ended_at = ?2 where id = ?1")
        .setParameter(1, batchId)
        .setParameter(2, Instant.now())
        .executeUpdate();
    @SuppressWarnings("unchecked")
    List<Number> released =
        em.createNativeQuery(
                "update builds set state = 'pending' where state = 'waiting' and submission_id in"
                    + " (select s.id from submissions s join batches d on d.id = s.batch_id"
                    + " where d.blocked_by = ?1) returning id")
            .setParameter(1, batchId)
            .getResultList();
    for (Number id : released) {
      outbox.send(
          Topics.BUILDS_REQUESTED,
          Long.toString(id.longValue()),
          new BuildReleased(id.longValue(), batchId));
    }
    LOG.infof("batch %d ended; %d waiting builds released", batchId, released.size());
  }

  private void mayUse(Order order, Submission s, User user) {
    if (!s.copr.canBuild(user)) {
      throw ApiException.forbidden(
          "user "
              + user.username
              + " may not build in copr "
              + s.copr.name
              + ", so "
              + order.named()
              + " of that copr cannot be part of a batch of theirs");
    }
  }

  private void mayJoin(Order order, Submission s) {
    if (s.batch == null ? !hasUnended(s.id) : endedLocked(s.batch.id)) {
      throw s.batch == null
          ? ApiException.conflict(
              order.named() + " already ended; a build can only join the batch of one that has not")
          : ended(order, s.batch);
    }
  }

  private static ApiException ended(Order order, Batch batch) {
    return ApiException.conflict(
        "the batch "
            + batch.id
            + " of "
            + order.named()
            + " already ended; a build can only join a batch that has not");
  }

  /** The submission's batch, made now when it has none (its row is locked by the caller). */
  private Batch batchOf(Submission s) {
    if (s.batch == null) {
      s.batch = newBatch(null);
    }
    return s.batch;
  }

  private Batch newBatch(Long blockedBy) {
    Batch b = new Batch();
    b.blockedBy = blockedBy;
    b.createdAt = Instant.now();
    b.persist();
    return b;
  }

  /** Whether the batch ended, its row locked {@code for share} until the transaction ends. */
  private boolean endedLocked(long batchId) {
    em.flush();
    Object endedAt =
        em.createNativeQuery("select ended_at from batches where id = ?1 for share")
            .setParameter(1, batchId)
            .getSingleResult();
    return endedAt != null || !hasUnendedIn(batchId);
  }

  private boolean hasUnendedIn(long batchId) {
    return exists(
        "select 1 from submissions s join builds b on b.submission_id = s.id"
            + " where s.batch_id = ?1 and b.state in "
            + UNENDED,
        batchId);
  }

  private boolean hasUnended(long submissionId) {
    return exists(
        "select 1 from builds b where b.submission_id = ?1 and b.state in " + UNENDED,
        submissionId);
  }

  private boolean exists(String select, long id) {
    return !em.createNativeQuery(select + " limit 1").setParameter(1, id).getResultList().isEmpty();
  }
}
