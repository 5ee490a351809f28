package org.copr.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.copr.testing.ErrorBodies;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** repos/ over HTTP: files with the right types, nothing else, nothing outside. */
@QuarkusTest
class RepoFilesTest {
  private static String copr;
  private static long buildId;

  @Inject RepoWorkerConfig config;

  @TestHTTPResource("/")
  URL base;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void publishOneBuild() {
    if (copr != null) {
      return;
    }
    copr = Coprs.create(config.layout(), "served", Coprs.FEDORA);
    buildId = FinishedBuilds.nextBuildId();
    try (TopicProbe status = Events.statusProbe()) {
      Events.publish(
          FinishedBuilds.build(config.layout(), buildId, copr, Coprs.FEDORA, "served", "1.0"));
      Events.awaitPublished(status, buildId);
    }
  }

  @Test
  void servesPackagesAndMetadataWithTheirContentTypes() throws Exception {
    String chroot = "repos/" + copr + "/" + Coprs.FEDORA + "/";
    String folder = String.format("%08d-served/", buildId);

    HttpResponse<byte[]> repomd = get(chroot + "repodata/repomd.xml");
    assertThat(repomd.statusCode()).isEqualTo(200);
    assertThat(repomd.headers().firstValue("content-type")).hasValue("application/xml");
    assertThat(new String(repomd.body())).contains("<repomd");

    HttpResponse<byte[]> rpm = get(chroot + folder + "served-1.0-1.noarch.rpm");
    assertThat(rpm.statusCode()).isEqualTo(200);
    assertThat(rpm.headers().firstValue("content-type")).hasValue("application/x-rpm");
    Path onDisk =
        config
            .layout()
            .publishedBuild(copr, Coprs.FEDORA, buildId, "served")
            .resolve("served-1.0-1.noarch.rpm");
    assertThat(rpm.body()).isEqualTo(Files.readAllBytes(onDisk));

    Path repodata = config.layout().repo(copr, Coprs.FEDORA).resolve("repodata");
    try (Stream<Path> files = Files.list(repodata)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        HttpResponse<byte[]> response = get(chroot + "repodata/" + name);
        assertThat(response.statusCode()).as(name).isEqualTo(200);
        if (name.endsWith(".gz")) {
          assertThat(response.headers().firstValue("content-type")).hasValue("application/gzip");
        } else if (name.endsWith(".zst")) {
          assertThat(response.headers().firstValue("content-type")).hasValue("application/zstd");
        }
      }
    }
    assertThat(get(chroot + folder + "build.log").headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
  }

  @Test
  void listsNoFoldersAndHidesMarkers() throws Exception {
    String chroot = "repos/" + copr + "/" + Coprs.FEDORA + "/";
    for (String path :
        List.of(
            "repos/",
            "repos/" + copr + "/",
            chroot,
            chroot + "repodata/",
            chroot + String.format("%08d-served/", buildId),
            chroot + String.format("%08d-served/.copr-build", buildId),
            chroot + "nothing-here.rpm")) {
      HttpResponse<byte[]> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(new String(response.body())).as(path).contains("\"error\"");
    }
  }

  @Test
  void pathEscapesAreRefused() throws Exception {
    Path secret = config.layout().root().resolve("secret.txt");
    Files.writeString(secret, "top secret");
    Path link = config.layout().repo(copr, Coprs.FEDORA).resolve("link.rpm");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, secret);
    for (String path :
        List.of(
            "repos/../secret.txt",
            "repos/" + copr + "/../../secret.txt",
            "repos/%2e%2e/secret.txt",
            "repos/%2E%2E/%2e%2e/etc/passwd",
            "repos/..%2fsecret.txt",
            "repos/" + copr + "/..%2f..%2fsecret.txt",
            "repos/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "repos/..%5csecret.txt",
            "repos/" + copr + "%00/secret.txt",
            "repos/%252e%252e/secret.txt",
            "repos/" + copr + "/" + Coprs.FEDORA + "/link.rpm")) {
      HttpResponse<byte[]> response = get(path);
      assertThat(response.statusCode()).as(path).isIn(400, 404);
      String body = new String(response.body());
      assertThat(body).as(path).doesNotContain("top secret").doesNotContain("root:");
    }
  }

  @Test
  void servesReadOnly() throws Exception {
    String path = "repos/" + copr + "/" + Coprs.FEDORA + "/repodata/repomd.xml";
    HttpResponse<byte[]> delete =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).DELETE().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(delete.statusCode()).isIn(404, 405);
    assertThat(config.layout().repo(copr, Coprs.FEDORA).resolve("repodata/repomd.xml"))
        .isRegularFile();
  }

  @Test
  void reportsHealthAndPublishMetrics() throws Exception {
    HttpResponse<byte[]> ready = get("q/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(new String(ready.body())).contains("repo storage").contains("\"UP\"");

    String metrics = new String(get("q/metrics").body());
    assertThat(metrics)
        .contains("copr_repo_publish_latency_seconds_count")
        .contains("copr_repo_createrepo_duration_seconds_count{outcome=\"success\"")
        .contains("copr_repo_batch_size_count")
        .contains("copr_repo_publish_failed_total");
  }

  private HttpResponse<byte[]> get(String rawPath) throws Exception {
    // URI.create keeps the path exactly as written: no client-side normalisation of ../ or %2e.
    return http.send(
        HttpRequest.newBuilder(URI.create(base + rawPath)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void failuresAnswerTheErrorBody() throws Exception {
    URI root = base.toURI();
    ErrorBodies.checkCommonFailures(root, "/repos/" + copr + "/", false);
    ErrorBodies.check(root, "GET", "/repos/a%2Fb/x", 400, "bad_request");
    ErrorBodies.check(root, "GET", "/repos/no-such-copr/x.rpm", 404, "not_found");
  }
}
