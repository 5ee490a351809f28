package org.copr.cli.copr;

import java.util.List;
import org.copr.client.Copr;
import org.copr.client.CoprClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "add-copr-releases", description = "add releases to a copr")
public class AddCoprReleases extends CoprListChange {
  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "RELEASE",
      description = "a release to build for, e.g. fedora-40")
  List<String> values;

  @Override
  List<String> values() {
    return values;
  }

  @Override
  Copr apply(CoprClient client, String copr, List<String> values) {
    return client.coprAddReleases(copr, values);
  }
}
