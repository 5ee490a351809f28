package org.copr.worker.attempt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.copr.contracts.Printable;

/**
 * What rpmbuild's output says about where and why a build failed: the step it was in (it prints
 * {@code Executing(%build): …} as each starts, {@code Processing files: …} for {@code %files}), its
 * own error line ({@code error: Bad exit status from … (%build)}, {@code error: File not found:
 * …}), the last line before it that reads like an error (the compiler's, the script's), or else the
 * command that failed ({@code sh -x} prints each as {@code + cmd}), and the BuildRequires it found
 * missing. The lines are the build's own, so each piece is cleaned and bounded before it is kept.
 */
final class StepsSeen {
  /** Lines of the current step kept to find the cause in. */
  static final int RECENT = 200;

  /** The longest piece (error line, cause) a reason quotes. */
  static final int PIECE = 300;

  private static final int MAX_MISSING = 20;
  private static final Pattern EXECUTING = Pattern.compile("^Executing\\((%?[A-Za-z_-]{1,40})\\)");
  private static final Pattern BAD_EXIT = Pattern.compile("^error: Bad exit status from .*");
  private static final Pattern NEEDED = Pattern.compile("^\\s+(\\S.*?) is needed by \\S+$");
  private static final Pattern ERRORISH =
      Pattern.compile(
          "(?i)(\\berror\\b|\\bfatal\\b|\\bfail(s|ed|ure)?\\b|\\bcannot\\b|can't"
              + "|not found|no such file|undefined reference|traceback|exception|\\*\\*\\*)");

  private final Deque<String> recent = new ArrayDeque<>();
  private final List<String> missing = new ArrayList<>();
  private String step;
  private String rpmError;
  private String cause;
  private boolean inDependencies;
  private boolean summary;

  synchronized void line(String raw) {
    if (raw.startsWith("copr-build-worker") || summary) {
      return;
    }
    String line = Printable.line(raw, PIECE);
    if (inDependencies) {
      Matcher needed = NEEDED.matcher(line);
      if (needed.matches()) {
        if (missing.size() < MAX_MISSING) {
          missing.add(needed.group(1));
        }
        return;
      }
      inDependencies = false;
    }
    Matcher executing = EXECUTING.matcher(line);
    if (executing.find()) {
      enter(executing.group(1));
    } else if (line.startsWith("Processing files: ")
        || line.startsWith("Checking for unpackaged file(s)")) {
      enter("%files");
    } else if (line.startsWith("RPM build errors:")) {
      // What follows repeats the errors above.
      summary = true;
    } else if (line.startsWith("error: Failed build dependencies")) {
      enter("BuildRequires");
      inDependencies = true;
      rpmError = "error: Failed build dependencies";
    } else if (BAD_EXIT.matcher(line).matches()) {
      // rpmbuild's verdict on the step's script: what the script said before it is the cause.
      rpmError = line;
      cause = cause();
    } else {
      if (line.startsWith("error: ") && rpmError == null) {
        rpmError = line;
      }
      recent.addLast(line);
      if (recent.size() > RECENT) {
        recent.removeFirst();
      }
    }
  }

  private void enter(String newStep) {
    if (!newStep.equals(step)) {
      recent.clear();
    }
    step = newStep;
  }

  /**
   * The last line that reads like an error; else what the script said just before it ended (among
   * its last three lines); else the last command run; else the last line.
   */
  private String cause() {
    String command = null;
    String said = null;
    String last = null;
    int seen = 0;
    for (var it = recent.descendingIterator(); it.hasNext(); ) {
      String line = it.next().strip();
      if (line.isEmpty()) {
        continue;
      }
      seen++;
      if (line.startsWith("+ ")) {
        command = command == null ? line : command;
      } else if (ERRORISH.matcher(line).find()) {
        return line;
      } else if (seen <= 3 && said == null) {
        said = line;
      }
      last = last == null ? line : last;
    }
    return said != null ? said : command != null ? command : last;
  }

  /** The step the build is in ({@code %build}, …), or null before rpmbuild said. */
  synchronized String step() {
    return step;
  }

  /**
   * Why a builder that exited with {@code exit} failed: {@code %build failed: error: Bad exit
   * status from … (%build); last error before it: hello.c:2:25: error: expected ';'}, the bound it
   * hit ({@code bound}, may be empty) first; {@code <builder> exited with <exit>} when rpmbuild
   * said nothing this can read.
   */
  synchronized String reason(String builder, int exit, String bound) {
    if (!missing.isEmpty()) {
      return "installing BuildRequires failed: missing "
          + String.join(", ", missing)
          + " (rpmbuild: Failed build dependencies)";
    }
    List<String> parts = new ArrayList<>();
    if (!bound.isEmpty()) {
      parts.add(bound);
    }
    if (rpmError != null) {
      parts.add(rpmError);
    }
    if (cause != null && !cause.equals(rpmError)) {
      parts.add("last error before it: " + cause);
    }
    if (step == null || rpmError == null) {
      String exited = builder + " exited with " + exit + (step == null ? "" : " in " + step);
      return bound.isEmpty() ? exited : exited + ": " + bound;
    }
    return step + " failed: " + String.join("; ", parts);
  }
}
