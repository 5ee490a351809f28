package org.copr.api.copr;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.copr.api.ApiConfig;
import org.copr.api.Limits;
import org.copr.api.Names;
import org.copr.api.PageRequest;
import org.copr.api.copr.CoprPermission.Level;
import org.copr.api.copr.CoprRequests.CoprUpdate;
import org.copr.api.copr.CoprRequests.Grant;
import org.copr.api.copr.CoprRequests.NewCopr;
import org.copr.api.error.ApiException;
import org.copr.api.user.Caller;
import org.copr.api.user.User;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.rest.Page;
import org.copr.runtime.outbox.Outbox;
import org.jboss.logging.Logger;

@ApplicationScoped
public class CoprService {
  private static final Logger LOG = Logger.getLogger(CoprService.class);
  private static final List<String> DEFAULT_ARCHES = List.of("x86_64");

  private final Caller caller;
  private final ApiConfig config;
  private final Outbox outbox;
  private final Event<CoprShrinking> shrinking;
  private final RepoUrls repoUrls;
  private final CoprNames names;

  CoprService(
      Caller caller,
      ApiConfig config,
      Outbox outbox,
      Event<CoprShrinking> shrinking,
      RepoUrls repoUrls,
      CoprNames names) {
    this.caller = caller;
    this.config = config;
    this.outbox = outbox;
    this.shrinking = shrinking;
    this.repoUrls = repoUrls;
    this.names = names;
  }

  @Transactional
  public Page<CoprDto> list(String owner, PageRequest page) {
    PanacheQuery<Copr> query =
        owner == null || owner.isBlank()
            ? Copr.findAll(Sort.by("name"))
            : Copr.find("owner.username", Sort.by("name"), owner);
    return page.of(query).map(CoprDto::of);
  }

  @Transactional
  public CoprDto get(String name) {
    return CoprDto.of(require(name));
  }

  @Transactional
  public CoprDto create(@Valid NewCopr body) {
    User owner = caller.require();
    if (body == null) {
      throw ApiException.badRequest("a JSON body {\"name\", \"releases\", ...} is required");
    }
    String name = Names.copr(body.name());
    if (Copr.byName(name).isPresent()) {
      throw ApiException.conflict("a copr named " + name + " already exists");
    }
    names.claim(name, owner);
    Copr copr = new Copr();
    copr.name = name;
    copr.owner = owner;
    copr.description = body.description() == null ? "" : body.description();
    copr.releases = releases(body.releases());
    checkReleaseCount(name, copr.releases);
    copr.arches = arches(body.arches() == null ? DEFAULT_ARCHES : body.arches());
    copr.dependencies =
        dependencies(name, body.dependencies() == null ? List.of() : body.dependencies());
    copr.timeout = body.timeout() == null ? Limits.DEFAULT_BUILD_TIMEOUT : body.timeout();
    copr.createdAt = Instant.now();
    copr.persist();
    outbox.copr(new CoprEvent.Created(name, owner.username, List.copyOf(copr.chroots())));
    LOG.infof("copr %s created by %s with chroots %s", name, owner.username, copr.chroots());
    return CoprDto.of(copr);
  }

  @Transactional
  public CoprDto update(String name, @Valid CoprUpdate body) {
    Copr copr = requireManaged(name, "edit");
    if (body == null) {
      throw ApiException.badRequest(
          "a JSON body with any of description, releases, arches, dependencies, timeout is"
              + " required");
    }
    if (body.description() != null) {
      copr.description = body.description();
    }
    if (body.timeout() != null) {
      copr.timeout = body.timeout();
    }
    Set<String> newReleases = body.releases() == null ? copr.releases : releases(body.releases());
    Set<String> newArches = body.arches() == null ? copr.arches : arches(body.arches());
    if (body.dependencies() != null) {
      changeDependencies(copr, dependencies(name, body.dependencies()));
    }
    changeChroots(copr, newReleases, newArches);
    return CoprDto.of(copr);
  }

