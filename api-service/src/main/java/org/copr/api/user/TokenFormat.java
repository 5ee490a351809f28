package org.copr.api.user;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an API token looks like: {@code copr_}, a public key of 16 URL-safe characters (12 random
 * bytes) that finds its row, and a secret of 43 (32 random bytes). The row keeps the SHA-256 of the
 * whole value: a token is random, so a fast hash gives nothing to guess from (bcrypt is for
 * passwords people choose).
 */
final class TokenFormat {
  static final String PREFIX = "copr_";
  static final int KEY_CHARS = 16;
  private static final int KEY_BYTES = 12;
  private static final int SECRET_BYTES = 32;
  private static final Pattern SHAPE =
      Pattern.compile("copr_[A-Za-z0-9_-]{" + KEY_CHARS + "}[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** A new token: its value (shown once) and what the row keeps. */
  record Issued(String value, String key, byte[] hash) {}

  /** A value presented with HTTP Basic that has a token's shape. */
  record Presented(String key, byte[] hash) {}

  private TokenFormat() {}

  static Issued issue() {
    String key = BASE64URL.encodeToString(random(KEY_BYTES));
    String value = PREFIX + key + BASE64URL.encodeToString(random(SECRET_BYTES));
    return new Issued(value, key, sha256(CharBuffer.wrap(value)));
  }

  /** The key and hash of a token-shaped value; empty for anything else (a password). */
  static Optional<Presented> read(char[] value) {
    CharBuffer chars = CharBuffer.wrap(value);
    if (!SHAPE.matcher(chars).matches()) {
      return Optional.empty();
    }
    String key = chars.subSequence(PREFIX.length(), PREFIX.length() + KEY_CHARS).toString();
    return Optional.of(new Presented(key, sha256(chars)));
  }

  private static byte[] random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return b;
  }

  private static byte[] sha256(CharBuffer value) {
    try {
      ByteBuffer bytes = StandardCharsets.US_ASCII.encode(value);
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
