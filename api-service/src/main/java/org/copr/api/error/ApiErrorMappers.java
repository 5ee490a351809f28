package org.copr.api.error;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.copr.runtime.http.RestErrorMappers;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The API's failures that need more than runtime's {@link RestErrorMappers} (which answer every
 * {@link ApiException} and all the rest): the login header, and exceptions of other libraries.
 */
public class ApiErrorMappers {
  private static final Logger LOG = Logger.getLogger(ApiErrorMappers.class);

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthorized(RuntimeException e) {
    return Response.fromResponse(
            RestErrorMappers.answer(
                401, "log in with HTTP Basic as a known user with the right password"))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"copr\"")
        .build();
  }

  /** Only Quarkus' security throws it; our own code refuses with {@link ApiException#forbidden}. */
  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return RestErrorMappers.answer(403, "you may not do this");
  }

  @ServerExceptionMapper
  public Response violations(jakarta.validation.ConstraintViolationException e) {
    return RestErrorMappers.answer(ApiException.invalid(e));
  }

  /** A unique key hit by a concurrent request that passed the same checks a moment earlier. */
  @ServerExceptionMapper
  public Response constraint(ConstraintViolationException e) {
    LOG.infof("refused by a database constraint %s: %s", e.getConstraintName(), e.getMessage());
    return RestErrorMappers.answer(409, "a concurrent change conflicts with this one; retry");
  }
}
