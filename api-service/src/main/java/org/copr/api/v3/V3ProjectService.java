package org.copr.api.v3;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import org.copr.api.copr.Copr;
import org.copr.api.copr.CoprRequests.CoprUpdate;
import org.copr.api.copr.CoprRequests.NewCopr;
import org.copr.api.copr.CoprService;
import org.copr.api.error.ApiException;
import org.copr.api.user.Caller;
import org.copr.api.user.User;
import org.copr.contracts.NameRules;
import org.jboss.logging.Logger;

/** API v3's projects, made and changed through {@link CoprService} so that its rules apply. */
@ApplicationScoped
public class V3ProjectService {
  private static final Logger LOG = Logger.getLogger(V3ProjectService.class);
  static final String NOT_MANAGER = "Only owners and admins may update their projects.";
  private static final String COPR_REPO = "copr://";

  private final CoprService coprs;
  private final V3Coprs v3Coprs;
  private final V3Chroots chroots;
  private final Caller caller;

  V3ProjectService(CoprService coprs, V3Coprs v3Coprs, V3Chroots chroots, Caller caller) {
    this.coprs = coprs;
    this.v3Coprs = v3Coprs;
    this.chroots = chroots;
    this.caller = caller;
  }

  @Transactional
  public V3Project get(String ownername, String projectname) {
    return project(v3Coprs.require(ownername, projectname));
  }

  @Transactional
  public V3List<V3Project> list(String ownername, V3Paging paging) {
    PanacheQuery<Copr> query =
        ownername == null || ownername.isBlank()
            ? Copr.findAll(sort(paging))
            : Copr.find("owner.username", sort(paging), V3Coprs.requireUserOwner(ownername));
    return page(query, paging);
  }

  @Transactional
  public V3List<V3Project> search(String text, V3Paging paging) {
    if (text == null || text.isBlank()) {
      throw V3Coprs.missing("query");
    }
    String pattern = "%" + text.trim().toLowerCase().replaceAll("([!%_])", "!$1") + "%";
    PanacheQuery<Copr> query =
        Copr.find(
            "lower(name) like :p escape '!' or lower(owner.username) like :p escape '!'"
                + " or lower(description) like :p escape '!'",
            sort(paging),
            Parameters.with("p", pattern));
    return page(query, paging);
  }

  /**
   * A project of the caller. With {@code existOk} an existing one of that name is answered as it is
   * (Packit adds on every build and then edits what differs).
   */
  @Transactional
  public V3Project add(
      String ownername, boolean existOk, @Valid V3ProjectRequests.NewProject body) {
    User me = caller.require();
    V3Coprs.requireUserOwner(ownername);
    if (!me.username.equals(ownername)) {
      throw ApiException.forbidden(
          "You can create projects only under your own name ("
              + me.username
              + "), not under "
              + ownername
              + ".");
    }
    if (body == null) {
      throw ApiException.badRequest("send the project as a JSON body {\"name\", \"chroots\", ...}");
    }
    if (body.name() == null || body.name().isBlank()) {
      throw ApiException.badRequest("name: This field is required.");
    }
    if (!NameRules.copr(body.name())) {
      throw ApiException.badRequest(
          "name: Name must contain only letters, digits, underscores, dashes, dots and plus"
              + " signs, start with a letter or digit and have at most 100 characters.");
    }
    var existing = Copr.byName(body.name());
    if (existing.isPresent()) {
      Copr copr = existing.get();
      if (!copr.owner.id.equals(me.id)) {
        throw ApiException.conflict(
            "name: the name '"
                + body.name()
                + "' is taken by a project of another user: project names are unique across all"
                + " users of this Copr; choose another name.");
      }
      if (existOk) {
        return project(copr);
      }
      throw ApiException.badRequest(
          "name: You already have a project named '" + body.name() + "'.");
    }
    body.knobs().check();
    var product = chroots.product(body.chroots() == null ? List.of() : body.chroots());
    coprs.create(
        new NewCopr(
            body.name(),
            body.description(),
            product.releases(),
            product.arches(),
            dependencies(body.additionalRepos())));
    Copr copr = Copr.byName(body.name()).orElseThrow();
    describe(copr, body);
    LOG.infof("v3 project %s/%s added", ownername, copr.name);
    return project(copr);
  }

