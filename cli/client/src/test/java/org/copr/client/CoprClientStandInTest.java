package org.copr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the real service rarely shows: many pages, answers that are not JSON, request headers. */
class CoprClientStandInTest {
  HttpServer server;
  Map<String, String> seenHeaders = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/coprs", this::coprs);
    server.createContext("/users/me", e -> answer(e, 502, "text/html", "<html>Bad gateway</html>"));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** 1200 coprs, served at most 500 a page as the API does. */
  void coprs(HttpExchange e) throws IOException {
    seenHeaders.put(
        "authorization", String.valueOf(e.getRequestHeaders().getFirst("Authorization")));
    seenHeaders.put("user-agent", String.valueOf(e.getRequestHeaders().getFirst("User-Agent")));
    seenHeaders.put(
        "x-copr-client", String.valueOf(e.getRequestHeaders().getFirst("X-Copr-Client")));
    String q = e.getRequestURI().getQuery();
    int limit = Integer.parseInt(q.replaceAll(".*limit=(\\d+).*", "$1"));
    int offset = Integer.parseInt(q.replaceAll(".*offset=(\\d+).*", "$1"));
    List<String> items = new ArrayList<>();
    for (int i = offset; i < Math.min(1200, offset + Math.min(limit, 500)); i++) {
      items.add(
          "{\"name\":\"c" + i + "\",\"created_at\":\"2026-11-25T01:00:00Z\",\"future_field\":1}");
    }
    answer(
        e,
        200,
        "application/json",
        "{\"items\":["
            + String.join(",", items)
            + "],\"total\":1200,\"limit\":"
            + limit
            + ",\"offset\":"
            + offset
            + "}");
  }

  static void answer(HttpExchange e, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().add("Content-Type", type);
    e.sendResponseHeaders(status, bytes.length);
    e.getResponseBody().write(bytes);
    e.close();
  }

  @Test
  void listsReadEveryPageAndSkipUnknownFields() {
    List<Copr> coprs = new CoprClient(url(), "alice", "pw").coprList();
    assertThat(coprs).hasSize(1200);
    assertThat(coprs.get(1199).name()).isEqualTo("c1199");
    assertThat(seenHeaders.get("authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes()));
    assertThat(seenHeaders.get("user-agent")).startsWith("copr-client/");
    // the header a page of another site cannot send: the service takes form-shaped writes with it
    assertThat(seenHeaders.get("x-copr-client")).startsWith("copr-cli/");
  }

  @Test
  void anonymousClientsSendNoAuthorization() {
    new CoprClient(url(), null, null).coprList();
    assertThat(seenHeaders.get("authorization")).isEqualTo("null");
  }

  @Test
  void anAnswerWithoutAnErrorBodyStillSaysWhatFailed() {
    assertThatThrownBy(() -> new CoprClient(url(), "a", "b").userMe())
        .isInstanceOfSatisfying(
            CoprException.class,
            e -> {
              assertThat(e.status()).isEqualTo(502);
              assertThat(e.error()).isEqualTo("server_error");
              assertThat(e.detail()).contains("answered HTTP 502").contains("/users/me");
            });
  }
}
