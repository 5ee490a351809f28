package org.copr.api.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.copr.api.ApiConfig;
import org.jboss.logging.Logger;

/**
 * Signs the web UI's CSRF tokens: a token belongs to one web session, or, before the login, to one
 * browser's CSRF cookie. Nothing about them is stored, so any replica with the same key checks
 * them.
 */
@ApplicationScoped
public class Signer {
  private static final Logger LOG = Logger.getLogger(Signer.class);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  Signer(ApiConfig config) {
    byte[] secret =
        config
            .web()
            .sessionSecret()
            .filter(s -> !s.isBlank())
            .map(s -> s.getBytes(StandardCharsets.UTF_8))
            .orElseGet(
                () -> {
                  LOG.info(
                      "no copr.api.web.session-secret: forms shown before a restart are refused after it");
                  return random(32);
                });
    key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** A new random value for a browser's CSRF cookie. */
  public String newCsrfCookie() {
    return B64.encodeToString(random(24));
  }

  /**
   * The token forms carry, bound to what the browser holds ({@link Visitor#csrfBinding}): a
   * cross-site page can neither read the cookie nor make this, and a token of one session is not a
   * token of another.
   */
  public String csrfToken(String binding) {
    return mac("csrf|" + binding);
  }

  public boolean csrfValid(String binding, String token) {
    return binding != null && token != null && equal(csrfToken(binding), token);
  }

  private String mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return B64.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static boolean equal(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] random(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
