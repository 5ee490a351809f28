package org.copr.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.password;
import static org.copr.api.Api.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.copr.api.Rpms;
import org.copr.contracts.SigningKey;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * The tokens page makes a token (shown once, in the config file the CLI reads), lists and revokes
 * it; the copr page shows the signing key's fingerprint and how to check it.
 */
@QuarkusTest
class TokensPageTest {
  private static final Pattern TOKEN = Pattern.compile("<code id=\"token\">([^<]+)</code>");

  private static Response me(String user, String secret) {
    return anonymous().auth().preemptive().basic(user, secret).get("/users/me");
  }

  @Test
  void aTokenMadeOnThePageWorksUntilItIsRevokedThere() {
    String ann = newUser("ann");
    Browser browser = new Browser().logIn(ann, password(ann));
    assertThat(browser.get("/tokens").body().asString()).contains("You have no API tokens");

    Response made =
        browser.post(
            "/tokens", "/tokens", Map.of("name", "laptop", "days", "", "password", password(ann)));

    assertThat(made.statusCode()).isEqualTo(200);
    String page = made.body().asString();
    Matcher m = TOKEN.matcher(page);
    assertThat(m.find()).isTrue();
    String token = m.group(1);
    assertThat(page)
        .contains("[copr-cli]")
        .contains("login = " + ann)
        .contains("username = " + ann)
        .contains("token = " + token)
        .contains("copr_url = http://");
    me(ann, token).then().statusCode(200);
    // shown once: the list has its name, never its value
    String listed = browser.get("/tokens").body().asString();
    assertThat(listed).contains("laptop").doesNotContain(token);
    // with the token, copr-cli's multipart upload needs no client header
    String copr = newCopr(ann, List.of("fedora-40"), List.of("x86_64"));
    anonymous()
        .auth()
        .preemptive()
        .basic(ann, token)
        .multiPart("srpm", Rpms.srpm(unique("pkg"), "1.0").toFile())
        .post("/coprs/{c}/packages", copr)
        .then()
        .statusCode(202);

    Matcher id = Pattern.compile("action=\"/tokens/(\\d+)/revoke\"").matcher(listed);
    assertThat(id.find()).isTrue();
    String revoke = "/tokens/" + id.group(1) + "/revoke";
    // without the page's CSRF token nothing is revoked
    assertThat(browser.postWithout(revoke, Map.of("csrf", "forged")).statusCode()).isEqualTo(403);
    me(ann, token).then().statusCode(200);

    assertThat(browser.post("/tokens", revoke, Map.of()).statusCode()).isEqualTo(303);

    me(ann, token).then().statusCode(401);
    assertThat(browser.get("/tokens").body().asString()).contains("You have no API tokens");
  }

  @Test
  void makingATokenAsksForThePasswordAgain() {
    String bea = newUser("bea");
    Browser stolen = new Browser().logIn(bea, password(bea));

    Response r =
        stolen.post("/tokens", "/tokens", Map.of("name", "thief", "password", "not-her-password"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body().asString()).contains("not your password").doesNotContain("[copr-cli]");
    assertThat(stolen.get("/tokens").body().asString()).contains("You have no API tokens");
    assertThat(new Browser().get("/tokens").statusCode()).isEqualTo(303);
  }

  @Test
  void theCoprPageShowsTheSigningKeysFingerprintAndHowToCheckIt() throws InterruptedException {
    String cid = newUser("cid");
    String copr = newCopr(cid, List.of("fedora-40"), List.of("x86_64"));
    assertThat(new Browser().get("/copr/" + copr).body().asString()).contains("not made yet");
    String fingerprint = "0123456789ABCDEF0123456789ABCDEF89ABCDEF";
    TopicProbe.send(
        KafkaBroker.shared().bootstrapServers(),
        Topics.COPR_KEYS,
        copr,
        new SigningKey(copr, fingerprint, Instant.now().plus(Duration.ofDays(1825))));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!fingerprint.equals(
        anonymous().get("/coprs/{c}", copr).then().extract().path("gpg_fingerprint"))) {
      assertThat(System.nanoTime()).as("gpg_fingerprint within 30 s").isLessThan(deadline);
      Thread.sleep(200);
    }

    String page = new Browser().get("/copr/" + copr).body().asString();

    assertThat(page)
        .contains("<code id=\"fingerprint\">" + fingerprint + "</code>")
        .contains("rpm -qi gpg-pubkey-89abcdef")
        .contains("/" + copr + "/pubkey.gpg | gpg --show-keys --with-fingerprint");
  }
}
