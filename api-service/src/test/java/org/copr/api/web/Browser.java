package org.copr.api.web;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser as far as these tests need one: it keeps cookies and sends forms with their token. */
final class Browser {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  final Map<String, String> cookies = new HashMap<>();

  /** Sent with every request, such as the trusted proxy's {@code X-Forwarded-Proto}. */
  final Map<String, String> headers = new HashMap<>();

  Response get(String path) {
    return saved(path, keep(request().get(path)));
  }

  /** Pages are kept in target/pages/ for an HTML checker to read (see src-docs/web.md). */
  private static Response saved(String path, Response r) {
    if (r.statusCode() == 200 && r.contentType().startsWith("text/html")) {
      try {
        Path dir = Path.of("target", "pages");
        Files.createDirectories(dir);
        Files.writeString(
            dir.resolve(path.replaceAll("[^A-Za-z0-9]+", "_") + ".html"), r.body().asString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return r;
  }

  /** The page's CSRF token, as its forms carry it. */
  String csrf(String page) {
    Matcher m = CSRF.matcher(get(page).body().asString());
    if (!m.find()) {
      throw new AssertionError(page + " has no form with a CSRF token");
    }
    return m.group(1);
  }

  /** Sends a form as the page {@code from} would, with its token. */
  Response post(String from, String action, Map<String, ?> fields) {
    Map<String, Object> all = new HashMap<>(fields);
    all.put("csrf", csrf(from));
    return postWithout(action, all);
  }

  Response postWithout(String action, Map<String, ?> fields) {
    return keep(request().formParams(fields).post(action));
  }

  Response upload(String copr, File srpm) {
    String token = csrf("/copr/" + copr + "/upload");
    return keep(
        request()
            .queryParam("csrf", token)
            .multiPart("srpm", srpm)
            .post("/copr/{copr}/upload", copr));
  }

  Browser logIn(String username, String password) {
    Response r =
        post("/login", "/login", Map.of("username", username, "password", password, "next", "/"));
    if (r.statusCode() != 303) {
      throw new AssertionError("login of " + username + " answered " + r.statusCode());
    }
    return this;
  }

  private RequestSpecification request() {
    return given().redirects().follow(false).headers(headers).cookies(cookies);
  }

  private Response keep(Response r) {
    r.detailedCookies()
        .forEach(
            c -> {
              if (c.getMaxAge() == 0) {
                cookies.remove(c.getName());
              } else {
                cookies.put(c.getName(), c.getValue());
              }
            });
    return r;
  }
}