  @Transactional
  public CoprDto addDependencies(String name, @Valid CoprRequests.Dependencies body) {
    Copr copr = requireManaged(name, "change the dependencies of");
    Set<Copr> deps = new HashSet<>(copr.dependencies);
    deps.addAll(
        dependencies(name, list(body == null ? null : body.dependencies(), "dependencies")));
    if (deps.size() > Limits.DEPENDENCIES) {
      throw ApiException.invalid(
          "copr "
              + name
              + " would have "
              + deps.size()
              + " dependencies; at most "
              + Limits.DEPENDENCIES);
    }
    changeDependencies(copr, deps);
    return CoprDto.of(copr);
  }

  @Transactional
  public CoprDto removeDependencies(String name, @Valid CoprRequests.Dependencies body) {
    Copr copr = requireManaged(name, "change the dependencies of");
    Set<String> remove = new HashSet<>();
    for (String dep : list(body == null ? null : body.dependencies(), "dependencies")) {
      remove.add(Names.copr(dep));
    }
    Set<Copr> deps = new HashSet<>(copr.dependencies);
    deps.removeIf(d -> remove.contains(d.name));
    changeDependencies(copr, deps);
    return CoprDto.of(copr);
  }

  @Transactional
  public CoprDto addReleases(String name, @Valid CoprRequests.Releases body) {
    Copr copr = requireManaged(name, "change the releases of");
    Set<String> releases = new HashSet<>(copr.releases);
    releases.addAll(releases(list(body == null ? null : body.releases(), "releases")));
    changeChroots(copr, releases, copr.arches);
    return CoprDto.of(copr);
  }

  @Transactional
  public CoprDto removeReleases(String name, @Valid CoprRequests.Releases body) {
    Copr copr = requireManaged(name, "change the releases of");
    Set<String> releases = new HashSet<>(copr.releases);
    for (String release : list(body == null ? null : body.releases(), "releases")) {
      releases.remove(Names.release(release));
    }
    if (releases.isEmpty()) {
      throw ApiException.invalid("a copr needs at least one release; delete the copr instead");
    }
    changeChroots(copr, releases, copr.arches);
    return CoprDto.of(copr);
  }

