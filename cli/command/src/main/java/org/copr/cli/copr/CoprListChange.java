package org.copr.cli.copr;

import java.util.List;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.OutputOptions;
import org.copr.client.Copr;
import org.copr.client.CoprClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Adds values to, or removes them from, one of a copr's lists; prints the copr after. */
abstract class CoprListChange extends CoprSubcommand {
  @Parameters(index = "0", paramLabel = "COPR", description = "the copr's name")
  String copr;

  @Mixin OutputOptions format;

  abstract List<String> values();

  abstract Copr apply(CoprClient client, String copr, List<String> values);

  @Override
  public Integer call() {
    return show(apply(login(), copr, values()), format);
  }
}
