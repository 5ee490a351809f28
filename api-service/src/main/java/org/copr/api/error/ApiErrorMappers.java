package org.copr.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.copr.api.user.LoginThrottled;
import org.copr.contracts.rest.ErrorBody;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into {@code {"error", "detail"}} with the right status. */
public class ErrorMappers {
  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @ServerExceptionMapper
  public Response api(ApiException e) {
    return respond(e.status(), e.error(), e.getMessage());
  }

  /** Also names Jackson's MismatchedInputException, which Quarkus otherwise answers itself. */
  @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
  public Response badJson(JsonProcessingException e) {
    return respond(
        400,
        "bad_request",
        "the body is not the JSON this route expects: " + firstLine(e.getOriginalMessage()));
  }

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthorized(RuntimeException e) {
    return Response.fromResponse(
            respond(
                401,
                "unauthorized",
                "log in with HTTP Basic as a known user with the right password"))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"copr\"")
        .build();
  }

  /** Before the password is even looked at: the username or the address failed too often lately. */
  @ServerExceptionMapper
  public Response throttled(LoginThrottled e) {
    return Response.fromResponse(respond(429, codeOf(429), e.getMessage()))
        .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return respond(
        403, "forbidden", e.getMessage() == null ? "you may not do this" : e.getMessage());
  }

  @ServerExceptionMapper
  public Response violations(jakarta.validation.ConstraintViolationException e) {
    return api(ApiException.invalid(e));
  }

  /** A body that went on past {@link org.copr.api.Limits#BODY}, however the reader wrapped it. */
  @ServerExceptionMapper
  public Response tooLarge(BodyLimit.TooLarge e) {
    return api(ApiException.tooLarge(e.getMessage()));
  }

  /** A unique key hit by a concurrent request that passed the same checks a moment earlier. */
  @ServerExceptionMapper
  public Response constraint(ConstraintViolationException e) {
    LOG.infof("refused by a database constraint %s: %s", e.getConstraintName(), e.getMessage());
    return respond(409, "conflict", "a concurrent change conflicts with this one; retry");
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    BodyLimit.TooLarge large = BodyLimit.TooLarge.in(e);
    if (large != null) {
      return tooLarge(large);
    }
    if (e.getCause() instanceof JsonProcessingException json) {
      return badJson(json);
    }
    String detail =
        switch (status) {
          case 404 -> "no such resource: /" + uri.getPath().replaceFirst("^/", "");
          case 405 -> "this route does not take that HTTP method";
          case 415 ->
              "unsupported Content-Type; send application/json (multipart/form-data for uploads)";
          default -> e.getMessage();
        };
    return respond(status, codeOf(status), detail);
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e, UriInfo uri) {
    BodyLimit.TooLarge large = BodyLimit.TooLarge.in(e);
    if (large != null) {
      return tooLarge(large);
    }
    LOG.errorf(e, "request to %s failed", uri.getPath());
    return respond(500, "internal_error", "the server failed; the request changed nothing");
  }

  /** An Error too (OutOfMemoryError, StackOverflowError): still our JSON, never a bare page. */
  @ServerExceptionMapper
  public Response failed(Error e, UriInfo uri) {
    LOG.errorf(e, "request to %s failed with an error", uri.getPath());
    return respond(500, "internal_error", "the server failed; the request changed nothing");
  }

  static String codeOf(int status) {
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

  private static Response respond(int status, String error, String detail) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(error, detail))
        .build();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
