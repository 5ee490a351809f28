package org.copr.cli.copr;

import java.util.List;
import org.copr.client.Copr;
import org.copr.client.CoprClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove-copr-deps", description = "remove dependencies from a copr")
public class RemoveCoprDeps extends CoprListChange {
  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "DEPENDENCY",
      description = "a dependency to remove")
  List<String> values;

  @Override
  List<String> values() {
    return values;
  }

  @Override
  Copr apply(CoprClient client, String copr, List<String> values) {
    return client.coprRemoveDependencies(copr, values);
  }
}
