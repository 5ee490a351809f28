package org.copr.api.web;

import java.util.List;

/** Where the web pages live: beside the REST API's routes, never under them. */
final class WebPaths {
  private static final List<String> PREFIXES =
      List.of("/copr/", "/build/", "/login", "/logout", "/queue", "/new-copr", "/tokens");

  private WebPaths() {}

  static boolean isWeb(String path) {
    return path.equals("/") || PREFIXES.stream().anyMatch(path::startsWith);
  }

  /** A place to return to after logging in: a page of this site, never another site. */
  static String local(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
      return "/";
    }
    return isWeb(next) ? next : "/";
  }
}
