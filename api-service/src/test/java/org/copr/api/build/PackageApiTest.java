package org.copr.api.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.as;
import static org.copr.api.Api.error;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;
import static org.copr.api.Api.upload;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.copr.api.DbState;
import org.copr.api.Rpms;
import org.copr.api.storage.Storage;
import org.copr.testing.HostileRpms;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PackageApiTest {
  @Inject DbState db;
  @Inject Storage storage;

  @Test
  void uploadCreatesThePackageAndOneBuildPerChroot() throws Exception {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40", "epel-9"), List.of("x86_64", "aarch64"));
    String pkg = unique("hello");
    Path srpm = Rpms.srpm(pkg, "1.0");
    Path misnamed = Files.copy(srpm, srpm.resolveSibling("whatever.src.rpm"));

    JsonPath answer =
        upload(alice, copr, misnamed)
            .then()
            .statusCode(202)
            .body("package.name", equalTo(pkg))
            .body("package.copr", equalTo(copr))
            .body("package.summary", equalTo(pkg + " test package for Copr"))
            .body("package.license", equalTo("MIT"))
            .body("package.versions", hasSize(1))
            .body("package.versions[0].evr", equalTo("1.0-1"))
            .body("package.versions[0].epoch", equalTo(0))
            .body("package.versions[0].version", equalTo("1.0"))
            .body("package.versions[0].release", equalTo("1"))
            .body("package.versions[0].uploaded_by", equalTo(alice))
            .body(
                "builds.chroot",
                contains(
                    "epel-9-aarch64", "epel-9-x86_64", "fedora-40-aarch64", "fedora-40-x86_64"))
            .body("builds.state", everyItem(equalTo("pending")))
            .body("builds.attempt", everyItem(equalTo(0)))
            .body("builds.submitted_by", everyItem(equalTo(alice)))
            .body("builds.package_name", everyItem(equalTo(pkg)))
            .body("builds.evr", everyItem(equalTo("1.0-1")))
            .body("builds.worker_id", everyItem(nullValue()))
            .extract()
            .jsonPath();

    String sha256 =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(srpm)));
    assertThat(answer.getString("package.versions[0].srpm_sha256")).isEqualTo(sha256);
    assertThat(answer.getLong("package.versions[0].srpm_size")).isEqualTo(Files.size(srpm));
    Path stored = storage.layout().srpms().resolve(sha256 + ".src.rpm");
    assertThat(stored).exists().hasSameBinaryContentAs(srpm);

    anonymous()
        .get("/coprs/{copr}/packages/{pkg}", copr, pkg)
        .then()
        .statusCode(200)
        .body(
            "latest_builds.chroot",
            contains("epel-9-aarch64", "epel-9-x86_64", "fedora-40-aarch64", "fedora-40-x86_64"))
        .body("latest_builds.state", everyItem(equalTo("pending")));
    anonymous()
        .get("/coprs/{copr}/packages", copr)
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items.name", contains(pkg));
    anonymous()
        .get("/coprs/{copr}/builds", copr)
        .then()
        .statusCode(200)
        .body("total", equalTo(4))
        .body("items.copr", everyItem(equalTo(copr)));
    long id = answer.getLong("builds[0].id");
    anonymous()
        .get("/builds/{id}", id)
        .then()
        .statusCode(200)
        .body("chroot", equalTo("epel-9-aarch64"))
        .body("state", equalTo("pending"));
  }

  @Test
  void aNewVersionAddsBuildsAndTheSameOneIsAConflict() {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    String pkg = unique("hello");
    upload(alice, copr, Rpms.srpm(pkg, "1.0")).then().statusCode(202);
    Path again = Rpms.srpm(pkg, "1.0");

    db.refuses(409, "conflict", () -> upload(alice, copr, again));

    upload(alice, copr, Rpms.srpm(pkg, "1.1"))
        .then()
        .statusCode(202)
        .body("package.versions.evr", contains("1.1-1", "1.0-1"))
        .body("builds", hasSize(1));
    upload(alice, copr, Rpms.srpm(pkg, "1.1", TestRpms.Options.defaults().release("2")))
        .then()
        .statusCode(202);
    anonymous()
        .get("/coprs/{copr}/packages/{pkg}", copr, pkg)
        .then()
        .body("versions.evr", contains("1.1-2", "1.1-1", "1.0-1"))
        .body("latest_builds", hasSize(1))
        .body("latest_builds[0].evr", equalTo("1.1-2"));
    anonymous()
        .queryParam("package", pkg)
        .queryParam("limit", 2)
        .get("/coprs/{copr}/builds", copr)
        .then()
        .body("total", equalTo(3))
        .body("items.evr", contains("1.1-2", "1.1-1"));
    anonymous()
        .queryParam("state", "succeeded")
        .get("/coprs/{copr}/builds", copr)
        .then()
        .body("total", equalTo(0));
    error(
        anonymous().queryParam("state", "sleeping").get("/coprs/{copr}/builds", copr),
        400,
        "bad_request");
  }

  @Test
  void refusesFilesThatAreNotWholeSourcePackages() throws IOException {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    Path srpm = Rpms.srpm(unique("cut"), "1.0");
    byte[] noise = new byte[4000];
    new Random(42).nextBytes(noise);

    Path binary = Rpms.binaryRpm(unique("bin"), "1.0");
    db.unchangedBy(
        () ->
            error(upload(alice, copr, binary), 422, "invalid")
                .body("detail", org.hamcrest.Matchers.containsString("binary")));
    db.refuses(422, "invalid", () -> upload(alice, copr, Rpms.write("empty.src.rpm", new byte[0])));
    db.refuses(422, "invalid", () -> upload(alice, copr, Rpms.write("noise.src.rpm", noise)));
    db.refuses(
        422,
        "invalid",
        () ->
            upload(
                alice,
                copr,
                Rpms.write("text.src.rpm", "Name: hello\n".getBytes(StandardCharsets.UTF_8))));
    db.refuses(422, "invalid", () -> upload(alice, copr, Rpms.truncated(srpm, 300)));
    int size = (int) Files.size(srpm);
    db.refuses(422, "invalid", () -> upload(alice, copr, Rpms.truncated(srpm, size - 100)));
  }

  @Test
  void hostileHeadersAre422sThatLeaveTheHeapAsItWas() {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    Map<String, Path> files = new java.util.LinkedHashMap<>();
    HostileRpms.all()
        .forEach((what, bytes) -> files.put(what, Rpms.write("hostile.src.rpm", bytes)));
    long before = usedHeapAfterGc();

    files.forEach(
        (what, file) ->
            db.unchangedBy(
                () ->
                    error(upload(alice, copr, file), 422, "invalid")
                        .body("detail", org.hamcrest.Matchers.startsWith("not an RPM package"))));
    files.forEach((what, file) -> error(upload(alice, copr, file), 422, "invalid"));

    assertThat(usedHeapAfterGc() - before)
        .as("heap growth after %d hostile uploads", 2 * files.size())
        .isLessThan(16L << 20);
    upload(alice, copr, Rpms.srpm(unique("after-hostile"), "1.0")).then().statusCode(202);
  }

  @Test
  void buildRequiresThatAreNotDependencyTokensAre422NamingTheEntryAndNothingIsStored()
      throws IOException {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    Path dir = Files.createTempDirectory("copr-patched-");
    Map<String, String> refused =
        Map.of(
            "--destdir=/some/host/dir", "starts with '-'",
            "--setopt=pluginpath=/tmp/evil", "starts with '-'",
            "http://127.0.0.1:8099/probe.rpm", "it is a URL",
            "/etc/passwd", "a path outside /usr",
            "hello dep", "whitespace",
            "hello\ndep", "whitespace",
            "a=b", "'=' is allowed only inside parentheses");
    for (var e : refused.entrySet()) {
      String entry = e.getKey();
      Path srpm = HostileRpms.withBuildRequires(dir, unique("patched"), "1.0", entry);
      List<String> before = listing(storage.layout().srpms());
      db.unchangedBy(
          () ->
              error(upload(alice, copr, srpm), 422, "invalid")
                  .body(
                      "detail",
                      org.hamcrest.Matchers.allOf(
                          org.hamcrest.Matchers.startsWith(
                              "BuildRequires \""
                                  + org.copr.rpm.DependencyToken.shown(entry)
                                  + "\" is not a dependency"),
                          org.hamcrest.Matchers.containsString(e.getValue()))));
      assertThat(listing(storage.layout().srpms())).as(entry).isEqualTo(before);
    }
    upload(
            alice,
            copr,
            Rpms.srpm(
                unique("honest"),
                "1.0",
                TestRpms.Options.defaults()
                    .buildRequires("make", "pkgconfig(zlib)", "/usr/bin/gcc")))
        .then()
        .statusCode(202);
  }

  private static List<String> listing(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aSummaryOrLicensePastItsLimitIs422() {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    String pkg = unique("long");
    String longSummary =
        TestRpms.spec(pkg, "1.0", TestRpms.Options.defaults())
            .replaceFirst("Summary: .*", "Summary: " + "s".repeat(1001));
    String longLicense =
        TestRpms.spec(pkg, "1.0", TestRpms.Options.defaults())
            .replace("License: MIT", "License: " + "MIT AND ".repeat(500) + "MIT");
    String justRight =
        TestRpms.spec(pkg, "1.0", TestRpms.Options.defaults())
            .replaceFirst("Summary: .*", "Summary: " + "s".repeat(1000));

    db.unchangedBy(
        () ->
            error(upload(alice, copr, srpmOf(pkg, longSummary)), 422, "invalid")
                .body(
                    "detail",
                    equalTo("the summary in the SRPM header has 1001 characters; at most 1000")));
    db.refuses(422, "invalid", () -> upload(alice, copr, srpmOf(pkg, longLicense)));
    upload(alice, copr, srpmOf(pkg, justRight))
        .then()
        .statusCode(202)
        .body("package.summary", equalTo("s".repeat(1000)));
  }

  private static Path srpmOf(String name, String spec) {
    try {
      return TestRpms.srpmFromSpec(Files.createTempDirectory("copr-limits-"), name, spec);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What this JVM (the service under test) holds once garbage is collected. */
  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }

  @Test
  void refusesOversizeUploadsWith413() {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    byte[] big = new byte[65 * 1024 + 1];
    new Random(7).nextBytes(big);

    db.refuses(413, "too_large", () -> upload(alice, copr, Rpms.write("big.src.rpm", big)));
  }

  @Test
  void refusesFileNamesThatLeaveTheFolderAndBadRequests() throws IOException {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    byte[] srpm = Files.readAllBytes(Rpms.srpm(unique("sneaky"), "1.0"));

    db.refuses(
        422,
        "invalid",
        () ->
            as(alice)
                .multiPart("srpm", "../../etc/passwd.src.rpm", srpm, "application/x-rpm")
                .post("/coprs/{copr}/packages", copr));
    db.refuses(
        400,
        "bad_request",
        () ->
            as(alice)
                .multiPart("file", "x.src.rpm", srpm, "application/x-rpm")
                .post("/coprs/{copr}/packages", copr));
    db.refuses(
        415,
        "unsupported_media_type",
        () ->
            as(alice)
                .contentType(ContentType.BINARY)
                .body(srpm)
                .post("/coprs/{copr}/packages", copr));
  }

  @Test
  void uploadsNeedALoginAndTheBuilderPermission() {
    String alice = newUser("alice");
    String bob = newUser("bob");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    Path srpm = Rpms.srpm(unique("perm"), "1.0");

    db.refuses(
        401,
        "unauthorized",
        () -> anonymous().multiPart("srpm", srpm.toFile()).post("/coprs/{copr}/packages", copr));
    db.refuses(403, "forbidden", () -> upload(bob, copr, srpm));
    db.refuses(404, "not_found", () -> upload(alice, unique("missing"), srpm));

    as(alice)
        .contentType(ContentType.JSON)
        .body(Map.of("username", bob, "permission", "builder"))
        .post("/coprs/{copr}/grant", copr)
        .then()
        .statusCode(200);
    upload(bob, copr, srpm).then().statusCode(202).body("builds[0].submitted_by", equalTo(bob));
  }

  @Test
  void deleteRemovesThePackageAndItsBuilds() {
    String alice = newUser("alice");
    String bob = newUser("bob");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    String pkg = unique("doomed");
    long build =
        upload(alice, copr, Rpms.srpm(pkg, "1.0"))
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getLong("builds[0].id");
    as(alice)
        .contentType(ContentType.JSON)
        .body(Map.of("username", bob, "permission", "builder"))
        .post("/coprs/{copr}/grant", copr)
        .then()
        .statusCode(200);

    db.refuses(
        401, "unauthorized", () -> anonymous().delete("/coprs/{copr}/packages/{pkg}", copr, pkg));
    db.refuses(403, "forbidden", () -> as(bob).delete("/coprs/{copr}/packages/{pkg}", copr, pkg));
    db.refuses(
        404,
        "not_found",
        () -> as(alice).delete("/coprs/{copr}/packages/{pkg}", copr, "not-" + pkg));

    as(alice).delete("/coprs/{copr}/packages/{pkg}", copr, pkg).then().statusCode(204);

    error(anonymous().get("/coprs/{copr}/packages/{pkg}", copr, pkg), 404, "not_found");
    error(anonymous().get("/builds/{id}", build), 404, "not_found");
    anonymous().get("/coprs/{copr}/packages", copr).then().body("total", equalTo(0));
  }

  @Test
  void readsOfUnknownThingsAre404() {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    error(anonymous().get("/coprs/{copr}/packages", unique("missing")), 404, "not_found");
    error(anonymous().get("/coprs/{copr}/packages/{pkg}", copr, "nothing"), 404, "not_found");
    error(anonymous().get("/coprs/{copr}/builds", unique("missing")), 404, "not_found");
    error(anonymous().get("/builds/{id}", 987654321), 404, "not_found");
    error(anonymous().get("/builds/{id}", "abc"), 404, "not_found");
  }
}
