package org.copr.api.web;

import io.quarkus.panache.common.Sort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.copr.api.build.Build;
import org.copr.api.copr.Copr;

/**
 * The web links Fedora's copr-cli prints: {@code /coprs/build/<id>} (the API v3 build, which is our
 * submission) and {@code /coprs/<owner>/<project>/} (the project) lead to our pages. Anything else
 * under {@code /coprs/} goes on to the REST API as before.
 */
@Singleton
public class FedoraLinks {
  private static final String BUILD = "^/coprs/build/([0-9]{1,18})/?$";
  private static final String PROJECT = "^/coprs/([^/]+)/([^/]+)/$";

  void route(@Observes Router router) {
    router.getWithRegex(BUILD).order(Integer.MIN_VALUE + 1).blockingHandler(this::build);
    router.getWithRegex(PROJECT).order(Integer.MIN_VALUE + 1).blockingHandler(this::project);
  }

  private void build(RoutingContext rc) {
    Optional<String> page = submissionPage(Long.parseLong(rc.pathParam("param0")));
    if (page.isEmpty()) {
      rc.next();
      return;
    }
    redirect(rc, page.get());
  }

  private void project(RoutingContext rc) {
    Optional<String> page = projectPage(rc.pathParam("param0"), rc.pathParam("param1"));
    if (page.isEmpty()) {
      rc.next();
      return;
    }
    redirect(rc, page.get());
  }

  /** One chroot: that build's page; several: the copr's builds of the package, newest first. */
  @Transactional
  Optional<String> submissionPage(long submission) {
    List<Build> builds = Build.find("submission.id", Sort.by("id"), submission).list();
    if (builds.isEmpty()) {
      return Optional.empty();
    }
    Build first = builds.get(0);
    if (builds.size() == 1) {
      return Optional.of("/build/" + first.id);
    }
    return Optional.of(
        "/copr/"
            + first.copr.name
            + "/builds?package="
            + URLEncoder.encode(first.pkg.name, StandardCharsets.UTF_8));
  }

  /** The copr of that name when {@code owner} owns it (API v3's owner/name), else none. */
  @Transactional
  Optional<String> projectPage(String owner, String name) {
    return Copr.byName(name)
        .filter(c -> c.owner.username.equals(owner))
        .map(c -> "/copr/" + c.name);
  }

  private static void redirect(RoutingContext rc, String location) {
    rc.response().setStatusCode(302).putHeader("Location", location).end();
  }
}
