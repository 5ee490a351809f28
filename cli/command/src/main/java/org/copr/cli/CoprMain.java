package org.copr.cli;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/** The process entry point: the real terminal and environment. */
@QuarkusMain
public class CoprMain implements QuarkusApplication {
  @Override
  public int run(String... args) {
    return Cli.run(Shell.system(), args);
  }
}
