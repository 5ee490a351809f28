package org.copr.api.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.copr.api.ApiConfig;
import org.copr.api.copr.CoprRequests.NewCopr;
import org.copr.api.copr.CoprService;
import org.jboss.resteasy.reactive.RestForm;

/** Creating a copr; a refused form comes back filled in as it was sent, with the reason. */
@Path("/new-copr")
@Produces(MediaType.TEXT_HTML)
public class NewCoprPage {
  private final Pages pages;
  private final Visitor visitor;
  private final CoprService coprs;
  private final List<String> arches;

  NewCoprPage(Pages pages, Visitor visitor, CoprService coprs, ApiConfig config) {
    this.pages = pages;
    this.visitor = visitor;
    this.coprs = coprs;
    this.arches = List.copyOf(config.arches());
  }

  /** What the form holds. */
  public record Filled(
      String name, String description, String releases, List<String> arches, String dependencies) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance newCopr(
        Visit visit, List<String> arches, Filled form, String error);
  }

  @GET
  public Response form() {
    return pages.show(() -> page(new Filled("", "", "fedora-40", List.of("x86_64"), ""), null));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(
      @RestForm String csrf,
      @RestForm String name,
      @RestForm String description,
      @RestForm String releases,
      @RestForm List<String> arches,
      @RestForm String dependencies) {
    Filled form =
        new Filled(
            name == null ? "" : name.trim(),
            description == null ? "" : description.replace("\r\n", "\n"),
            releases == null ? "" : releases,
            Forms.orEmpty(arches),
            dependencies == null ? "" : dependencies);
    return pages.act(
        csrf,
        () -> {
          coprs.create(
              new NewCopr(
                  form.name(),
                  form.description(),
                  Forms.names(form.releases()),
                  form.arches().isEmpty() ? null : form.arches(),
                  Forms.names(form.dependencies())));
          return Pages.redirect("/copr/" + form.name());
        },
        failure -> pages.show(failure.status(), () -> page(form, failure.message())));
  }

  private TemplateInstance page(Filled form, String error) {
    Visit visit = visitor.visit();
    if (!visit.loggedIn()) {
      throw new UnauthorizedException();
    }
    return Templates.newCopr(visit, arches, form, error);
  }
}
