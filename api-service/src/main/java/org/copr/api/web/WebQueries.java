package org.copr.api.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.copr.api.PageRequest;
import org.copr.api.build.Build;
import org.copr.api.build.BuildDto;
import org.copr.api.copr.Copr;
import org.copr.api.copr.CoprService;
import org.copr.api.user.Caller;
import org.copr.api.user.User;
import org.copr.contracts.rest.BuildState;
import org.copr.contracts.rest.Page;

/**
 * What the pages show beyond what the REST API's services answer: builds across all coprs, coprs
 * found by part of their name or owner, and what the visitor may do in a copr.
 */
@ApplicationScoped
public class WebQueries {
  private static final List<BuildState> ACTIVE =
      List.of(BuildState.STARTING, BuildState.RUNNING, BuildState.PUBLISHING);

  private final CoprService coprs;
  private final Caller caller;

  WebQueries(CoprService coprs, Caller caller) {
    this.coprs = coprs;
    this.caller = caller;
  }

  /** A row of the coprs list: only what the list shows, in one query for the page. */
  public record CoprRow(String name, String owner, String description) {}

  /** What the visitor may do in one copr, by the same rules the services enforce. */
  public record Access(boolean own, boolean manage, boolean build) {
    static final Access NONE = new Access(false, false, false);
  }

  /** The newest builds of every copr (the primary key's order is the submission order). */
  @Transactional
  public List<BuildDto> recentBuilds(int limit) {
    return em()
        .createQuery(
            "select b from Build b join fetch b.copr join fetch b.pkg join fetch b.version"
                + " order by b.id desc",
            Build.class)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(BuildDto::of)
        .toList();
  }

  /**
   * Builds that a worker holds or the repository is taking in, newest first. Unfinished builds are
   * the newest, so reading the primary key backwards finds them after few rows.
   */
  @Transactional
  public List<BuildDto> activeBuilds(int limit) {
    return em()
        .createQuery(
            "select b from Build b join fetch b.copr join fetch b.pkg join fetch b.version"
                + " where b.state in :states order by b.id desc",
            Build.class)
        .setParameter("states", ACTIVE)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(BuildDto::of)
        .toList();
  }

  /**
   * Builds waiting for the batch they start after, oldest first, from the partial index
   * builds_waiting (only waiting builds are in it).
   */
  @Transactional
  public List<BuildDto> waitingBuilds(int limit) {
    return em()
        .createQuery(
            "select b from Build b join fetch b.copr join fetch b.pkg join fetch b.version"
                + " where b.state = :state order by b.id",
            Build.class)
        .setParameter("state", BuildState.WAITING)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(BuildDto::of)
        .toList();
  }

  /** Coprs whose name or owner contains {@code text} (any case), by name. */
  @Transactional
  public Page<CoprRow> searchCoprs(String text, PageRequest page) {
    // Unlisted coprs (API v3's unlisted_on_hp) are left out of the list, but found by a search.
    String where = " where c.unlistedOnHp = false";
    String pattern = null;
    if (text != null && !text.isBlank()) {
      where = " where lower(c.name) like :p escape '!' or lower(o.username) like :p escape '!'";
      pattern = "%" + text.trim().toLowerCase().replaceAll("([!%_])", "!$1") + "%";
    }
    var rows =
        em().createQuery(
                "select new org.copr.api.web.WebQueries$CoprRow(c.name, o.username, c.description)"
                    + " from Copr c join c.owner o"
                    + where
                    + " order by c.name",
                CoprRow.class);
    var count = em().createQuery("select count(*) from Copr c join c.owner o" + where, Long.class);
    if (pattern != null) {
      rows.setParameter("p", pattern);
      count.setParameter("p", pattern);
    }
    List<CoprRow> items =
        rows.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
    return new Page<>(items, count.getSingleResult(), page.limit(), page.offset());
  }

  @Transactional
  public Access access(String coprName) {
    User user = caller.current().orElse(null);
    if (user == null) {
      return Access.NONE;
    }
    Copr copr = coprs.require(coprName);
    return new Access(copr.isOwnedBy(user), copr.canManage(user), copr.canBuild(user));
  }

  private static EntityManager em() {
    return Build.getEntityManager();
  }
}
