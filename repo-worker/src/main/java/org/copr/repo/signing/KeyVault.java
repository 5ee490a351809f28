package org.copr.repo.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing keys at rest with AES-256-GCM under the master key from configuration. The copr
 * name is authenticated with each key, so a key file copied under another copr's name does not
 * decrypt.
 */
final class KeyVault {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte VERSION = 1;

  private final SecretKeySpec master;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param masterKey base64 of 32 random bytes
   * @throws IllegalArgumentException when it is not that (the message never holds the value)
   */
  KeyVault(String masterKey) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(masterKey.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("copr.repo.signing.master-key is not base64");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(
          "copr.repo.signing.master-key must be 32 bytes (base64), not " + key.length);
    }
    this.master = new SecretKeySpec(key, "AES");
  }

  byte[] seal(String copr, byte[] secret) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, master, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(copr.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret);
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
          .put(VERSION)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt the key of " + copr, e);
    }
  }

  byte[] open(String copr, byte[] sealed) {
    if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new IllegalStateException("the key file of " + copr + " is not a sealed key");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, master, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
      cipher.updateAAD(copr.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the key of " + copr + " does not decrypt with the master key (another master key?)");
    }
  }
}
