package org.copr.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    description = "print a bash/zsh completion script: source <(copr completion)")
public class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("copr", spec.parent().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
