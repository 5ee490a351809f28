package org.copr.api.v3;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.copr.contracts.rest.BuildState;

/**
 * Fedora's build states from ours. A build-chroot shows its build's state (publishing is still
 * {@code running}: the RPMs are not in the repository yet). A v3 build's state comes from its
 * build-chroots as Fedora derives it: its source is an upload, imported from the start, so the
 * first of running, starting, pending, failed, succeeded that a build-chroot is in; and canceled,
 * as Fedora's canceled flag, once a cancel was asked for every build-chroot still unfinished.
 */
public final class V3States {
  private static final List<String> ORDER =
      List.of("running", "starting", "pending", "waiting", "failed", "succeeded");

  /** Fedora's numbers of its states ({@code StatusEnum}), which the monitor shows as status. */
  private static final Map<String, Integer> NUMBERS =
      Map.of(
          "failed", 0,
          "succeeded", 1,
          "canceled", 2,
          "running", 3,
          "pending", 4,
          "skipped", 5,
          "starting", 6,
          "waiting", 9,
          "unknown", 1000);

  private V3States() {}

  public static String chroot(BuildState state) {
    return switch (state) {
      case WAITING -> "waiting";
      case PENDING -> "pending";
      case STARTING -> "starting";
      case RUNNING, PUBLISHING -> "running";
      case SUCCEEDED -> "succeeded";
      case FAILED -> "failed";
      case CANCELED -> "canceled";
    };
  }

  /** A chroot of a build: its state and whether a cancel of it was asked for. */
  public record Part(BuildState state, boolean cancelRequested) {}

  public static String build(Collection<Part> parts) {
    if (parts.isEmpty()) {
      return "waiting";
    }
    boolean canceling =
        parts.stream().anyMatch(p -> p.state() == BuildState.CANCELED || p.cancelRequested());
    boolean runsOn = parts.stream().anyMatch(p -> !p.state().ended() && !p.cancelRequested());
    if (canceling && !runsOn) {
      return "canceled";
    }
    List<String> states = parts.stream().map(p -> chroot(p.state())).toList();
    return ORDER.stream().filter(states::contains).findFirst().orElse("unknown");
  }

  public static int number(String state) {
    return NUMBERS.getOrDefault(state, 1000);
  }
}
