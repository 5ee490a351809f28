package org.copr.api.error;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.stream.Collectors;
import org.copr.runtime.http.Refusal;

/** A request the API refuses, with the error code and sentence the client sees. */
public class ApiException extends RuntimeException implements Refusal {
  private final int status;
  private final String error;

  public ApiException(int status, String error, String detail) {
    super(detail);
    this.status = status;
    this.error = error;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String error() {
    return error;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "bad_request", detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "forbidden", detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "not_found", detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, "conflict", detail);
  }

  public static ApiException tooLarge(String detail) {
    return new ApiException(413, "too_large", detail);
  }

  public static ApiException invalid(String detail) {
    return new ApiException(422, "invalid", detail);
  }

  /** A body past a limit its record declares: each message names its field. */
  public static ApiException invalid(ConstraintViolationException e) {
    return invalid(
        e.getConstraintViolations().stream()
            .map(ConstraintViolation::getMessage)
            .sorted()
            .collect(Collectors.joining("; ")));
  }
}
