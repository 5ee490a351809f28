package org.copr.api.v3;

import org.copr.api.error.ApiException;

/** Query values as python-copr sends them. */
final class V3Query {
  private V3Query() {}

  /** Python's {@code True}/{@code False} (and the lower-case forms); absent is false. */
  static boolean flag(String name, String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.trim().toLowerCase()) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default ->
          throw ApiException.badRequest(name + " must be True or False, not '" + value + "'");
    };
  }
}
