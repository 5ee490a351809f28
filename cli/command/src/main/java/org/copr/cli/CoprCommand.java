package org.copr.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import java.util.concurrent.Callable;
import org.copr.cli.build.BuildPackage;
import org.copr.cli.build.InfoBuild;
import org.copr.cli.build.ListBuilds;
import org.copr.cli.build.PrintBuildLog;
import org.copr.cli.build.RequestBuildCancel;
import org.copr.cli.build.Resubmit;
import org.copr.cli.build.WatchBuild;
import org.copr.cli.copr.AddCoprDeps;
import org.copr.cli.copr.AddCoprReleases;
import org.copr.cli.copr.CreateCopr;
import org.copr.cli.copr.DeleteCopr;
import org.copr.cli.copr.EditCopr;
import org.copr.cli.copr.GrantCopr;
import org.copr.cli.copr.InfoCopr;
import org.copr.cli.copr.ListCoprs;
import org.copr.cli.copr.RemoveCoprDeps;
import org.copr.cli.copr.RemoveCoprReleases;
import org.copr.cli.copr.RevokeCopr;
import org.copr.cli.pkg.CreatePkg;
import org.copr.cli.pkg.DeletePkg;
import org.copr.cli.pkg.InfoPkg;
import org.copr.cli.pkg.ListPkgs;
import org.copr.cli.token.CreateApiToken;
import org.copr.cli.token.ListApiTokens;
import org.copr.cli.token.RevokeApiToken;
import org.copr.client.CoprClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@TopCommand
@Command(
    name = "copr",
    description = "Command line tool for interacting with Copr",
    versionProvider = CoprCommand.Version.class,
    sortOptions = false,
    customSynopsis = "copr [-h] [-v] [-u USERNAME] [-p] [--url URL] [--debug] COMMAND [ARGS...]",
    footer = {
      "",
      "Configuration: ~/.config/copr (url, username, token, password or password_command; also"
          + " copr-cli's copr_url and login), then COPR_URL, COPR_USERNAME, COPR_PASSWORD, then the"
          + " options.",
      "Exit codes: 0 ok, 1 a build failed, 2 usage, 3 login or permission, 4 not found,"
          + " 5 request refused, 6 service failed or unreachable."
    },
    subcommands = {
      ListCoprs.class,
      InfoCopr.class,
      CreateCopr.class,
      EditCopr.class,
      DeleteCopr.class,
      AddCoprDeps.class,
      RemoveCoprDeps.class,
      AddCoprReleases.class,
      RemoveCoprReleases.class,
      GrantCopr.class,
      RevokeCopr.class,
      ListPkgs.class,
      InfoPkg.class,
      CreatePkg.class,
      DeletePkg.class,
      ListBuilds.class,
      InfoBuild.class,
      WatchBuild.class,
      PrintBuildLog.class,
      RequestBuildCancel.class,
      Resubmit.class,
      BuildPackage.class,
      CreateApiToken.class,
      ListApiTokens.class,
      RevokeApiToken.class,
      CompletionCommand.class
    })
public class CoprCommand implements Callable<Integer> {
  private final Shell shell;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "show this help message and exit")
  boolean help;

  @Option(
      names = {"-v", "--version"},
      versionHelp = true,
      description = "print the version and exit")
  boolean version;

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  /** In the real process (the constructor that picocli's CDI integration calls). */
  public CoprCommand() {
    this(Shell.system());
  }

  public CoprCommand(Shell shell) {
    this.shell = shell;
  }

  /** Without a command: the usage, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(shell.err());
    return ExitCode.USAGE;
  }

  Shell shell() {
    return shell;
  }

  boolean debug() {
    return global.debug;
  }

  Output output() {
    return new Output(shell.out(), shell.colour());
  }

  /** A client for reads, which need no login. */
  CoprClient client() {
    return builder(new Settings(shell, global)).build();
  }

  /**
   * A client that logs in with the password or an API token; {@code command} names what needs the
   * login in the error.
   */
  CoprClient login(String command) {
    return login(command, false);
  }

  /** A client that logs in with the password: an API token may not make tokens. */
  CoprClient passwordLogin(String command) {
    return login(command, true);
  }

  private CoprClient login(String command, boolean passwordOnly) {
    Settings settings = new Settings(shell, global);
    String username = settings.username();
    if (username == null) {
      throw new CliException(
          ExitCode.AUTH,
          command
              + " needs a login: give -u USERNAME -p, or set COPR_USERNAME and COPR_PASSWORD, or"
              + " username and token (or password) in "
              + shell.configFile());
    }
    String secret = passwordOnly ? settings.password(command) : settings.secret(command);
    return builder(settings).username(username).password(secret).build();
  }

  private CoprClient.Builder builder(Settings settings) {
    CoprClient.Builder b = CoprClient.builder().url(settings.url());
    if (global.debug) {
      b.trace(line -> shell.err().println("debug: " + line));
    }
    return b;
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"copr " + CoprClient.VERSION};
    }
  }
}
