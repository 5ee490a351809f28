package org.copr.api.build;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.copr.api.Limits;

/**
 * The body of a resubmit or a build of a package's current source, both optional: the chroots to
 * build in (among the copr's) and how many seconds each build may run (null: the copr's timeout).
 */
@RegisterForReflection
public record RebuildRequest(
    @Size(max = Limits.RELEASES * Limits.ARCHES, message = "chroots: at most {max} names")
        List<String> chroots,
    @Min(value = 1, message = "timeout: at least {value} second")
        @Max(
            value = Limits.MAX_BUILD_TIMEOUT,
            message = "timeout: at most {value} seconds (30 hours)")
        Integer timeout) {

  /** The chroots asked for, null when none were named. */
  SortedSet<String> chosen() {
    return chroots == null || chroots.isEmpty() ? null : new TreeSet<>(chroots);
  }
}
