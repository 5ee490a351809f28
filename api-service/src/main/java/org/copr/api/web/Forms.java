package org.copr.api.web;

import java.util.Arrays;
import java.util.List;

/** What people type into forms, read the way the CLI reads its options. */
final class Forms {
  private Forms() {}

  /** "fedora-40, epel-9" or one per line: the names, without blanks. */
  static List<String> names(String text) {
    if (text == null) {
      return List.of();
    }
    return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
  }

  static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values.stream().filter(s -> !s.isBlank()).toList();
  }
}
