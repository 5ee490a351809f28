package org.copr.api;

import java.util.regex.Pattern;
import org.copr.api.error.ApiException;
import org.copr.contracts.NameRules;

/**
 * Refuses names users choose that break {@link NameRules} (the rules every consumer of events
 * checks too), with a message that says the rule.
 */
public final class Names {
  private static final Pattern COPR = NameRules.COPR;
  private static final Pattern USER = NameRules.USER;
  private static final Pattern RELEASE = NameRules.RELEASE;
  private static final int RELEASE_MAX = NameRules.RELEASE_MAX;

  private Names() {}

  public static String copr(String name) {
    return check(
        name,
        COPR,
        "copr name",
        "letters, digits and _.+- , starting with a letter or digit, at most 100");
  }

  public static String user(String name) {
    return check(
        name,
        USER,
        "username",
        "letters, digits and _.- , starting with a letter or digit, at most 64");
  }

  public static String release(String name) {
    if (name != null && name.length() > RELEASE_MAX) {
      throw ApiException.invalid(
          "release name longer than " + RELEASE_MAX + " characters: " + name);
    }
    return check(
        name,
        RELEASE,
        "release",
        "lower case <distribution>-<version> such as fedora-40 or epel-9");
  }

  private static String check(String value, Pattern pattern, String what, String rule) {
    if (value == null || value.isEmpty()) {
      throw ApiException.invalid(what + " is required");
    }
    if (!pattern.matcher(value).matches() || value.equals(".") || value.equals("..")) {
      throw ApiException.invalid("bad " + what + " '" + value + "': " + rule);
    }
    return value;
  }
}
