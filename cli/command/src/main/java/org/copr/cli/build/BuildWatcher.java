package org.copr.cli.build;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.copr.cli.ExitCode;
import org.copr.cli.Output;
import org.copr.cli.PollOptions;
import org.copr.client.Build;
import org.copr.client.CoprClient;
import org.copr.client.Upload;
import org.copr.contracts.rest.BuildState;

/** Follows builds until every one has ended, printing a line whenever one changes state. */
public final class BuildWatcher {
  private final CoprClient client;
  private final Output output;
  private final PollOptions poll;
  private final boolean quiet;

  /** {@code quiet} prints nothing while waiting (for --output json). */
  public BuildWatcher(CoprClient client, Output output, PollOptions poll, boolean quiet) {
    this.client = client;
    this.output = output;
    this.poll = poll;
    this.quiet = quiet;
  }

  /** The builds as they ended, in the order given. */
  public List<Build> watch(List<Long> ids) {
    Map<Long, BuildState> seen = new LinkedHashMap<>();
    List<Build> current = fetch(ids);
    Widths widths = new Widths(current);
    while (true) {
      for (Build b : current) {
        if (b.state() != seen.put(b.id(), b.state()) && !quiet) {
          output.line(widths.line(b, output));
        }
      }
      if (current.stream().allMatch(b -> b.state().ended())) {
        return current;
      }
      poll.pause();
      current = fetch(ids);
    }
  }

  /**
   * After a command started builds: with {@code nowait} only their JSON (for --output json), else
   * watches them to their end and prints their ended JSON; the exit code says whether all
   * succeeded.
   */
  public int follow(Upload started, boolean nowait) {
    if (nowait) {
      if (quiet) {
        output.json(started);
      }
      return ExitCode.OK;
    }
    List<Build> ended = watch(started.builds().stream().map(Build::id).toList());
    if (quiet) {
      output.json(new Upload(started.pkg(), ended));
    }
    return exitCode(ended);
  }

  public static int exitCode(List<Build> builds) {
    return builds.stream().allMatch(b -> b.state() == BuildState.SUCCEEDED)
        ? ExitCode.OK
        : ExitCode.BUILD_FAILED;
  }

  private List<Build> fetch(List<Long> ids) {
    List<Build> builds = new ArrayList<>();
    for (long id : ids) {
      builds.add(client.buildInfo(id));
    }
    return builds;
  }

  /** Column widths fixed from the first look, so that later lines line up with earlier ones. */
  private record Widths(int id, int pkg, int chroot) {
    Widths(List<Build> builds) {
      this(
          builds.stream().mapToInt(b -> Long.toString(b.id()).length()).max().orElse(1),
          builds.stream().mapToInt(b -> name(b).length()).max().orElse(1),
          builds.stream().mapToInt(b -> b.chroot().length()).max().orElse(1));
    }

    String line(Build b, Output output) {
      String reason =
          b.reason() == null || b.state() == BuildState.SUCCEEDED
              ? ""
              : "  (" + Output.reason(b.reason()) + ")";
      return String.format(
          "%s  #%-" + id + "s  %-" + pkg + "s  %-" + chroot + "s  %s%s",
          LocalTime.now().truncatedTo(ChronoUnit.SECONDS),
          b.id(),
          name(b),
          b.chroot(),
          output.state(b.state()),
          reason);
    }

    private static String name(Build b) {
      return b.packageName() + " " + b.evr();
    }
  }
}
