package org.copr.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes, before or after the subcommand's name. */
public class GlobalOptions {
  @Option(
      names = {"-u", "--username"},
      paramLabel = "USERNAME",
      scope = ScopeType.INHERIT,
      description = "the user to log in as (default: COPR_USERNAME, then the config file)")
  String username;

  @Option(
      names = {"-p", "--password"},
      scope = ScopeType.INHERIT,
      description = "ask for the password (never echoed; needs a terminal)")
  boolean askPassword;

  @Option(
      names = "--url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description =
          "an alternate url for the Copr service (default: COPR_URL, then the config file,"
              + " then http://127.0.0.1:8080)")
  String url;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "show every HTTP request and answer, and stack traces of errors")
  boolean debug;
}