  @Transactional
  public V3Project edit(
      String ownername, String projectname, @Valid V3ProjectRequests.ProjectEdit body) {
    Copr copr = managed(ownername, projectname);
    if (body == null) {
      throw ApiException.badRequest("send the changes as a JSON body");
    }
    body.knobs().check();
    var product = body.chroots() == null ? null : chroots.product(body.chroots());
    coprs.update(
        copr.name,
        new CoprUpdate(
            body.description(),
            product == null ? null : product.releases(),
            product == null ? null : product.arches(),
            body.repos() == null ? null : dependencies(body.repos())));
    describe(copr, body);
    return project(copr);
  }

  /** The project as it was before it went. */
  @Transactional
  public V3Project delete(
      String ownername, String projectname, V3ProjectRequests.ProjectDelete body) {
    User me = caller.require();
    Copr copr = v3Coprs.require(ownername, projectname);
    if (!copr.isOwnedBy(me)) {
      throw ApiException.forbidden("Only owners may delete their projects.");
    }
    if (body == null || !Boolean.TRUE.equals(body.verify())) {
      throw ApiException.badRequest("verify: This field is required.");
    }
    V3Project before = project(copr);
    coprs.delete(copr.name);
    return before;
  }

  @Transactional
  public V3Project fork(String ownername, String projectname) {
    caller.require();
    v3Coprs.require(ownername, projectname);
    throw ApiException.badRequest(
        "Forking is not supported by this Copr: it has no forks. Create a project and build the"
            + " same source packages in it instead.");
  }

  /** Nothing to do: repo-worker refreshes the metadata after every change of a repository. */
  @Transactional
  public V3Project regenerateRepos(String ownername, String projectname) {
    return project(managed(ownername, projectname));
  }

  V3Project project(Copr c) {
    return new V3Project(
        c.id,
        c.name,
        c.owner.username,
        c.owner.username + "/" + c.name,
        c.homepage,
        c.contact,
        c.description,
        c.instructions,
        false,
        false,
        c.unlistedOnHp,
        false,
        false,
        "default",
        "default",
        false,
        false,
        List.of(),
        false,
        null,
        c.dependencies.stream()
            .map(d -> COPR_REPO + d.owner.username + "/" + d.name)
            .sorted()
            .toList(),
        "backend",
        chroots.repos(c));
  }

  private Copr managed(String ownername, String projectname) {
    User me = caller.require();
    Copr copr = v3Coprs.require(ownername, projectname);
    if (!copr.canManage(me)) {
      throw ApiException.forbidden(NOT_MANAGER);
    }
    return copr;
  }

  private static void describe(Copr copr, V3ProjectRequests.Settings body) {
    if (body.instructions() != null) {
      copr.instructions = body.instructions();
    }
    if (body.homepage() != null) {
      copr.homepage = blankToNull(body.homepage());
    }
    if (body.contact() != null) {
      copr.contact = blankToNull(body.contact());
    }
    if (body.unlistedOnHp() != null) {
      copr.unlistedOnHp = body.unlistedOnHp();
    }
  }

  private static String blankToNull(String s) {
    return s.isBlank() ? null : s;
  }

  /**
   * Additional repos here are other coprs, {@code copr://owner/name}: their repositories join the
   * builds' and the .repo files'.
   */
  private static List<String> dependencies(List<String> repos) {
    List<String> names = new ArrayList<>();
    if (repos == null) {
      return names;
    }
    for (String repo : repos) {
      String[] parts =
          repo.startsWith(COPR_REPO) ? repo.substring(COPR_REPO.length()).split("/") : null;
      if (parts == null || parts.length != 2) {
        throw ApiException.badRequest(
            "additional_repos: this Copr adds only other projects of this Copr to builds, named"
                + " copr://owner/project; '"
                + repo
                + "' is not one");
      }
      Copr dep =
          Copr.byName(parts[1])
              .filter(c -> c.owner.username.equals(parts[0]))
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          "additional_repos: project "
                              + parts[0]
                              + "/"
                              + parts[1]
                              + " does not exist"));
      names.add(dep.name);
    }
    return names;
  }

  private static Sort sort(V3Paging paging) {
    return Sort.by(
        paging.order(), paging.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending);
  }

  private V3List<V3Project> page(PanacheQuery<Copr> query, V3Paging paging) {
    List<Copr> rows =
        paging.rows() == 0
            ? List.of()
            : query.range(paging.offset(), paging.offset() + paging.rows() - 1).list();
    return new V3List<>(rows.stream().map(this::project).toList(), paging.meta());
  }
}
