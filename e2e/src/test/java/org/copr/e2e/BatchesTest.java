package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.copr.testing.Processes;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batches on the running system, with the real {@code copr} command ({@code --after-build-id},
 * {@code --with-build-id}), real builds in the sandbox and the real scheduler: what waits starts
 * only after what it waits for has ended, whatever that end.
 */
class BatchesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "batcher";
  private static final String PASSWORD = "batcher-secret-1";

  private static Path work;
  private static Stack stack;

  @BeforeAll
  static void up() throws Exception {
    work = Files.createTempDirectory("copr-e2e-batches-");
    stack = new Stack(work.resolve("stack"), 1);
    stack.up();
    stack.newUser(USER, PASSWORD);
    ok(copr("create-copr", "libs", "--release", "fedora-40"));
    ok(copr("create-copr", "apps", "--release", "fedora-40"));
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void buildsAfterAFailedBuildOfAnotherCoprAndWithThemWaitUntilItEndedThenRun() throws Exception {
    // fails after 15 s: long enough for the requests below to arrive while it runs
    long lib = upload("libs", srpm("lib-fails", "%build\nsleep 15\nexit 1\n"));
    long app = upload("apps", srpm("app-after", null), "--after-build-id", Long.toString(lib));
    long tool = upload("apps", srpm("tool-with", null), "--with-build-id", Long.toString(app));

    for (long id : List.of(app, tool)) {
      JsonNode b = build(id);
      assertThat(b.get("state").asText()).as("%s", b).isEqualTo("waiting");
      assertThat(b.get("blocked_by_batch").asLong()).isEqualTo(build(lib).get("batch_id").asLong());
    }
    assertThat(build(tool).get("batch_id")).isEqualTo(build(app).get("batch_id"));
    Processes.Result info = copr("info-build", Long.toString(app));
    assertThat(info.output()).contains("waiting");
    JsonNode scheduled = scheduler("/queue/builds/" + app);
    assertThat(scheduled.get("state").asText()).as("%s", scheduled).isEqualTo("blocked");
    assertThat(scheduled.get("blocked_by_batch")).isEqualTo(build(app).get("blocked_by_batch"));
    JsonNode x86 = null;
    for (JsonNode arch : scheduler("/queue").get("arches")) {
      x86 = "x86_64".equals(arch.get("arch").asText()) ? arch : x86;
    }
    assertThat(x86).isNotNull();
    assertThat(x86.get("blocked").asInt()).as("%s", x86).isEqualTo(2);
    String page = stack.api("GET", "/queue", null, null, null).body();
    assertThat(page).contains("/build/" + app + "\"", "/build/" + tool + "\"");

    awaitEnded(lib, app, tool);
    assertThat(build(lib).get("state").asText()).isEqualTo("failed");
    Instant libEnded = Instant.parse(build(lib).get("ended_at").asText());
    for (long id : List.of(app, tool)) {
      JsonNode b = build(id);
      assertThat(b.get("state").asText()).as("%s", b).isEqualTo("succeeded");
      assertThat(Instant.parse(b.get("started_at").asText())).isAfterOrEqualTo(libEnded);
    }
  }

  @Test
  void aBuildAfterACanceledBuildRuns() throws Exception {
    long slow = upload("libs", srpm("lib-canceled", "%build\nsleep 120\n"));
    long after =
        upload("apps", srpm("app-after-cancel", null), "--after-build-id", Long.toString(slow));
    assertThat(build(after).get("state").asText()).isEqualTo("waiting");
    ok(copr("cancel-build", Long.toString(slow)));
    awaitEnded(slow, after);
    assertThat(build(slow).get("state").asText()).isEqualTo("canceled");
    assertThat(build(after).get("state").asText()).isEqualTo("succeeded");
  }

  private static long upload(String coprName, Path srpm, String... batch) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("create-pkg", "--nowait", "-o", "json"));
    args.addAll(List.of(batch));
    args.addAll(List.of(coprName, srpm.toString()));
    Processes.Result r = copr(args.toArray(String[]::new));
    ok(r);
    return JSON.readTree(r.output()).get("builds").get(0).get("id").asLong();
  }

  private static Path srpm(String name, String build) throws Exception {
    String spec = TestRpms.spec(name, "1.0", TestRpms.Options.defaults());
    if (build != null) {
      spec = spec.replace("%build\n", build);
    }
    return TestRpms.srpmFromSpec(work.resolve("srpms"), name, spec);
  }

  private static void awaitEnded(long... ids) {
    Awaitility.await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              for (long id : ids) {
                if (!List.of("succeeded", "failed", "canceled")
                    .contains(build(id).get("state").asText())) {
                  return false;
                }
              }
              return true;
            });
  }

  private static JsonNode scheduler(String path) throws Exception {
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(stack.schedulerUrl() + path))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static JsonNode build(long id) throws Exception {
    return JSON.readTree(stack.api("GET", "/builds/" + id, null, null, null).body());
  }

  private static Processes.Result copr(String... args) {
    return stack.copr(USER, PASSWORD, args);
  }

  private static void ok(Processes.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
  }
}
