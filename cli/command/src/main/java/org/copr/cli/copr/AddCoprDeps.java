package org.copr.cli.copr;

import java.util.List;
import org.copr.client.Copr;
import org.copr.client.CoprClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "add-copr-deps", description = "add dependencies to a copr")
public class AddCoprDeps extends CoprListChange {
  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "DEPENDENCY",
      description = "a copr whose repositories the builds may use")
  List<String> values;

  @Override
  List<String> values() {
    return values;
  }

  @Override
  Copr apply(CoprClient client, String copr, List<String> values) {
    return client.coprAddDependencies(copr, values);
  }
}
