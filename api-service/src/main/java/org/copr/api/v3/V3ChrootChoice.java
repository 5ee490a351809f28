package org.copr.api.v3;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.copr.api.error.ApiException;

/**
 * The chroots a v3 build asks for: names or shell patterns ({@code fedora-*-x86_64}) among the
 * project's chroots, none meaning all of them, less those {@code exclude_chroots} names.
 */
final class V3ChrootChoice {
  private V3ChrootChoice() {}

  static SortedSet<String> choose(
      String project, SortedSet<String> all, List<String> wanted, List<String> excluded) {
    SortedSet<String> chosen = new TreeSet<>();
    if (wanted == null || wanted.isEmpty()) {
      chosen.addAll(all);
    } else {
      for (String pattern : wanted) {
        Pattern p = glob(pattern);
        List<String> matching = all.stream().filter(c -> p.matcher(c).matches()).toList();
        if (matching.isEmpty()) {
          throw ApiException.badRequest(
              "Bad request parameters: chroots: '"
                  + pattern
                  + "' is none of the chroots of "
                  + project
                  + " ("
                  + String.join(", ", all)
                  + ")");
        }
        chosen.addAll(matching);
      }
    }
    if (excluded != null) {
      for (String pattern : excluded) {
        Pattern p = glob(pattern);
        chosen.removeIf(c -> p.matcher(c).matches());
      }
    }
    if (chosen.isEmpty()) {
      throw ApiException.badRequest(
          "Bad request parameters: no chroot of " + project + " is left to build in");
    }
    return chosen;
  }

  /** fnmatch's {@code *}, {@code ?} and {@code [...]}; everything else stands for itself. */
  static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      int close = c == '[' ? pattern.indexOf(']', i + 2) : -1;
      String set = close > 0 ? pattern.substring(i + 1, close) : "";
      boolean negated = set.startsWith("!");
      String members = negated ? set.substring(1) : set;
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (close > 0 && SET.matcher(members).matches()) {
        re.append('[').append(negated ? "^" : "").append(members).append(']');
        i = close;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    try {
      return Pattern.compile(re.toString());
    } catch (PatternSyntaxException e) {
      throw ApiException.badRequest(
          "Bad request parameters: chroots: '" + pattern + "' is no pattern");
    }
  }

  private static final Pattern SET = Pattern.compile("[A-Za-z0-9_.-]+");
}
