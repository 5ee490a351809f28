package org.copr.api.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.copr.api.build.Build;
import org.copr.api.copr.Copr;
import org.copr.api.error.ApiException;

/**
 * {@code copr-cli monitor}: each package of the project with its newest build in each chroot.
 * {@code url_backend_log} is null: builds here have one log, {@code url_build_log}.
 */
@ApplicationScoped
public class V3MonitorService {
  static final Set<String> FIELDS = Set.of("url_build_log", "url_backend_log", "url_build");

  private final V3Coprs coprs;
  private final V3BuildViews views;

  V3MonitorService(V3Coprs coprs, V3BuildViews views) {
    this.coprs = coprs;
    this.views = views;
  }

  /**
   * @param apiBase this service's base URL, for the build logs
   */
  @Transactional
  public Map<String, Object> monitor(
      String ownername,
      String projectname,
      String projectDirname,
      List<String> additionalFields,
      String apiBase) {
    Copr copr = coprs.require(ownername, projectname);
    List<String> fields = additionalFields == null ? List.of() : additionalFields;
    Set<String> wrong = new TreeSet<>(fields);
    wrong.removeAll(FIELDS);
    if (!wrong.isEmpty()) {
      throw ApiException.badRequest(
          "Wrong additional_fields argument(s): " + String.join(", ", wrong));
    }
    if (projectDirname != null && !projectDirname.isBlank() && !projectDirname.equals(copr.name)) {
      throw ApiException.notFound(
          "Project directory "
              + projectDirname
              + " does not exist in "
              + ownername
              + "/"
              + projectname
              + ".");
    }
    Map<String, Map<String, Object>> packages = new LinkedHashMap<>();
    for (Build b :
        Build.<Build>list(
            "id in (select max(b.id) from Build b where b.copr = ?1 group by b.pkg.id, b.chroot)"
                + " order by pkg.name, chroot",
            copr)) {
      Map<String, Object> chroot = new LinkedHashMap<>();
      String state = V3States.chroot(b.state);
      chroot.put("state", state);
      chroot.put("status", V3States.number(state));
      chroot.put("build_id", b.submission.id);
      chroot.put("pkg_version", b.version.evr());
      if (fields.contains("url_build_log")) {
        chroot.put("url_build_log", b.attempt == 0 ? null : apiBase + "builds/" + b.id + "/log");
      }
      if (fields.contains("url_backend_log")) {
        chroot.put("url_backend_log", null);
      }
      if (fields.contains("url_build")) {
        chroot.put("url_build", views.resultUrl(b));
      }
      packages.computeIfAbsent(b.pkg.name, n -> new LinkedHashMap<>()).put(b.chroot, chroot);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("output", "ok");
    answer.put("message", "Project monitor request successful");
    answer.put(
        "packages",
        packages.entrySet().stream()
            .map(e -> Map.of("name", e.getKey(), "chroots", e.getValue()))
            .toList());
    return answer;
  }
}
