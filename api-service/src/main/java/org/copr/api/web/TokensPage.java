package org.copr.api.web;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.copr.api.Limits;
import org.copr.api.PageRequest;
import org.copr.api.error.ApiException;
import org.copr.api.user.ApiTokenDto;
import org.copr.api.user.ApiTokenService;
import org.copr.api.user.IssuedApiTokenDto;
import org.copr.api.user.LoginThrottled;
import org.copr.api.user.Logins;
import org.copr.api.user.NewApiToken;
import org.copr.api.user.PasswordIdentityProvider;
import org.copr.contracts.rest.Page;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The user's API tokens: made (the value shown once, in the {@code ~/.config/copr} the CLI and
 * Fedora's copr-cli read), listed and revoked. Making one asks for the password again: a token
 * outlives the session, so a stolen session alone must not be able to make one.
 */
@Path("/tokens")
@Produces(MediaType.TEXT_HTML)
public class TokensPage {
  private final Pages pages;
  private final Visitor visitor;
  private final ApiTokenService tokens;
  private final Logins logins;
  private final RoutingContext request;

  TokensPage(
      Pages pages, Visitor visitor, ApiTokenService tokens, Logins logins, RoutingContext request) {
    this.pages = pages;
    this.visitor = visitor;
    this.tokens = tokens;
    this.logins = logins;
    this.request = request;
  }

  /** A token just made, with the config file that holds it. */
  public record Made(IssuedApiTokenDto token, String config) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance tokens(
        Visit visit, List<ApiTokenDto> tokens, Made made, String name, String error);
  }

  @GET
  public Response list() {
    return pages.show(() -> page(null, "", null));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response make(
      @RestForm String csrf,
      @RestForm String name,
      @RestForm String days,
      @RestForm String password) {
    String filled = name == null ? "" : name.trim();
    return pages.act(
        csrf,
        () -> {
          Visit visit = visitor.visit();
          if (!visit.loggedIn()) {
            throw new UnauthorizedException();
          }
          try {
            String address = PasswordIdentityProvider.clientAddress(request.request());
            char[] typed = password == null ? new char[0] : password.toCharArray();
            QuarkusTransaction.requiringNew()
                .run(() -> logins.check(visit.username(), typed, address));
          } catch (LoginThrottled e) {
            return Response.fromResponse(
                    pages.show(
                        429,
                        () ->
                            page(
                                null,
                                filled,
                                "too many wrong passwords from your address; try again in "
                                    + e.retryAfterSeconds()
                                    + " seconds")))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .build();
          } catch (AuthenticationFailedException e) {
            return pages.show(
                403, () -> page(null, filled, "that is not your password; no token was made"));
          }
          IssuedApiTokenDto issued =
              tokens.create(new NewApiToken(filled.isEmpty() ? null : filled, days(days), null));
          return pages.show(200, () -> page(new Made(issued, config(issued)), "", null));
        },
        failure -> pages.show(failure.status(), () -> page(null, filled, failure.message())));
  }

  @POST
  @Path("{id}/revoke")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response revoke(@PathParam("id") long id, @RestForm String csrf) {
    return pages.act(
        csrf,
        () -> {
          tokens.revoke(id);
          return Pages.redirect("/tokens");
        },
        failure -> pages.show(failure.status(), () -> page(null, "", failure.message())));
  }

  private TemplateInstance page(Made made, String name, String error) {
    Visit visit = visitor.visit();
    if (!visit.loggedIn()) {
      throw new UnauthorizedException();
    }
    Page<ApiTokenDto> mine = tokens.list(new PageRequest(Limits.TOKENS, 0));
    return Templates.tokens(visit, mine.items(), made, name, error);
  }

  private static Integer days(String typed) {
    if (typed == null || typed.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(typed.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalid("days: a whole number, not '" + typed + "'");
    }
  }

  /** Fedora copr-cli's format, which our CLI reads too (src-docs/cli.md). */
  private String config(IssuedApiTokenDto t) {
    String url = request.request().scheme() + "://" + request.request().authority();
    return "# API token "
        + t.id()
        + (t.name() == null ? "" : " (" + t.name() + ")")
        + "\n[copr-cli]\nlogin = "
        + t.username()
        + "\nusername = "
        + t.username()
        + "\ntoken = "
        + t.token()
        + "\ncopr_url = "
        + url
        + "\n# expiration date: "
        + t.expiresAt()
        + "\n";
  }
}
