package org.copr.worker.builder;

import java.io.IOException;

/** The attempt cannot be built, for a reason its owner can act on (the message says which). */
public class BuildRefusedException extends IOException {
  public BuildRefusedException(String reason) {
    super(reason);
  }
}
