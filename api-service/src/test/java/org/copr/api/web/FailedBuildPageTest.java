package org.copr.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.awaitBuild;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;
import static org.copr.api.Api.upload;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.copr.api.Rpms;
import org.copr.api.storage.Storage;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Event;
import org.copr.contracts.Printable;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * A failed build's page says why, and shows the lines of its log that explain it; what a build
 * printed reaches the API, the page and the CLI only as plain, bounded text.
 */
@QuarkusTest
class FailedBuildPageTest {
  private static final String CHROOT = "fedora-40-x86_64";

  @Inject Storage storage;

  private record Fixture(String copr, String pkg, long build) {}

  private static Fixture build() {
    String owner = newUser("alice");
    String copr = newCopr(owner, List.of("fedora-40"), List.of("x86_64"));
    String pkg = unique("pkg");
    long id =
        upload(owner, copr, Rpms.srpm(pkg, "1.0"))
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getLong("builds[0].id");
    return new Fixture(copr, pkg, id);
  }

  private static void status(BuildStatus... events) {
    for (BuildStatus e : events) {
      TopicProbe.send(
          KafkaBroker.shared().bootstrapServers(),
          Topics.BUILDS_STATUS,
          Long.toString(e.buildId()),
          (Event) e);
    }
  }

  private static BuildStatus.Finished failed(Fixture f, String reason) {
    return new BuildStatus.Finished(
        f.build(),
        1,
        "w",
        f.copr(),
        CHROOT,
        f.pkg(),
        false,
        1,
        "results/" + f.build() + "/1",
        "logs/" + f.build() + "/build-1.log",
        List.of(),
        "",
        10,
        reason,
        null);
  }

  private void writeLog(long build, String text) throws Exception {
    Path log = storage.layout().log(build, 1);
    Files.createDirectories(log.getParent());
    Files.writeString(log, text);
  }

  @Test
  void theReasonAndTheLinesAroundRpmbuildsErrorAreOnThePage() throws Exception {
    Fixture f = build();
    String early =
        IntStream.range(0, 200).mapToObj(i -> "early line " + i).collect(Collectors.joining("\n"));
    writeLog(
        f.build(),
        early
            + "\nExecuting(%build): /bin/sh -e /build/tmp/rpm-tmp.abc\n"
            + "+ gcc -o hello hello.c\n"
            + "hello.c:2:25: error: expected ';' before '}' token\n"
            + "error: Bad exit status from /build/tmp/rpm-tmp.abc (%build)\n"
            + "\n"
            + "RPM build errors:\n"
            + "    Bad exit status from /build/tmp/rpm-tmp.abc (%build)\n"
            + "copr-build-worker: sandbox exited with 1 after 83 ms\n");
    String reason =
        "%build failed: error: Bad exit status from /build/tmp/rpm-tmp.abc (%build); last error"
            + " before it: hello.c:2:25: error: expected ';' before '}' token";
    status(
        new BuildStatus.Started(f.build(), 1, "w", "logs/" + f.build() + "/build-1.log"),
        failed(f, reason));

    assertThat(awaitBuild(f.build(), m -> "failed".equals(m.get("state"))))
        .containsEntry("reason", reason);
    String page = new Browser().get("/build/" + f.build()).body().asString();

    assertThat(page)
        .contains(
            "<dd id=\"reason\">%build failed: error: Bad exit status from /build/tmp/rpm-tmp.abc"
                + " (%build); last error before it: hello.c:2:25: error: expected &#39;;&#39;"
                + " before &#39;}&#39; token</dd>");
    String failure = page.substring(page.indexOf("id=\"failure-log\""));
    failure = failure.substring(0, failure.indexOf("</pre>"));
    assertThat(failure)
        .contains("hello.c:2:25: error: expected")
        .contains("error: Bad exit status from /build/tmp/rpm-tmp.abc (%build)")
        .contains("copr-build-worker: sandbox exited with 1")
        .contains("early line 199")
        .doesNotContain("early line 150");
  }

  @Test
  void aHostileReasonAndLogReachThePageAndTheApiAsPlainBoundedText() throws Exception {
    Fixture f = build();
    writeLog(
        f.build(),
        "Executing(%build): /bin/sh -e /build/tmp/rpm-tmp.abc\n"
            + "\u001b]0;owned\u0007\u001b[31m<script>alert(1)</script>\u202e\n"
            + "error: Bad exit status from /build/tmp/rpm-tmp.abc (%build)\n");
    String hostile =
        "\u001b[2J\u001b[31m<script>alert(1)</script>\r\nforged line\u202e" + "A".repeat(60_000);
    status(
        new BuildStatus.Started(f.build(), 1, "w", "logs/" + f.build() + "/build-1.log"),
        failed(f, hostile));

    Map<String, Object> build = awaitBuild(f.build(), m -> "failed".equals(m.get("state")));
    String reason = build.get("reason").toString();

    assertThat(reason)
        .startsWith("<script>alert(1)</script> forged lineAAAA")
        .endsWith("A…")
        .hasSize(Printable.MAX_REASON)
        .doesNotContain("\u001b")
        .doesNotContain("\u202e");
    String page = new Browser().get("/build/" + f.build()).body().asString();
    assertThat(page)
        .doesNotContain("<script>alert(1)</script>")
        .doesNotContain("\u001b")
        .doesNotContain("owned")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; forged lineAAAA");
    String failure = page.substring(page.indexOf("id=\"failure-log\""));
    assertThat(failure.substring(0, failure.indexOf("</pre>")))
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;\n")
        .doesNotContain("\u202e");
  }
}
