package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * API v3 requests as python-copr makes them for Packit: HTTPS trusting only the stack's CA, Basic
 * {@code login:token}, its User-Agent, JSON bodies with nulls, and the multipart layout of its
 * FileRequest (the files, then a {@code json} file part holding the other fields).
 */
final class FedoraClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String base;
  private final String authorization;
  private final HttpClient http;

  FedoraClient(Stack stack, String login, String token) throws Exception {
    this.base = stack.apiTlsUrl() + "/api_3";
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((login + ":" + token).getBytes(StandardCharsets.UTF_8));
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream ca = Files.newInputStream(stack.caFile())) {
      trust.setCertificateEntry(
          "copr-stack", CertificateFactory.getInstance("X.509").generateCertificate(ca));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), new SecureRandom());
    this.http = HttpClient.newBuilder().sslContext(tls).build();
  }

  /** An unauthenticated read, as python-copr sends every GET. */
  JsonNode get(String path) throws IOException, InterruptedException {
    return answer(request(path).GET(), false);
  }

  JsonNode send(String method, String path, Map<String, Object> body)
      throws IOException, InterruptedException {
    return answer(
        request(path)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
        true);
  }

  /** {@code file}, if any, goes as the part {@code pkgs} with its file name, as an SRPM. */
  JsonNode multipart(String method, String path, Map<String, Object> fields, Path file)
      throws IOException, InterruptedException {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String boundary = HexFormat.of().formatHex(random);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (file != null) {
      part(body, boundary, "pkgs", file.getFileName().toString(), "application/x-rpm");
      body.write(Files.readAllBytes(file));
      body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    part(body, boundary, "json", "json", "application/json");
    body.write(JSON.writeValueAsBytes(fields));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return answer(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
        true);
  }

  private static void part(
      ByteArrayOutputStream body, String boundary, String name, String fileName, String type)
      throws IOException {
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: "
                + type
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("User-Agent", "copr python-copr/2.6");
  }

  /** As python-copr reads it: a success is JSON without an {@code error} key. */
  private JsonNode answer(HttpRequest.Builder request, boolean authenticated)
      throws IOException, InterruptedException {
    if (authenticated) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(response.body());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json.has("error")).as(response.body()).isFalse();
    return json;
  }
}
