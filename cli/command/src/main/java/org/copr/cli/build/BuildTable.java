package org.copr.cli.build;

import java.util.List;
import org.copr.cli.Output;
import org.copr.client.Build;

/** Builds as aligned rows, shared by the commands that list builds. */
public final class BuildTable {
  private BuildTable() {}

  public static void print(Output output, List<Build> builds) {
    output.table(
        List.of("ID", "PACKAGE", "VERSION", "CHROOT", "STATE", "SUBMITTED"),
        builds.stream()
            .map(
                b ->
                    List.of(
                        Long.toString(b.id()),
                        b.packageName(),
                        Output.text(b.evr()),
                        b.chroot(),
                        output.state(b.state()),
                        Output.time(b.submittedAt())))
            .toList());
  }
}
