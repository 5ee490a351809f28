package org.copr.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.copr.client.Copr;
import org.copr.client.CoprClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand needs: its clients, its output, and the copr printed the same way. */
public abstract class CoprSubcommand implements Callable<Integer> {
  @ParentCommand private CoprCommand root;

  @Spec private CommandSpec spec;

  protected CoprClient client() {
    return root.client();
  }

  protected CoprClient login() {
    return root.login(spec.name());
  }

  /** A client logged in with the password, never an API token. */
  protected CoprClient passwordLogin() {
    return root.passwordLogin(spec.name());
  }

  protected Output output() {
    return root.output();
  }

  protected Shell shell() {
    return root.shell();
  }

  protected String name() {
    return spec.name();
  }

  /** Prints a copr as fields, or as JSON. */
  protected int show(Copr copr, OutputOptions format) {
    if (format.json()) {
      output().json(copr);
      return ExitCode.OK;
    }
    output()
        .fields(
            List.of(
                List.of("name", copr.name()),
                List.of("owner", Output.text(copr.owner())),
                List.of("description", Output.text(copr.description())),
                List.of("releases", Output.list(copr.releases())),
                List.of("arches", Output.list(copr.arches())),
                List.of("chroots", Output.list(copr.chroots())),
                List.of("dependencies", Output.list(copr.dependencies())),
                List.of("timeout", copr.timeout() + " s"),
                List.of(
                    "permissions",
                    Output.list(
                        copr.permissions() == null
                            ? List.of()
                            : copr.permissions().stream()
                                .map(p -> p.username() + " (" + p.permission() + ")")
                                .toList())),
                List.of("created", Output.time(copr.createdAt())),
                List.of(
                    "signing key",
                    copr.gpgFingerprint() == null
                        ? "- (made moments after the copr)"
                        : copr.gpgFingerprint())));
    return ExitCode.OK;
  }
}
