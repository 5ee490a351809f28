package org.copr.cli;

import org.copr.client.CoprException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Builds the {@code copr} command line for a shell and turns every failure into one line. */
public final class Cli {
  private Cli() {}

  /** Runs {@code copr args...} and returns its exit code: the command's real entry point. */
  public static int run(Shell shell, String... args) {
    return commandLine(shell).execute(args);
  }

  public static CommandLine commandLine(Shell shell) {
    CoprCommand top = new CoprCommand(shell);
    CommandLine cl = new CommandLine(top);
    cl.setOut(shell.out());
    cl.setErr(shell.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setSeparator(" ");
    cl.setUsageHelpWidth(100);
    cl.setParameterExceptionHandler(Cli::usageError);
    cl.setExecutionExceptionHandler((e, command, parsed) -> failure(top, shell, e));
    return cl;
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    String path = cmd.getCommandSpec().qualifiedName();
    cmd.getErr().println(path + ": " + e.getMessage() + " (see '" + path + " --help')");
    return ExitCode.USAGE;
  }

  private static int failure(CoprCommand top, Shell shell, Exception e) {
    if (top.debug()) {
      e.printStackTrace(shell.err());
    }
    if (e instanceof CliException c) {
      shell.err().println("copr: " + c.getMessage());
      return c.exitCode();
    }
    if (e instanceof CoprException c) {
      shell.err().println("copr: " + c.detail() + hint(c));
      return ExitCode.of(c);
    }
    shell.err().println("copr: unexpected error: " + e + " (run again with --debug for details)");
    return ExitCode.SERVICE;
  }

  private static String hint(CoprException e) {
    if (e.isNetworkError()) {
      return "; is api-service running there? Point --url or COPR_URL at it";
    }
    if (e.status() == 401) {
      return " (HTTP 401); check the username and password (-u/-p, COPR_USERNAME/COPR_PASSWORD)";
    }
    return " (HTTP " + e.status() + " " + e.error() + ")";
  }
}
