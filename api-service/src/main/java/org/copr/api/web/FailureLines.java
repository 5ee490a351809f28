package org.copr.api.web;

import java.util.ArrayList;
import java.util.List;
import org.copr.api.web.AttemptLogs.Piece;
import org.copr.contracts.Printable;

/**
 * The lines of a failed attempt's log that explain its reason: those before and around rpmbuild's
 * last {@code error:} line (the compiler's or the script's complaint comes just before it), or the
 * log's last lines when there is none. Read from the log's bounded tail, each line cleaned of
 * terminal escapes and cut; the template escapes the rest.
 */
public record FailureLines(List<String> lines) {
  static final int BEFORE = 24;
  static final int AFTER = 6;
  static final int LAST = 30;
  static final int LINE = 500;

  static final FailureLines NONE = new FailureLines(List.of());

  public boolean shown() {
    return !lines.isEmpty();
  }

  /** The lines of {@code tail}, the end of the log, which start {@code tail.skipped()} bytes in. */
  static FailureLines of(Piece tail) {
    List<String> all = new ArrayList<>(tail.text().lines().toList());
    if (tail.skipped() > 0 && !all.isEmpty()) {
      all.remove(0); // cut off where the tail starts
    }
    int error = -1;
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).startsWith("error: ")) {
        error = i;
        break;
      }
    }
    int from = error < 0 ? Math.max(0, all.size() - LAST) : Math.max(0, error - BEFORE);
    int to = error < 0 ? all.size() : Math.min(all.size(), error + 1 + AFTER);
    return new FailureLines(
        all.subList(from, to).stream().map(l -> Printable.line(l, LINE)).toList());
  }
}
