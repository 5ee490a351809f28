package org.copr.api.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;
import org.copr.api.error.ApiException;
import org.jboss.logging.Logger;

/**
 * Renders pages and turns the services' refusals into pages: the REST API's JSON errors stay as
 * they are, a browser gets the sentence on a page with the same status.
 */
@ApplicationScoped
public class Pages {
  private static final Logger LOG = Logger.getLogger(Pages.class);
  static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

  /**
   * Scripts only from this site and no page in another's frame: should some text escape its
   * escaping, it still cannot run, and no site can overlay the forms to steal a click. htmx adds
   * one inline style of its own.
   */
  static final String POLICY =
      "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none';"
          + " form-action 'self'; base-uri 'none'; object-src 'none'";

  private final Visitor visitor;

  Pages(Visitor visitor) {
    this.visitor = visitor;
  }

  @CheckedTemplate(basePath = "")
  static class Templates {
    static native TemplateInstance error(Visit visit, int status, String message);
  }

  /** A page, or the page that says why not. */
  public Response show(Supplier<TemplateInstance> page) {
    return show(200, page);
  }

  /** A page with another status, such as a form shown again with the reason of a refusal. */
  public Response show(int status, Supplier<TemplateInstance> page) {
    return handle(() -> html(status, page.get()), this::error);
  }

  /**
   * A form's action after its CSRF token is checked. A refusal of the service (which changed
   * nothing: its transaction rolled back) shows the form's page again with the reason.
   */
  public Response act(String csrf, Supplier<Response> action, Function<Failure, Response> again) {
    return handle(
        () -> {
          visitor.requireCsrf(csrf);
          return action.get();
        },
        failure -> failure.status() == 403 ? error(failure) : again.apply(failure));
  }

  /** A refusal: its HTTP status and the sentence that says why. */
  public record Failure(int status, String message) {}

  public Response html(int status, TemplateInstance page) {
    return Response.status(status)
        .type(HTML)
        .entity(page.render())
        .header("Content-Security-Policy", POLICY)
        .header("X-Frame-Options", "DENY")
        .header("Cache-Control", "no-store")
        .build();
  }

  public static Response redirect(String path) {
    return Response.seeOther(URI.create(path)).build();
  }

  private Response handle(Supplier<Response> work, Function<Failure, Response> refused) {
    try {
      return work.get();
    } catch (ApiException e) {
      return refused.apply(new Failure(e.status(), e.getMessage()));
    } catch (ConstraintViolationException e) {
      return refused.apply(new Failure(422, ApiException.invalid(e).getMessage()));
    } catch (UnauthorizedException e) {
      String next = visitor.visit().path();
      return redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    } catch (Visitor.CsrfRefused e) {
      return error(new Failure(403, e.getMessage()));
    } catch (RuntimeException e) {
      LOG.errorf(e, "page %s failed", visitor.visit().path());
      return error(new Failure(500, "the server failed; the request changed nothing"));
    }
  }

  Response error(Failure failure) {
    return html(
        failure.status(), Templates.error(visitor.visit(), failure.status(), failure.message()));
  }
}
