package org.copr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.copr.client.CoprJson;
import org.copr.contracts.Printable;
import org.copr.contracts.rest.BuildState;

/** Prints for people (aligned columns, colour only on a terminal) or for scripts (JSON). */
public final class Output {
  private static final String RESET = "\u001b[0m";

  private final PrintWriter out;
  private final boolean colour;

  Output(PrintWriter out, boolean colour) {
    this.out = out;
    this.colour = colour;
  }

  public void line(String text) {
    out.println(text);
  }

  public void json(Object value) {
    try {
      out.println(CoprJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON of " + value, e);
    }
  }

  /** Rows under a header, each column as wide as its widest cell; the last column is not padded. */
  public void table(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int[] width = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], visibleLength(row.get(i)));
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        line.append(cell);
        if (i < row.size() - 1) {
          line.append(" ".repeat(width[i] - visibleLength(cell) + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** "key: value" lines with the values lined up. */
  public void fields(List<List<String>> pairs) {
    int width = pairs.stream().mapToInt(p -> p.get(0).length()).max().orElse(0) + 1;
    for (List<String> p : pairs) {
      String key = p.get(0) + ":";
      out.println((key + " ".repeat(width - key.length() + 1) + p.get(1)).stripTrailing());
    }
  }

  public String state(BuildState state) {
    if (state == null) {
      return "-";
    }
    if (!colour) {
      return state.wire();
    }
    String code =
        switch (state) {
          case SUCCEEDED -> "\u001b[32m";
          case FAILED -> "\u001b[31m";
          case CANCELED -> "\u001b[33m";
          default -> "\u001b[36m";
        };
    return code + state.wire() + RESET;
  }

  public static String list(Collection<String> values) {
    return values == null || values.isEmpty() ? "-" : String.join(", ", values);
  }

  public static String time(Instant t) {
    return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  public static String text(Object value) {
    return value == null || value.toString().isEmpty() ? "-" : value.toString();
  }

  /**
   * A build's reason, which quotes the build's own output: one line without terminal escapes or
   * control characters, whatever the server sent.
   */
  public static String reason(String reason) {
    return text(Printable.reason(reason));
  }

  private static int visibleLength(String s) {
    return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
  }
}
