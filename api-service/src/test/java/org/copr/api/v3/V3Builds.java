package org.copr.api.v3;

import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.copr.api.Api;
import org.copr.api.build.BuildProgress;
import org.copr.contracts.BuildStatus;

/** Test support: uploads as python-copr sends them, and builds moved through their states. */
final class V3Builds {
  private V3Builds() {}

  /** The JSON part of copr-cli's {@code build <project> <file>}, nulls included. */
  static Map<String, Object> buildopts(String owner, String project) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ownername", owner);
    json.put("projectname", project);
    json.put("project_dirname", project);
    json.put("timeout", null);
    json.put("chroots", null);
    json.put("background", false);
    json.put("progress_callback", null);
    json.put("isolation", "unchanged");
    return json;
  }

  /** python-copr's FileRequest: a {@code pkgs} part with the SRPM, a {@code json} file part. */
  static Response upload(V3Clients.Login login, Path srpm, Map<String, Object> json) {
    return upload(login, srpm, toJson(json));
  }

  static Response upload(V3Clients.Login login, Path srpm, String json) {
    try {
      return login
          .authenticated()
          .multiPart(
              new MultiPartSpecBuilder(Files.readAllBytes(srpm))
                  .controlName("pkgs")
                  .fileName(srpm.getFileName().toString())
                  .mimeType("application/x-rpm")
                  .build())
          .multiPart(
              new MultiPartSpecBuilder(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                  .controlName("json")
                  .fileName("json")
                  .mimeType("application/json")
                  .build())
          .post("/api_3/build/create/upload");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String toJson(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A v3 build's per-chroot builds (ours), by chroot. */
  static Map<String, Long> chrootBuilds(String owner, String copr, long submission) {
    List<Map<String, Object>> items =
        Api.as(owner)
            .get("/coprs/{copr}/builds?limit=500", copr)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items");
    Map<String, Long> byChroot = new java.util.TreeMap<>();
    for (Map<String, Object> b : items) {
      if (((Number) b.get("submission_id")).longValue() == submission) {
        byChroot.put((String) b.get("chroot"), ((Number) b.get("id")).longValue());
      }
    }
    return byChroot;
  }

  /** Moves our builds as the scheduler, worker and repo-worker would report them. */
  record Progress(BuildProgress progress, String copr, String pkg) {
    void started(long build, String chroot, Instant at) {
      apply(new BuildStatus.Dispatched(build, 1, "x86_64"), at);
      apply(new BuildStatus.Started(build, 1, "worker-1", log(build)), at);
    }

    void finished(
        long build, String chroot, boolean success, List<BuildStatus.Artifact> made, Instant at) {
      apply(
          new BuildStatus.Finished(
              build,
              1,
              "worker-1",
              copr,
              chroot,
              pkg,
              success,
              success ? 0 : 1,
              "results/" + build + "/1",
              log(build),
              made,
              success ? null : "error: bad",
              1000,
              success ? null : "it failed",
              null),
          at);
    }

    void published(long build, String chroot, Instant at) {
      apply(new BuildStatus.Published(build, 1, copr, chroot, "repos/" + copr + "/" + chroot), at);
    }

    void canceled(long build, Instant at) {
      apply(new BuildStatus.Canceled(build, 0, "canceled"), at);
    }

    private void apply(BuildStatus event, Instant at) {
      if (progress.apply(event, at) != BuildProgress.Outcome.APPLIED) {
        throw new AssertionError(event + " was not applied");
      }
    }

    private static String log(long build) {
      return "logs/" + build + "/build-1.log";
    }
  }

  static BuildStatus.Artifact rpm(String file, String name, Integer epoch, String arch) {
    return new BuildStatus.Artifact(file, name, epoch, "1.0", "1", arch, "0".repeat(64));
  }
}
