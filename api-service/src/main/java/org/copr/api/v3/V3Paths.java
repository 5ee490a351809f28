package org.copr.api.v3;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Fedora's server answers its routes with and without a trailing slash (and its clients send none,
 * but for {@code /api_3/}): a trailing slash under {@code /api_3} is dropped before routing.
 */
@Singleton
public class V3Paths {
  public static final String ROOT = "/api_3";

  static boolean isV3(String path) {
    return path.equals(ROOT) || path.startsWith(ROOT + "/");
  }

  void route(@Observes Router router) {
    router.route(ROOT + "/*").order(Integer.MIN_VALUE).handler(V3Paths::dropTrailingSlash);
  }

  private static void dropTrailingSlash(RoutingContext rc) {
    String path = rc.normalizedPath();
    if (path.length() > ROOT.length() + 1 && path.endsWith("/") && isV3(path)) {
      String query = rc.request().query();
      String stripped = path.replaceFirst("/+$", "");
      rc.reroute(query == null ? stripped : stripped + "?" + query);
      return;
    }
    rc.next();
  }
}
