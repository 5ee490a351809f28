package org.copr.runtime.http;

/**
 * A request a service refuses on purpose. Its exceptions implement this (whatever they extend), and
 * the error mappers find it anywhere in a chain of causes and answer it as it says.
 */
public interface Refusal {
  int status();

  /** The {@code error} code of the body; {@link HttpErrors#codeOf} of the status by default. */
  default String error() {
    return HttpErrors.codeOf(status());
  }

  /** The {@code detail} sentence of the body (an exception's message). */
  String getMessage();
}
