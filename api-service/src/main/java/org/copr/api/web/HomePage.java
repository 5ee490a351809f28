package org.copr.api.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.copr.api.PageRequest;
import org.copr.api.build.BuildDto;
import org.copr.api.web.WebQueries.CoprRow;
import org.copr.contracts.rest.Page;

/** The home page (recent builds, the coprs with a search) and the queue page. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {
  static final int RECENT_BUILDS = 20;
  static final int COPRS_PER_PAGE = 50;
  static final int ACTIVE_BUILDS = 100;

  private final Pages pages;
  private final Visitor visitor;
  private final WebQueries queries;
  private final SchedulerQueue scheduler;

  HomePage(Pages pages, Visitor visitor, WebQueries queries, SchedulerQueue scheduler) {
    this.pages = pages;
    this.visitor = visitor;
    this.queries = queries;
    this.scheduler = scheduler;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance home(
        Visit visit, List<BuildDto> recent, Page<CoprRow> coprs, String q, Paging paging);

    static native TemplateInstance queue(
        Visit visit, SchedulerQueue.View queue, List<BuildDto> active, List<BuildDto> waiting);
  }

  @GET
  public Response home(@QueryParam("q") String q, @QueryParam("offset") String offset) {
    return pages.show(
        () -> {
          Page<CoprRow> coprs =
              queries.searchCoprs(q, PageRequest.of(Integer.toString(COPRS_PER_PAGE), offset));
          return Templates.home(
              visitor.visit(),
              queries.recentBuilds(RECENT_BUILDS),
              coprs,
              q == null ? "" : q,
              Paging.of(coprs, "/", "q", q));
        });
  }

  @GET
  @Path("queue")
  public Response queue() {
    return pages.show(
        () ->
            Templates.queue(
                visitor.visit(),
                scheduler.read(),
                queries.activeBuilds(ACTIVE_BUILDS),
                queries.waitingBuilds(ACTIVE_BUILDS)));
  }
}
