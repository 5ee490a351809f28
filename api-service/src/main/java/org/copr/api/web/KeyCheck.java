package org.copr.api.web;

import java.util.Locale;

/**
 * A copr's signing key as its page shows it, with how to check it: the fingerprint, where the key
 * is, and how a user checks that the key dnf imported (or the one at the URL) is that one.
 *
 * @param rpmName the name rpm gives the key once dnf imported it: {@code gpg-pubkey-} and the
 *     fingerprint's last eight hex digits, in lower case
 */
public record KeyCheck(String fingerprint, String url, String rpmName) {
  /** Null while the copr has no key yet (repo-worker makes it moments after the copr). */
  static KeyCheck of(String fingerprint, String url) {
    if (fingerprint == null || fingerprint.length() < 8) {
      return null;
    }
    String hex = fingerprint.replace(" ", "");
    return new KeyCheck(
        hex, url, "gpg-pubkey-" + hex.substring(hex.length() - 8).toLowerCase(Locale.ROOT));
  }

  public String showKeys() {
    return "curl -fsSL " + url + " | gpg --show-keys --with-fingerprint";
  }

  public String rpmQuery() {
    return "rpm -qi " + rpmName;
  }
}
