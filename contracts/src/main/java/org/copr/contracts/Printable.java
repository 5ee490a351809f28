package org.copr.contracts;

import java.util.regex.Pattern;

/**
 * Text from a build's output made safe to show in HTML and on a terminal. A build's author decides
 * what it prints, and so part of every reason and log line: terminal escapes (colours, moving the
 * cursor, setting the window title), other control characters, bidirectional overrides and
 * zero-width characters are taken out, and the length is bounded. Where it is made and where it is
 * taken in: a reason passes through here in build-worker and again in api-service.
 */
public final class Printable {
  /** The longest reason, in characters. */
  public static final int MAX_REASON = 1000;

  /** CSI and OSC sequences, their 8-bit forms, and the two-character escapes. */
  private static final Pattern ESCAPES =
      Pattern.compile(
          "\u001b\\[[0-?]*[ -/]*[@-~]?"
              + "|\u009b[0-?]*[ -/]*[@-~]?"
              + "|\u001b\\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\\\|\u009c)?"
              + "|\u009d[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\\\|\u009c)?"
              + "|\u001b[ -~]?");

  /** What ends a line, on a terminal or in Unicode: each becomes a space. */
  private static final String BREAKS = "\n\r\u000b\u000c\u0085\u2028\u2029";

  private Printable() {}

  /**
   * A reason: one line of printable characters (every run of white space one space), at most {@link
   * #MAX_REASON} characters, cut with "…"; null stays null.
   */
  public static String reason(String text) {
    if (text == null) {
      return null;
    }
    String line = strip(text, false).replaceAll("\\s+", " ").strip();
    return cut(line, MAX_REASON);
  }

  /** One line of a log: printable characters and tabs, at most {@code max} characters. */
  public static String line(String text, int max) {
    return cut(strip(text, true), max);
  }

  /** Lines of a log: printable characters, tabs and new lines; not bounded. */
  public static String lines(String text) {
    return text.lines().map(l -> strip(l, true)).collect(java.util.stream.Collectors.joining("\n"))
        + (text.endsWith("\n") ? "\n" : "");
  }

  private static String strip(String text, boolean keepTabs) {
    String plain = ESCAPES.matcher(text).replaceAll("");
    StringBuilder out = new StringBuilder(plain.length());
    plain
        .codePoints()
        .forEach(
            c -> {
              if (c == '\t' && keepTabs) {
                out.append('\t');
              } else if (c == '\t' || BREAKS.indexOf(c) >= 0) {
                out.append(' ');
              } else if (shown(c)) {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private static boolean shown(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }

  private static String cut(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }
}
