package org.copr.cli;

import org.copr.client.CoprException;

/** The command's exit codes; src-docs/cli.md lists them for scripts. */
public final class ExitCode {
  public static final int OK = 0;

  /** A watched build failed or was canceled. */
  public static final int BUILD_FAILED = 1;

  /** Bad options or arguments, or a local file that cannot be read. */
  public static final int USAGE = 2;

  /** No login where one is needed, a wrong password, or no permission (HTTP 401, 403). */
  public static final int AUTH = 3;

  /** No such copr, package, build or user (HTTP 404). */
  public static final int NOT_FOUND = 4;

  /** The service refused the request as invalid or conflicting (HTTP 400, 409, 413, 415, 422). */
  public static final int REJECTED = 5;

  /** The service failed or could not be reached (HTTP 5xx, network errors). */
  public static final int SERVICE = 6;

  private ExitCode() {}

  public static int of(CoprException e) {
    int status = e.status();
    if (status == 401 || status == 403) {
      return AUTH;
    }
    if (status == 404) {
      return NOT_FOUND;
    }
    if (status >= 400 && status < 500) {
      return REJECTED;
    }
    return SERVICE;
  }
}
