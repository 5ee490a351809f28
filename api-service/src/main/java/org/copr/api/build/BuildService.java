package org.copr.api.build;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.copr.api.PageRequest;
import org.copr.api.copr.Copr;
import org.copr.api.copr.CoprService;
import org.copr.api.copr.CoprShrinking;
import org.copr.api.copr.RepoUrls;
import org.copr.api.error.ApiException;
import org.copr.api.storage.Storage;
import org.copr.api.user.Caller;
import org.copr.api.user.User;
import org.copr.contracts.BuildControl;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.rest.BuildState;
import org.copr.contracts.rest.Page;
import org.copr.runtime.outbox.Outbox;
import org.jboss.logging.Logger;

@ApplicationScoped
public class BuildService {
  private static final Logger LOG = Logger.getLogger(BuildService.class);

  private final Caller caller;
  private final CoprService coprs;
  private final Outbox outbox;
  private final RepoUrls repoUrls;
  private final Storage storage;
  private final Batches batches;

  BuildService(
      Caller caller,
      CoprService coprs,
      Outbox outbox,
      RepoUrls repoUrls,
      Storage storage,
      Batches batches) {
    this.batches = batches;
    this.caller = caller;
    this.coprs = coprs;
    this.outbox = outbox;
    this.repoUrls = repoUrls;
    this.storage = storage;
  }

  @Transactional
  public BuildDto get(long id) {
    return BuildDto.of(require(id));
  }

  @Transactional
  public BuildrootDto buildroot(long id) {
    return BuildrootDto.of(require(id).id, BuildrootEntry.of(id));
  }

  /**
   * Builds of a copr, newest first, optionally of one package and in one state. A copr may hold
   * tens of thousands of builds and clients page through all of them: the page's ids come from an
   * index alone (however deep the offset), then only those builds are read, with their package and
   * version in the same query; the total is counted from an index too (see bench/api-scale).
   */
  @Transactional
  public Page<BuildDto> list(String coprName, String packageName, String state, PageRequest page) {
    Copr copr = coprs.require(coprName);
    Parameters params = Parameters.with("copr", copr);
    StringBuilder where;
    if (packageName != null && !packageName.isBlank()) {
      // a build is of its package's copr: the builds of the copr's package of that name, found
      // by the package's key rather than among all the copr's builds
      where = new StringBuilder("b.pkg.copr = :copr and b.pkg.name = :pkg");
      params.and("pkg", packageName);
    } else {
      where = new StringBuilder("b.copr = :copr");
    }
    if (state != null && !state.isBlank()) {
      BuildState s =
          BuildState.parse(state)
              .orElseThrow(() -> ApiException.badRequest("unknown build state '" + state + "'"));
      where.append(" and b.state = :state");
      params.and("state", s);
    }
    EntityManager em = Build.getEntityManager();
    TypedQuery<Long> ids =
        em.createQuery(
            "select b.id from Build b where " + where + " order by b.id desc", Long.class);
    TypedQuery<Long> count =
        em.createQuery("select count(*) from Build b where " + where, Long.class);
    params.map().forEach(ids::setParameter);
    params.map().forEach(count::setParameter);
    List<Long> pageIds =
        ids.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
    List<Build> builds =
        pageIds.isEmpty()
            ? List.of()
            : em.createQuery(
                    "select b from Build b join fetch b.pkg join fetch b.version"
                        + " where b.id in :ids order by b.id desc",
                    Build.class)
                .setParameter("ids", pageIds)
                .getResultList();
    return new Page<>(
        builds.stream().map(BuildDto::of).toList(),
        count.getSingleResult(),
        page.limit(),
        page.offset());
  }

