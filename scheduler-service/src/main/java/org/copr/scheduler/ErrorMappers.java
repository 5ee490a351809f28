package org.copr.scheduler;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.copr.contracts.rest.ErrorBody;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The scheduler's errors in the one error body of every Copr HTTP API. */
public class ErrorMappers {
  @ServerExceptionMapper
  public Response notFound(NotFound e) {
    return Response.status(Response.Status.NOT_FOUND)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ErrorBody("not_found", e.getMessage()))
        .build();
  }
}
