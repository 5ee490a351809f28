package org.copr.rpm;

import java.io.IOException;

/** A file that is not an RPM, or one whose stated sizes do not fit: the message says which. */
public class DamagedRpmException extends IOException {
  public DamagedRpmException(String message) {
    super(message);
  }

  public DamagedRpmException(String message, Throwable cause) {
    super(message, cause);
  }
}
