package org.copr.rpm;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * rpm's rules for a dependency token (build/parseReqs.c: a name begins with an alphanumeric, '_' or
 * '/'; a file name is not versioned; a version has only {@code .-_+:~^} besides letters and digits,
 * at most one '-' and one ':'), narrowed to what Copr's builders take as data: plain ASCII without
 * whitespace, control characters, URLs or dnf's glob characters, '=' only inside the parentheses of
 * a provide like {@code font(:lang=en)}, file names only under /usr, and bounded lengths. The one
 * rule for api-service's SRPM intake and the build-worker's check before a build.
 */
public final class DependencyToken {
  public static final int MAX_NAME = 255;
  public static final int MAX_VERSION = 128;

  /** {@code name} or {@code name(anything rpm's virtual provides use)}. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]*");

  private static final Pattern VIRTUAL =
      Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]*\\([A-Za-z0-9._+\\-:/=,@\\[\\]~^]*\\)");

  private static final Pattern FILE = Pattern.compile("/usr(/[A-Za-z0-9._+-]+)+");
  private static final Pattern VERSION =
      Pattern.compile("([0-9]+:)?[A-Za-z0-9._+~^]+(-[A-Za-z0-9._+~^]+)?");

  private DependencyToken() {}

  /**
   * Why {@code name} (with {@code version}, empty or null when unversioned) is not a dependency
   * Copr accepts; empty when it is.
   */
  public static Optional<String> problem(String name, String version) {
    if (name == null || name.isEmpty()) {
      return Optional.of("it is empty");
    }
    if (name.length() > MAX_NAME) {
      return Optional.of("it has " + name.length() + " characters; at most " + MAX_NAME);
    }
    if (name.startsWith("(")) {
      return Optional.of("rich dependencies are not supported by Copr's builders");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return Optional.of("it holds whitespace");
      }
      if (c < 0x20 || c == 0x7f || Character.isISOControl(c)) {
        return Optional.of("it holds a control character");
      }
      if (c > 0x7e) {
        return Optional.of("it holds a character that is not plain ASCII");
      }
    }
    if (name.startsWith("-")) {
      return Optional.of("it starts with '-'");
    }
    if (name.contains("://")) {
      return Optional.of("it is a URL");
    }
    if (name.startsWith("/")) {
      if (!FILE.matcher(name).matches()
          || name.contains("/../")
          || name.endsWith("/..")
          || name.contains("/./")
          || name.endsWith("/.")) {
        return Optional.of("it is a path outside /usr (only files under /usr may be required)");
      }
      if (version != null && !version.isEmpty()) {
        return Optional.of("a file name cannot be versioned");
      }
      return Optional.empty();
    }
    if (!Character.isLetterOrDigit(name.charAt(0)) && name.charAt(0) != '_') {
      return Optional.of("it must begin with a letter, a digit, '_' or '/'");
    }
    if (!PLAIN.matcher(name).matches() && !VIRTUAL.matcher(name).matches()) {
      int paren = name.indexOf('(');
      String outside = paren < 0 ? name : name.substring(0, paren);
      if (outside.contains("=")) {
        return Optional.of("'=' is allowed only inside parentheses");
      }
      if (name.chars().anyMatch(c -> c == '*' || c == '?')) {
        return Optional.of("it holds a glob character");
      }
      return Optional.of("it holds characters rpm does not allow in a dependency name");
    }
    if (version != null && !version.isEmpty()) {
      if (version.length() > MAX_VERSION) {
        return Optional.of(
            "its version has " + version.length() + " characters; at most " + MAX_VERSION);
      }
      if (!VERSION.matcher(version).matches()) {
        return Optional.of("its version is not an rpm [epoch:]version[-release]");
      }
    }
    return Optional.empty();
  }

  /**
   * The entry as it may be shown in a log line, a JSON detail or an event's reason: at most 80
   * characters, every character outside printable ASCII written as {@code \xNN} or {@code \\uNNNN}.
   */
  public static String shown(String text) {
    if (text == null) {
      return "(none)";
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < text.length() && s.length() < 80; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        s.append(c);
      } else if (c < 0x100) {
        s.append(String.format("\\x%02x", (int) c));
      } else {
        s.append(String.format("\\u%04x", (int) c));
      }
    }
    return text.length() > 80 || s.length() > 80
        ? s.substring(0, Math.min(s.length(), 80)) + "…"
        : s.toString();
  }
}
