package org.copr.api.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.copr.api.ApiConfig;
import org.jboss.logging.Logger;

/**
 * Signs the web UI's cookies: a session names its user and its end, a CSRF token belongs to one
 * browser's CSRF cookie. Nothing is stored on the server, so any replica with the same key checks
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
                      "no copr.api.web.session-secret: web logins last until this process stops");
                  return random(32);
                });
    key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** What a signed session cookie says: its user and a stamp of the password it was made with. */
  public record Session(String username, String passwordStamp) {}

  /**
   * A session cookie's value: who, until when, a nonce and a stamp of the user's password hash, and
   * the signature of all four. A changed password changes the stamp, which ends every session.
   */
  public String session(String username, String passwordHash, Instant until) {
    String body =
        B64.encodeToString(username.getBytes(StandardCharsets.UTF_8))
            + "."
            + until.getEpochSecond()
            + "."
            + B64.encodeToString(random(12))
            + "."
            + passwordStamp(passwordHash);
    return body + "." + mac("session|" + body);
  }

  /** The session of a cookie that is signed by this key and not expired. */
  public Optional<Session> session(String cookie, Instant now) {
    if (cookie == null) {
      return Optional.empty();
    }
    int sig = cookie.lastIndexOf('.');
    if (sig < 0 || !equal(mac("session|" + cookie.substring(0, sig)), cookie.substring(sig + 1))) {
      return Optional.empty();
    }
    String[] parts = cookie.substring(0, sig).split("\\.");
    try {
      if (parts.length != 4 || Long.parseLong(parts[1]) <= now.getEpochSecond()) {
        return Optional.empty();
      }
      return Optional.of(
          new Session(
              new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8),
              parts[3]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether a session was made with the password whose hash is {@code passwordHash}. */
  public boolean madeWith(Session session, String passwordHash) {
    return equal(passwordStamp(passwordHash), session.passwordStamp());
  }

  /** Not the hash itself: the cookie must not carry what a password guesser could work on. */
  private String passwordStamp(String passwordHash) {
    return mac("password|" + passwordHash).substring(0, 22);
  }

  /** A new random value for a browser's CSRF cookie. */
  public String newCsrfCookie() {
    return B64.encodeToString(random(24));
  }

  /** The token forms carry: a cross-site page can neither read the cookie nor make this. */
  public String csrfToken(String csrfCookie) {
    return mac("csrf|" + csrfCookie);
  }

  public boolean csrfValid(String csrfCookie, String token) {
    return csrfCookie != null && token != null && equal(csrfToken(csrfCookie), token);
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
