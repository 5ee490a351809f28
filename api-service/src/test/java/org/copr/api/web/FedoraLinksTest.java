package org.copr.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.password;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import org.copr.api.Api;
import org.copr.api.Rpms;
import org.junit.jupiter.api.Test;

/**
 * What the copr page tells users of Fedora's copr-cli and dnf copr, and the links copr-cli prints
 * ({@code <copr_url>/coprs/build/<id>}, {@code <copr_url>/coprs/<owner>/<project>/}).
 */
@QuarkusTest
class FedoraLinksTest {

  @Test
  void theCoprPageShowsTheCoprCliConfigAndTheDnfCoprLineForItsViewer() {
    String alice = newUser("fedalice");
    String bob = newUser("fedbob");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));

    String anonymous = new Browser().get("/copr/" + copr).body().asString();
    String asBob = new Browser().logIn(bob, password(bob)).get("/copr/" + copr).body().asString();

    // Tests ask at http://localhost:<port> and set no copr.api.public-url: the page's own URL.
    String url = "http://localhost:" + io.restassured.RestAssured.port;
    assertThat(asBob)
        .contains(
            "<code>[copr-cli]\ncopr_url = "
                + url
                + "\nlogin = "
                + bob
                + "\nusername = "
                + bob
                + "\ntoken = YOUR_API_TOKEN\nencrypted = False</code>")
        .contains(
            "<code>sudo dnf copr enable --hub "
                + url
                + " "
                + alice
                + "/"
                + copr
                + " fedora-40-x86_64</code>");
    assertThat(anonymous)
        .contains("login = YOUR_USERNAME\nusername = YOUR_USERNAME\n")
        .doesNotContain("login = " + bob);
  }

  @Test
  void theBuildLinkOfCoprCliLeadsToTheSubmissionsBuilds() {
    String carol = newUser("fedcarol");
    String one = newCopr(carol, List.of("fedora-40"), List.of("x86_64"));
    String two = newCopr(carol, List.of("fedora-40", "epel-9"), List.of("x86_64"));
    JsonPath single =
        Api.upload(carol, one, Rpms.srpm("fed-one", "1.0"))
            .then()
            .statusCode(202)
            .extract()
            .jsonPath();
    JsonPath several =
        Api.upload(carol, two, Rpms.srpm("fed-two", "1.0"))
            .then()
            .statusCode(202)
            .extract()
            .jsonPath();

    Response toBuild = noRedirects("/coprs/build/" + single.getLong("builds[0].submission_id"));
    assertThat(toBuild.statusCode()).isEqualTo(302);
    assertThat(toBuild.header("Location")).endsWith("/build/" + single.getLong("builds[0].id"));
    Response toList =
        noRedirects("/coprs/build/" + several.getLong("builds[0].submission_id") + "/");
    assertThat(toList.statusCode()).isEqualTo(302);
    assertThat(toList.header("Location")).endsWith("/copr/" + two + "/builds?package=fed-two");
    assertThat(noRedirects("/coprs/build/999999999").statusCode()).isEqualTo(404);
    assertThat(noRedirects("/coprs/build/99999999999999999999999").statusCode()).isEqualTo(404);
  }

  @Test
  void theProjectLinkRedirectsOnlyWhenTheOwnerOwnsIt() {
    String dave = newUser("feddave");
    String eve = newUser("fedeve");
    String copr = newCopr(dave, List.of("fedora-40"), List.of("x86_64"));

    Response ok = noRedirects("/coprs/" + dave + "/" + copr + "/");
    assertThat(ok.statusCode()).isEqualTo(302);
    assertThat(ok.header("Location")).endsWith("/copr/" + copr);
    assertThat(noRedirects("/coprs/" + eve + "/" + copr + "/").statusCode()).isEqualTo(404);
    assertThat(noRedirects("/coprs/" + dave + "/no-such-copr/").statusCode()).isEqualTo(404);
    assertThat(noRedirects("/coprs/@" + dave + "/" + copr + "/").statusCode()).isEqualTo(404);
    // Our REST API under /coprs/ is untouched.
    Api.anonymous().get("/coprs/{name}", copr).then().statusCode(200);
    Api.anonymous().get("/coprs/{name}/packages", copr).then().statusCode(200);
  }

  private static Response noRedirects(String path) {
    return Api.anonymous().redirects().follow(false).get(path);
  }
}
