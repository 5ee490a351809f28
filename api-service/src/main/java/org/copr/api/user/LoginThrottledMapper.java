package org.copr.api.user;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.copr.runtime.http.RestErrorMappers;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Before the password is even looked at: the username or the address failed too often lately. */
public class LoginThrottledMapper {
  @ServerExceptionMapper
  public Response throttled(LoginThrottled e) {
    return Response.fromResponse(RestErrorMappers.answer(429, e.getMessage()))
        .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
        .build();
  }
}