  /** One pending build per chroot of the copr, each announced to the scheduler. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Build> request(CoprPackage pkg, PackageVersion version, User user) {
    return request(pkg, version, user, pkg.copr.chroots());
  }

  /** One pending build in each of {@code chroots}, which must be chroots of the copr. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Build> request(
      CoprPackage pkg, PackageVersion version, User user, SortedSet<String> chroots) {
    return request(pkg, version, user, chroots, null, Batches.Order.NONE);
  }

  /**
   * As {@link #request(CoprPackage, PackageVersion, User, SortedSet)}, each build with {@code
   * timeout} seconds to run (null: the copr's timeout), in the batch {@code order} asks for ({@link
   * Batches}): the builds are {@code waiting} while the batch they wait for has not ended.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Build> request(
      CoprPackage pkg,
      PackageVersion version,
      User user,
      SortedSet<String> chroots,
      Integer timeout,
      Batches.Order order) {
    Copr copr = pkg.copr;
    if (chroots.isEmpty() || !copr.chroots().containsAll(chroots)) {
      throw new IllegalArgumentException(
          "chroots " + chroots + " are not a part of copr " + copr.name + "'s");
    }
    Submission submission = new Submission();
    submission.copr = copr;
    submission.pkg = pkg;
    submission.version = version;
    submission.submittedBy = user.username;
    submission.submittedAt = Instant.now();
    Batches.Placement placement = batches.place(order, user);
    submission.batch = placement.batch();
    submission.persist();
    List<Build> created = new ArrayList<>();
    for (String chroot : chroots) {
      Build b = new Build();
      b.copr = copr;
      b.pkg = pkg;
      b.version = version;
      b.submission = submission;
      b.chroot = chroot;
      b.timeout = timeout == null ? copr.timeout : timeout;
      b.state = placement.waitsFor() == null ? BuildState.PENDING : BuildState.WAITING;
      b.attempt = 0;
      b.submittedBy = user.username;
      b.submittedAt = submission.submittedAt;
      b.persist();
      outbox.buildRequested(
          new BuildRequested(
              new BuildSpec(
                  b.id,
                  copr.name,
                  copr.owner.username,
                  pkg.name,
                  chroot,
                  version.srpmPath,
                  version.srpmSha256,
                  repoUrls.forBuild(copr, chroot)),
              b.timeout,
              placement.waitsFor()));
      created.add(b);
      LOG.infof(
          "build %d requested: copr %s, %s %s, %s%s",
          b.id,
          copr.name,
          pkg.name,
          version.evr(),
          chroot,
          placement.waitsFor() == null ? "" : ", waits for batch " + placement.waitsFor());
    }
    return created;
  }

  /**
   * A user's cancel. The build stays in its state, marked with {@code cancel_requested_at}, until
   * the scheduler (queued build) or the worker (running build) confirms with a canceled event.
   */
  @Transactional
  public BuildDto cancel(long id) {
    User user = caller.require();
    Build b = require(id);
    if (!b.copr.canBuild(user)) {
      throw ApiException.forbidden(
          "only the owner, admins and builders of copr " + b.copr.name + " may cancel its builds");
    }
    if (b.state.ended()) {
      throw ApiException.conflict("build " + id + " already ended: " + b.state.wire());
    }
    requestCancel(List.of(b), "canceled by " + user.username);
    return BuildDto.of(b);
  }

  /** Asks the scheduler and workers to stop these builds; repeated requests send nothing new. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void requestCancel(List<Build> builds, String reason) {
    for (Build b : builds) {
      if (b.cancelRequestedAt == null && !b.state.ended()) {
        b.cancelRequestedAt = Instant.now();
        announceCancel(b.id, reason);
      }
    }
  }

  /** Cancels builds that are deleted in the same transaction (with their copr or package). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void cancelBeforeDelete(List<Long> buildIds, String reason) {
    batches.deleting(buildIds);
    buildIds.forEach(id -> announceCancel(id, reason));
  }

  void coprDeleting(@Observes CoprShrinking.Deleting deleting) {
    cancelBeforeDelete(Build.unfinishedIdsIn(deleting.copr()), deleting.reason());
  }

  void chrootsRemoving(@Observes CoprShrinking.ChrootsRemoving removing) {
    requestCancel(
        Build.unfinishedIn(removing.copr()).stream()
            .filter(b -> removing.chroots().contains(b.chroot))
            .toList(),
        removing.reason());
  }

  private void announceCancel(long buildId, String reason) {
    outbox.control(new BuildControl.Cancel(buildId, reason));
    LOG.infof("build %d: cancel requested, %s", buildId, reason);
  }

  /** The live log of the build's current attempt, if the worker has written one. */
  @Transactional
  public BuildLogFile log(long id) {
    Build b = require(id);
    Path file = b.attempt == 0 ? null : storage.layout().log(b.id, b.attempt);
    return new BuildLogFile(b.state, file);
  }

  Build require(long id) {
    Build b = Build.findById(id);
    if (b == null) {
      throw ApiException.notFound("no build " + id);
    }
    return b;
  }
}
