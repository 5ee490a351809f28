package org.copr.api.v3;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.copr.api.Limits;
import org.copr.api.build.Batches;
import org.copr.api.build.Build;
import org.copr.api.build.BuildArtifact;
import org.copr.api.build.BuildService;
import org.copr.api.build.CoprPackage;
import org.copr.api.build.PackageDto;
import org.copr.api.build.PackageService;
import org.copr.api.build.RebuildRequest;
import org.copr.api.build.Submission;
import org.copr.api.copr.Copr;
import org.copr.api.error.ApiException;
import org.copr.api.user.Caller;
import org.copr.api.user.User;
import org.copr.contracts.rest.BuildState;

/** API v3's builds and build-chroots over our submissions and builds. */
@ApplicationScoped
public class V3BuildService {
  static final String SAFE = "It should be safe to submit a build like this";

  private final V3Coprs coprs;
  private final V3BuildViews views;
  private final PackageService packages;
  private final BuildService builds;
  private final Caller caller;
  private final Batches batches;

  V3BuildService(
      V3Coprs coprs,
      V3BuildViews views,
      PackageService packages,
      BuildService builds,
      Caller caller,
      Batches batches) {
    this.batches = batches;
    this.coprs = coprs;
    this.views = views;
    this.packages = packages;
    this.builds = builds;
    this.caller = caller;
  }

  @Transactional
  public V3Build get(long id) {
    return views.build(require(id));
  }

  /** The project's builds by id; {@code status} filters the page, as Fedora's does. */
  @Transactional
  public V3List<V3Build> list(
      String ownername, String projectname, String packagename, String status, V3Paging paging) {
    Copr copr = coprs.require(ownername, projectname);
    boolean byPackage = packagename != null && !packagename.isBlank();
    if (paging.rows() == 0) {
      return new V3List<>(List.of(), paging.meta());
    }
    List<Submission> page =
        Submission.<Submission>find(
                "copr = ?1"
                    + (byPackage ? " and pkg.name = ?2" : "")
                    + " order by id "
                    + (paging.descending() ? "desc" : "asc"),
                byPackage ? new Object[] {copr, packagename} : new Object[] {copr})
            .range(paging.offset(), paging.offset() + paging.rows() - 1)
            .list();
    List<V3Build> items = views.builds(page);
    if (status != null && !status.isBlank()) {
      items = items.stream().filter(b -> b.state().equals(status)).toList();
    }
    return new V3List<>(items, paging.meta());
  }

  @Transactional
  public V3List<V3BuildChroot> chroots(long id, V3Paging paging) {
    List<Build> all = new ArrayList<>(views.chroots(require(id)));
    if (paging.descending()) {
      Collections.reverse(all);
    }
    List<V3BuildChroot> items =
        all.stream().skip(paging.offset()).limit(paging.rows()).map(views::chroot).toList();
    return new V3List<>(items, paging.meta());
  }

  @Transactional
  public V3BuildChroot chroot(long id, String chroot) {
    return views.chroot(requireChroot(id, chroot));
  }

  @Transactional
  public V3SourceChroot sourceChroot(long id) {
    String url = views.build(require(id)).sourcePackage().url();
    return new V3SourceChroot(
        "succeeded", url == null ? null : url.substring(0, url.lastIndexOf('/') + 1));
  }

  @Transactional
  public Map<String, V3BuiltPackages> builtPackages(long id) {
    Map<String, V3BuiltPackages> answer = new LinkedHashMap<>();
    for (Build b : views.chroots(require(id))) {
      answer.put(b.chroot, builtPackages(b));
    }
    return answer;
  }

  @Transactional
  public V3BuiltPackages builtPackages(long id, String chroot) {
    return builtPackages(requireChroot(id, chroot));
  }

  private static V3BuiltPackages builtPackages(Build b) {
    if (b.state != BuildState.SUCCEEDED) {
      return new V3BuiltPackages(List.of());
    }
    return new V3BuiltPackages(
        BuildArtifact.of(List.of(b.id)).stream()
            .map(a -> new V3BuiltPackages.Nevra(a.name, a.epoch, a.version, a.release, a.arch))
            .toList());
  }

  /** copr-cli asks before it uploads: the same checks as the upload, nothing written. */
  @Transactional
  public Map<String, String> checkBeforeBuild(V3BuildRequest request) {
    admit(request);
    return Map.of("message", SAFE);
  }

  /** A build of the uploaded SRPM in the chosen chroots: our upload, with its rules and limits. */
  @Transactional
  public V3Build upload(V3BuildRequest request, Path file, String fileName, long size) {
    Admitted admitted = admit(request);
    PackageDto.Upload made =
        packages.upload(
            admitted.copr().name,
            file,
            fileName,
            size,
            admitted.chroots(),
            admitted.timeout(),
            admitted.batch());
    return get(made.builds().get(0).submissionId());
  }

