package org.copr.api.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;

/** Logging in with a form (the same password check as HTTP Basic) and out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {
  private static final Logger LOG = Logger.getLogger(AccountPages.class);

  private final Pages pages;
  private final Visitor visitor;
  private final IdentityProviderManager identities;
  private final LoginThrottle throttle;

  AccountPages(
      Pages pages, Visitor visitor, IdentityProviderManager identities, LoginThrottle throttle) {
    this.pages = pages;
    this.visitor = visitor;
    this.identities = identities;
    this.throttle = throttle;
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
          if (!throttle.allowed(name)) {
            LOG.infof("web login of %s throttled", name);
            return again(
                429,
                next,
                username,
                "too many wrong passwords for "
                    + name
                    + "; wait "
                    + LoginThrottle.WINDOW.toMinutes()
                    + " minutes and try again");
          }
          try {
            identities.authenticateBlocking(
                new UsernamePasswordAuthenticationRequest(
                    name, new PasswordCredential(password.toCharArray())));
          } catch (AuthenticationFailedException e) {
            throttle.failed(name);
            LOG.infof("web login of %s refused", name);
            return again(401, next, username, "wrong username or password");
          }
          throttle.succeeded(name);
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
