package org.copr.cli.copr;

import java.util.List;
import org.copr.client.Copr;
import org.copr.client.CoprClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove-copr-releases", description = "remove releases from a copr")
public class RemoveCoprReleases extends CoprListChange {
  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "RELEASE",
      description = "a release to stop building for")
  List<String> values;

  @Override
  List<String> values() {
    return values;
  }

  @Override
  Copr apply(CoprClient client, String copr, List<String> values) {
    return client.coprRemoveReleases(copr, values);
  }
}