  @Transactional
  public CoprDto grant(String name, Grant body) {
    Copr copr = requireManaged(name, "grant permissions on");
    User user = grantee(copr, body);
    CoprPermission.Level level =
        CoprPermission.Level.parse(body.permission())
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        "permission must be \"builder\" or \"admin\", not " + body.permission()));
    if (level == CoprPermission.Level.ADMIN
        || copr.permissionOf(user).filter(p -> p.permission == Level.ADMIN).isPresent()) {
      requireOwner(copr, "grant or take back the admin permission on");
    }
    CoprPermission permission =
        copr.permissionOf(user)
            .orElseGet(
                () -> {
                  if (copr.permissions.size() >= Limits.PERMISSIONS) {
                    throw ApiException.invalid(
                        "copr "
                            + name
                            + " has "
                            + copr.permissions.size()
                            + " users with permissions; at most "
                            + Limits.PERMISSIONS);
                  }
                  CoprPermission p = new CoprPermission();
                  p.copr = copr;
                  p.user = user;
                  copr.permissions.add(p);
                  return p;
                });
    permission.permission = level;
    // A grant approves the user's request of that level (admin covers building too).
    if (level == Level.ADMIN) {
      CoprPermissionRequest.delete("copr = ?1 and user = ?2", copr, user);
    } else {
      CoprPermissionRequest.delete(
          "copr = ?1 and user = ?2 and permission = ?3", copr, user, level);
    }
    LOG.infof("copr %s: %s granted %s", name, user.username, level.wire());
    return CoprDto.of(copr);
  }

  @Transactional
  public CoprDto revoke(String name, Grant body) {
    Copr copr = requireManaged(name, "revoke permissions on");
    User user = grantee(copr, body);
    CoprPermission permission =
        copr.permissionOf(user)
            .orElseThrow(
                () -> ApiException.notFound(user.username + " has no permission on copr " + name));
    if (permission.permission == Level.ADMIN) {
      requireOwner(copr, "grant or take back the admin permission on");
    }
    copr.permissions.remove(permission);
    LOG.infof(
        "copr %s: %s's %s permission revoked", name, user.username, permission.permission.wire());
    return CoprDto.of(copr);
  }

  /**
   * The owner (or a site admin) may always delete a copr: coprs of anyone that depend on it lose
   * the dependency, each with the event its own settings change would send.
   */
  @Transactional
  public void delete(String name) {
    Copr copr = require(name);
    User user = requireOwner(copr, "delete");
    List<Copr> dependents =
        Copr.<Copr>find(
                "select c from Copr c join c.dependencies d where d = ?1 order by c.name", copr)
            .list();
    for (Copr dependent : dependents) {
      Set<Copr> deps = new HashSet<>(dependent.dependencies);
      deps.remove(copr);
      changeDependencies(dependent, deps);
    }
    shrinking.fire(new CoprShrinking.Deleting(copr, "copr " + name + " deleted"));
    outbox.copr(new CoprEvent.Deleted(name));
    names.retire(name, copr.owner);
    copr.delete();
    LOG.infof(
        "copr %s deleted by %s; dropped from the dependencies of %s",
        name, user.username, dependents.stream().map(c -> c.name).toList());
  }

  /**
   * A dnf .repo file: this copr's repository for the release, then its dependencies' repositories.
   */
  @Transactional
  public String repoFile(String name, String release) {
    Copr copr = require(name);
    if (!copr.releases.contains(release)) {
      throw ApiException.notFound(
          "copr "
              + name
              + " has no release "
              + release
              + "; it has "
              + new TreeSet<>(copr.releases));
    }
    return repoFile(copr, release, RepoNaming.OURS);
  }

  /**
   * The .repo file of a release the copr has, named as {@code naming} says: the copr's repository
   * first, then those of its dependencies that have the release, each signed by its own key.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public String repoFile(Copr copr, String release, RepoNaming naming) {
    StringBuilder file = new StringBuilder(naming.preamble(copr, release));
    repoSection(file, naming, copr, copr, 0, release);
    List<Copr> dependencies =
        copr.dependencies.stream()
            .filter(d -> d.releases.contains(release))
            .sorted(java.util.Comparator.comparing(d -> d.name))
            .toList();
    for (int i = 0; i < dependencies.size(); i++) {
      file.append('\n');
      repoSection(file, naming, dependencies.get(i), copr, i + 1, release);
    }
    return file.toString();
  }

  private void repoSection(
      StringBuilder file, RepoNaming naming, Copr copr, Copr root, int dependency, String release) {
    RepoNaming.Section section = naming.section(copr, root, dependency, release);
    file.append('[')
        .append(section.id())
        .append("]\n")
        .append("name=")
        .append(section.name())
        .append('\n')
        .append("baseurl=")
        .append(repoUrls.basearch(copr.name, release))
        .append('\n');
    naming.extraLines().forEach(line -> file.append(line).append('\n'));
    file.append("enabled=1\n")
        .append("gpgcheck=1\n")
        .append("gpgkey=")
        .append(repoUrls.publicKey(copr.name))
        .append('\n');
  }

  public Copr require(String name) {
    return Copr.byName(name).orElseThrow(() -> ApiException.notFound("no copr named " + name));
  }

  private Copr requireManaged(String name, String action) {
    User user = caller.require();
    Copr copr = require(name);
    if (!copr.canManage(user)) {
      throw ApiException.forbidden(
          "only the owner or an admin of copr " + name + " may " + action + " it");
    }
    return copr;
  }

  /** Owner and site admins only: deleting the copr, and who else administers it. */
  private User requireOwner(Copr copr, String action) {
    User user = caller.require();
    if (!copr.isOwnedBy(user)) {
      throw ApiException.forbidden(
          "only the owner of copr " + copr.name + " or a site admin may " + action + " it");
    }
    return user;
  }

  /** Applies new dependencies and, when they differ, announces the new list. */
  private void changeDependencies(Copr copr, Set<Copr> dependencies) {
    if (dependencies.equals(copr.dependencies)) {
      return;
    }
    copr.dependencies.clear();
    copr.dependencies.addAll(dependencies);
    List<String> names = dependencies.stream().map(d -> d.name).sorted().toList();
    outbox.copr(new CoprEvent.DependenciesChanged(copr.name, names));
    LOG.infof("copr %s: dependencies now %s", copr.name, names);
  }

  /** Applies new releases and arches and tells repo-worker which chroots came and went. */
  private void changeChroots(Copr copr, Set<String> releases, Set<String> arches) {
    checkReleaseCount(copr.name, releases);
    SortedSet<String> before = copr.chroots();
    copr.releases = new HashSet<>(releases);
    copr.arches = new HashSet<>(arches);
    SortedSet<String> after = copr.chroots();
    SortedSet<String> added = new TreeSet<>(after);
    added.removeAll(before);
    SortedSet<String> removed = new TreeSet<>(before);
    removed.removeAll(after);
    if (!added.isEmpty()) {
      outbox.copr(new CoprEvent.ChrootsAdded(copr.name, List.copyOf(added)));
    }
    if (!removed.isEmpty()) {
      shrinking.fire(
          new CoprShrinking.ChrootsRemoving(
              copr, removed, "chroot removed from copr " + copr.name));
      outbox.copr(new CoprEvent.ChrootsRemoved(copr.name, List.copyOf(removed)));
    }
    if (!added.isEmpty() || !removed.isEmpty()) {
      LOG.infof("copr %s: chroots added %s, removed %s", copr.name, added, removed);
    }
  }

  private static void checkReleaseCount(String copr, Set<String> releases) {
    if (releases.size() > Limits.RELEASES) {
      throw ApiException.invalid(
          "copr "
              + copr
              + " would have "
              + releases.size()
              + " releases; at most "
              + Limits.RELEASES);
    }
  }

  private Set<String> releases(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw ApiException.invalid(
          "releases is required: a copr needs at least one release, such as fedora-40");
    }
    Set<String> releases = new LinkedHashSet<>();
    for (String release : names) {
      releases.add(Names.release(release));
    }
    return releases;
  }

  private Set<String> arches(List<String> names) {
    if (names.isEmpty()) {
      throw ApiException.invalid("arches must name at least one architecture");
    }
    Set<String> arches = new LinkedHashSet<>();
    for (String arch : names) {
      if (!config.arches().contains(arch)) {
        throw ApiException.invalid("unknown arch '" + arch + "'; choose from " + config.arches());
      }
      arches.add(arch);
    }
    return arches;
  }

  private Set<Copr> dependencies(String self, Collection<String> names) {
    Set<Copr> deps = new HashSet<>();
    for (String name : names) {
      Names.copr(name);
      if (name.equals(self)) {
        throw ApiException.invalid("copr " + self + " cannot depend on itself");
      }
      deps.add(
          Copr.byName(name)
              .orElseThrow(
                  () -> ApiException.invalid("dependency " + name + " is not an existing copr")));
    }
    return deps;
  }

  private User grantee(Copr copr, Grant body) {
    if (body == null) {
      throw ApiException.badRequest("a JSON body {\"username\", \"permission\"} is required");
    }
    String username = Names.user(body.username());
    User user =
        User.byName(username).orElseThrow(() -> ApiException.invalid("no user named " + username));
    if (user.id.equals(copr.owner.id)) {
      throw ApiException.invalid(
          username + " owns copr " + copr.name + " and has every permission");
    }
    return user;
  }

  private static List<String> list(List<String> values, String field) {
    if (values == null) {
      throw ApiException.invalid(field + " is required: a list of names");
    }
    return new ArrayList<>(values);
  }
}
