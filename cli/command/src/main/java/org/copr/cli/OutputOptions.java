package org.copr.cli;

import picocli.CommandLine.Option;

/** {@code --output text|json} of the commands that show something. */
public class OutputOptions {
  public enum Format {
    text,
    json
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (columns, for people) or json (for scripts); default: ${DEFAULT-VALUE}")
  Format format;

  public boolean json() {
    return format == Format.json;
  }
}
