package org.copr.api.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.copr.api.user.LoginThrottled;
import org.copr.api.user.PasswordIdentityProvider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;

/** Logging in with a form (the same password check and throttle as HTTP Basic) and out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {
  private static final Logger LOG = Logger.getLogger(AccountPages.class);

  private final Pages pages;
  private final Visitor visitor;
  private final IdentityProviderManager identities;
  private final RoutingContext request;

  AccountPages(
      Pages pages, Visitor visitor, IdentityProviderManager identities, RoutingContext request) {
    this.pages = pages;
    this.visitor = visitor;
    this.identities = identities;
    this.request = request;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance login(Visit visit, String next, String username, String error);
  }

  @GET
  @Path("login")
  public Response form(@QueryParam("next") String next) {
    return pages.show(() -> Templates.login(visitor.visit(), WebPaths.local(next), "", null));
  }

  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response logIn(
      @RestForm String username,
      @RestForm String password,
      @RestForm String next,
      @RestForm String csrf) {
    return pages.act(
        csrf,
        () -> {
          if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return again(401, next, username, "enter your username and your password");
          }
          String name = username.trim();
          UsernamePasswordAuthenticationRequest login =
              new UsernamePasswordAuthenticationRequest(
                  name, new PasswordCredential(password.toCharArray()));
          HttpSecurityUtils.setRoutingContextAttribute(login, request);
          login.setAttribute(PasswordIdentityProvider.PASSWORD_ONLY, true);
          try {
            identities.authenticateBlocking(login);
          } catch (LoginThrottled e) {
            return Response.fromResponse(
                    again(
                        429,
                        next,
                        username,
                        "too many failed logins for "
                            + name
                            + " or from your address; try again in "
                            + e.retryAfterSeconds()
                            + " seconds"))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .build();
          } catch (AuthenticationFailedException e) {
            LOG.infof("web login of %s refused", name);
            return again(401, next, username, "wrong username or password");
          }
          visitor.logIn(name);
          return Pages.redirect(WebPaths.local(next));
        },
        failure -> again(failure.status(), next, username, failure.message()));
  }

  @POST
  @Path("logout")
  public Response logOut(@RestForm String csrf) {
    return pages.act(
        csrf,
        () -> {
          visitor.logOut();
          return Pages.redirect("/");
        },
        failure -> Pages.redirect("/"));
  }

  private Response again(int status, String next, String username, String error) {
    return pages.html(
        status,
        Templates.login(
            visitor.visit(), WebPaths.local(next), username == null ? "" : username, error));
  }
}
