package org.copr.api.v3;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.copr.api.Api;
import org.junit.jupiter.api.Test;

/**
 * {@code dnf copr enable} as Debian's dnf-plugins-core sends it: {@code urlopen(copr_url +
 * "/coprs/<owner>/<project>/repo/<release>/dnf.repo?arch=<arch>")} with Python's User-Agent and no
 * login; the plugin names the file after the first line and reads only the status and the {@code
 * Copr-Error-Data} header of a 404.
 */
@QuarkusTest
class V3DnfRepoTest {
  private static RequestSpecification plugin() {
    return given()
        .header("User-Agent", "Python-urllib/3.11")
        .header("Host", "copr.example.org:8443");
  }

  private static Response enable(String owner, String project, String release, String arch) {
    return plugin()
        .urlEncodingEnabled(false)
        .get(
            "/coprs/"
                + owner
                + "/"
                + project
                + "/repo/"
                + release
                + "/dnf.repo"
                + (arch == null ? "" : "?arch=" + arch));
  }

  @Test
  void theRepoFileIsFedorasShapeWithTheCoprsKeyAndItsDependencies() {
    String alice = Api.newUser("dnfalice");
    String dep = Api.newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    String name = Api.newCopr(alice, List.of("fedora-40", "epel-9"), List.of("x86_64", "aarch64"));
    Api.as(alice)
        .contentType(ContentType.JSON)
        .body(Map.of("dependencies", List.of(dep)))
        .post("/coprs/{name}/add_dependencies", name)
        .then()
        .statusCode(200);

    String file =
        enable(alice, name, "fedora-40", "x86_64")
            .then()
            .statusCode(200)
            .contentType(ContentType.TEXT)
            .extract()
            .asString();

    assertThat(file)
        .startsWith(
            "[copr:copr.example.org:"
                + alice
                + ":"
                + name
                + "]\n"
                + "name=Copr repo for "
                + name
                + " owned by "
                + alice
                + "\n"
                + "baseurl=http://127.0.0.1:8083/repos/"
                + name
                + "/fedora-40-$basearch/\n"
                + "type=rpm-md\n"
                + "skip_if_unavailable=True\n"
                + "repo_gpgcheck=0\n"
                + "enabled_metadata=1\n"
                + "enabled=1\n"
                + "gpgcheck=1\n"
                + "gpgkey=http://127.0.0.1:8083/repos/"
                + name
                + "/pubkey.gpg\n")
        .contains(
            "\n[coprdep:copr.example.org:"
                + alice
                + ":"
                + dep
                + "]\nname=Copr copr.example.org/"
                + alice
                + "/"
                + name
                + " runtime dependency #1 - "
                + alice
                + "/"
                + dep
                + "\nbaseurl=http://127.0.0.1:8083/repos/"
                + dep
                + "/fedora-40-$basearch/\n")
        .contains("gpgkey=http://127.0.0.1:8083/repos/" + dep + "/pubkey.gpg\n")
        .doesNotContainPattern("(?m)^gpgcheck=0");
    // Without ?arch (older plugins) the release alone decides; epel-9 has no dependency.
    assertThat(enable(alice, name, "epel-9", null).then().statusCode(200).extract().asString())
        .startsWith("[copr:copr.example.org:" + alice + ":" + name + "]\n")
        .contains("/" + name + "/epel-9-$basearch/")
        .doesNotContain(dep);
  }

  @Test
  void aChrootTheProjectLacksIs404WithTheChrootsItHasForThePlugin() {
    String bob = Api.newUser("dnfbob");
    String name = Api.newCopr(bob, List.of("fedora-40"), List.of("x86_64"));

    for (String[] ask :
        List.of(
            new String[] {"fedora-39", "x86_64"},
            new String[] {"fedora-40", "ppc64le"},
            new String[] {"fedora-40..", "x86_64"},
            new String[] {"fedora-40", "x".repeat(1000)},
            new String[] {"fedora-40", "x86_64%0A%5Bevil%5D"},
            new String[] {"fedora-40", "%2E%2E%2Fetc"})) {
      Response r = enable(bob, name, ask[0], ask[1]);
      r.then().statusCode(404).contentType(ContentType.JSON).body("error", equalTo("not_found"));
      String data =
          new String(
              Base64.getDecoder().decode(r.getHeader("Copr-Error-Data")), StandardCharsets.UTF_8);
      assertThat(data)
          .as("%s-%s", ask[0], ask[1])
          .isEqualTo("{\"available chroots\":[\"fedora-40-x86_64\"]}");
      assertThat(r.asString()).as("no echo of a huge arch").hasSizeLessThan(600);
    }
    for (String release : List.of("..", "%2E%2E", "fedora-40%2F..%2F..")) {
      Response r = enable(bob, name, release, "x86_64");
      r.then().statusCode(404);
      assertThat(r.asString()).as(release).doesNotContain("[copr:");
    }
  }

  @Test
  void aProjectOfAnotherOwnerOrNoneIs404WithoutChrootData() {
    String carol = Api.newUser("dnfcarol");
    String mallory = Api.newUser("dnfmallory");
    String name = Api.newCopr(carol, List.of("fedora-40"), List.of("x86_64"));

    for (String owner : List.of(mallory, "@" + carol, "..", "no-such-user")) {
      Response r = enable(owner, name, "fedora-40", "x86_64");
      r.then().statusCode(404);
      assertThat(r.getHeader("Copr-Error-Data")).as(owner).isNull();
      assertThat(r.asString()).as(owner).doesNotContain("[copr:");
    }
    Response missing = enable(carol, "no-such-copr", "fedora-40", "x86_64");
    missing
        .then()
        .statusCode(404)
        .body("detail", equalTo("Project " + carol + "/no-such-copr does not exist."));
    assertThat(missing.getHeader("Copr-Error-Data")).isNull();
    // Our own route is unchanged beside it.
    Api.anonymous().get("/coprs/{name}/repo/fedora-40.repo", name).then().statusCode(200);
  }

  @Test
  void theHostOfTheRepoIdIsTheOneAskedWithoutItsPort() {
    assertThat(V3DnfRepos.hostname("127.0.0.1:8443")).isEqualTo("127.0.0.1");
    assertThat(V3DnfRepos.hostname("copr.example.org")).isEqualTo("copr.example.org");
    assertThat(V3DnfRepos.hostname("[::1]:8443")).isEqualTo("__1");
    assertThat(V3DnfRepos.hostname("evil]\n[x")).isEqualTo("evil___x");
    assertThat(V3DnfRepos.hostname(null)).isEqualTo("localhost");
  }
}
