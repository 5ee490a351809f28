package org.copr.runtime.http;

import org.copr.contracts.rest.ErrorBody;

/** The one error body of every Copr HTTP service: the code of each status and its sentence. */
public final class HttpErrors {
  public static final String SERVER_FAILED = "the server failed; the request changed nothing";

  private HttpErrors() {}

  public static String codeOf(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 409 -> "conflict";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      case 422 -> "invalid";
      case 429 -> "too_many_requests";
      default -> status >= 500 ? "internal_error" : "bad_request";
    };
  }

  public static ErrorBody body(int status, String detail) {
    return new ErrorBody(codeOf(status), detail);
  }

  /** What a client is told for a status that no code of ours chose a sentence for. */
  public static String detailOf(int status, String path) {
    return switch (status) {
      case 404 -> "no such resource: /" + path.replaceFirst("^/", "");
      case 405 -> "this route does not take that HTTP method";
      case 413 -> "the request body is larger than this route takes";
      case 415 ->
          "unsupported Content-Type; send application/json (multipart/form-data for uploads)";
      default -> status >= 500 ? SERVER_FAILED : "the request is malformed";
    };
  }

  /** The refusal in a chain of causes, or null. */
  public static Refusal refusalIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Refusal refusal) {
        return refusal;
      }
    }
    return null;
  }
}
