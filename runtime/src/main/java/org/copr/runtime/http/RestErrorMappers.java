package org.copr.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.copr.contracts.rest.ErrorBody;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure of a JAX-RS route, ours or Quarkus' own (unknown route, wrong method or media type,
 * malformed JSON or parameter, a bug), as {@code {"error", "detail"}} with its status. A service
 * adds mappers only for exceptions that need more than a {@link Refusal} (headers).
 */
public class RestErrorMappers {
  private static final Logger LOG = Logger.getLogger(RestErrorMappers.class);

  /** Also names Jackson's MismatchedInputException, which Quarkus otherwise answers itself. */
  @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
  public Response badJson(JsonProcessingException e) {
    Refusal refusal = HttpErrors.refusalIn(e);
    if (refusal != null) {
      return answer(refusal);
    }
    return answer(
        400, "the body is not the JSON this route expects: " + firstLine(e.getOriginalMessage()));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    Refusal refusal = HttpErrors.refusalIn(e);
    if (refusal != null) {
      return answer(refusal);
    }
    if (e.getCause() instanceof JsonProcessingException json) {
      return badJson(json);
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      LOG.errorf(e, "request to %s failed", uri.getPath());
    }
    String detail =
        status == 400 && e.getMessage() != null
            ? e.getMessage()
            : HttpErrors.detailOf(status, uri.getPath());
    return answer(status, detail);
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e, UriInfo uri) {
    Refusal refusal = HttpErrors.refusalIn(e);
    if (refusal != null) {
      return answer(refusal);
    }
    LOG.errorf(e, "request to %s failed", uri.getPath());
    return answer(500, HttpErrors.SERVER_FAILED);
  }

  /** An Error too (OutOfMemoryError, StackOverflowError): still our JSON, never a bare page. */
  @ServerExceptionMapper
  public Response failed(Error e, UriInfo uri) {
    LOG.errorf(e, "request to %s failed with an error", uri.getPath());
    return answer(500, HttpErrors.SERVER_FAILED);
  }

  public static Response answer(Refusal refusal) {
    return respond(refusal.status(), refusal.error(), refusal.getMessage());
  }

  public static Response answer(int status, String detail) {
    return respond(status, HttpErrors.codeOf(status), detail);
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
