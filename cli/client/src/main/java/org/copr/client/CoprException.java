package org.copr.client;

/**
 * Every failure of a {@link CoprClient} call: the server's answer ({@link #status()}, its {@link
 * #error()} code and {@link #detail()}), or a network failure ({@link #isNetworkError()}, status
 * 0).
 */
public class CoprException extends RuntimeException {
  public static final String NETWORK_ERROR = "network_error";

  private final int status;
  private final String error;
  private final String detail;

  public CoprException(int status, String error, String detail) {
    this(status, error, detail, null);
  }

  private CoprException(int status, String error, String detail, Throwable cause) {
    super(detail, cause);
    this.status = status;
    this.error = error;
    this.detail = detail;
  }

  static CoprException network(String url, Throwable cause) {
    String why =
        cause instanceof java.net.ConnectException
            ? "connection refused"
            : cause instanceof java.net.http.HttpTimeoutException
                ? "timed out"
                : cause.getMessage() == null
                    ? cause.getClass().getSimpleName()
                    : cause.getMessage();
    return new CoprException(
        0, NETWORK_ERROR, "cannot reach the Copr service at " + url + " (" + why + ")", cause);
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  /**
   * The server's error code ({@code not_found}, {@code conflict}, ...) or {@code network_error}.
   */
  public String error() {
    return error;
  }

  /** The server's one-sentence explanation. */
  public String detail() {
    return detail;
  }

  public boolean isNetworkError() {
    return status == 0;
  }
}