  /** {@code package/build}: the package's newest SRPM built again, in the chosen chroots. */
  @Transactional
  public V3Build buildPackage(V3BuildRequest request) {
    Admitted admitted = admit(request);
    String name = request.packageName();
    if (name == null || name.isBlank()) {
      throw V3Coprs.missing("package_name");
    }
    if (CoprPackage.find(admitted.copr(), name).isEmpty()) {
      throw ApiException.notFound(
          "No package with name " + name + " in copr " + request.projectname());
    }
    PackageDto.Upload made =
        packages.buildLatest(
            admitted.copr().name,
            name,
            new RebuildRequest(List.copyOf(admitted.chroots()), admitted.timeout()),
            admitted.batch());
    return get(made.builds().get(0).submissionId());
  }

  private record Admitted(
      Copr copr, SortedSet<String> chroots, Integer timeout, Batches.Order batch) {}

  private Admitted admit(V3BuildRequest request) {
    User user = caller.require();
    Copr copr = coprs.require(request.ownername(), request.projectname());
    String project = request.ownername() + "/" + request.projectname();
    if (!copr.canBuild(user)) {
      throw ApiException.forbidden(
          "User " + user.username + " is not allowed to build in the copr: " + project);
    }
    if (request.projectDirname() != null && !request.projectDirname().equals(copr.name)) {
      throw ApiException.badRequest(
          "Bad request parameters: project_dirname: "
              + request.projectDirname()
              + " is not a directory of "
              + project
              + "; only its main directory ("
              + copr.name
              + ") exists here");
    }
    Long after = buildId(Batches.Order.AFTER, request.afterBuildId());
    Long with = buildId(Batches.Order.WITH, request.withBuildId());
    if (after != null && with != null) {
      throw ApiException.badRequest(
          "You may either build after build ID, or with build id, not both.");
    }
    Batches.Order batch = Batches.Order.of(after, with, true);
    batches.check(batch, user);
    return new Admitted(
        copr,
        V3ChrootChoice.choose(project, copr.chroots(), request.chroots(), request.excludeChroots()),
        timeout(request.timeout()),
        batch);
  }

  /** Fedora's {@code timeout} build option: seconds, 1 to 30 hours; null: the copr's timeout. */
  private static Integer timeout(JsonNode timeout) {
    if (!present(timeout) || timeout.asText().isEmpty()) {
      return null;
    }
    String text = timeout.asText();
    if (!(timeout.canConvertToInt() || text.matches("[0-9]{1,9}"))) {
      throw ApiException.badRequest(
          "Bad request parameters: timeout: '" + text + "' is not a number of seconds");
    }
    int seconds = timeout.isNumber() ? timeout.asInt() : Integer.parseInt(text);
    if (seconds < 1 || seconds > Limits.MAX_BUILD_TIMEOUT) {
      throw ApiException.badRequest(
          "Bad request parameters: timeout: Number must be between 1 and "
              + Limits.MAX_BUILD_TIMEOUT
              + ".");
    }
    return seconds;
  }

  /** A build id as python-copr sends it (a number, or digits in a string); null when absent. */
  private static Long buildId(String param, JsonNode node) {
    if (!present(node) || node.asText().isEmpty()) {
      return null;
    }
    if (!(node.canConvertToLong() || node.asText().matches("[0-9]{1,18}")) || node.asLong() < 1) {
      throw ApiException.badRequest(
          "Bad request parameters: " + param + ": '" + node.asText() + "' is not a build id");
    }
    return node.asLong();
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  /** Asks to stop every build-chroot still unfinished, as our cancel does each. */
  @Transactional
  public V3Build cancel(long id) {
    User user = caller.require();
    Submission s = require(id);
    if (!s.copr.canBuild(user)) {
      throw ApiException.forbidden("You are not allowed to cancel this build.");
    }
    List<Build> open =
        views.chroots(s).stream()
            .filter(b -> !b.state.ended() && b.cancelRequestedAt == null)
            .toList();
    if (open.isEmpty()) {
      throw ApiException.conflict("Cannot cancel build " + id);
    }
    builds.requestCancel(open, "canceled by " + user.username);
    return views.build(s);
  }

  static Submission require(long id) {
    Submission s = Submission.findById(id);
    if (s == null) {
      throw ApiException.notFound("Build " + id + " does not exist.");
    }
    return s;
  }

  private Build requireChroot(long id, String chroot) {
    if (chroot == null || chroot.isBlank()) {
      throw V3Coprs.missing("chrootname");
    }
    return views.chroots(require(id)).stream()
        .filter(b -> b.chroot.equals(chroot))
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "Build " + id + " was not submitted to " + chroot + " chroot."));
  }
}
