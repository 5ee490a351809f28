package org.copr.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Checks that an HTTP service answers a failure with the one error body {@code {error, detail}}.
 */
public final class ErrorBodies {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorBodies() {}

  /**
   * What every service answers alike: a path no route serves, a method that {@code getOnlyPath}
   * does not take, and a bug in a plain Vert.x route and (where the service has JAX-RS) in a
   * resource ({@link ForcedFailures}).
   */
  public static void checkCommonFailures(URI base, String getOnlyPath, boolean jaxRs) {
    check(base, "GET", "/no-such-route/here", 404, "not_found");
    check(base, "DELETE", getOnlyPath, 405, "method_not_allowed");
    check(base, "GET", ForcedFailures.ROUTE, 500, "internal_error");
    if (jaxRs) {
      check(base, "GET", ForcedFailures.RESOURCE, 500, "internal_error");
    }
  }

  /** Sends a request without a body; returns the answer's detail. */
  public static String check(URI base, String method, String path, int status, String error) {
    return check(
        HttpRequest.newBuilder(base.resolve(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        status,
        error);
  }

  public static String check(HttpRequest request, int status, String error) {
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    String what = request.method() + " " + request.uri().getRawPath();
    assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .as(what)
        .startsWith("application/json");
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(what + " answered no JSON: " + response.body(), e);
    }
    assertThat(body.path("error").asText()).as(what + ": " + body).isEqualTo(error);
    assertThat(body.path("detail").asText()).as(what + ": " + body).isNotBlank();
    return body.path("detail").asText();
  }
}
