package org.copr.api.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.IntStream;
import org.copr.api.build.BuildDto;
import org.copr.api.build.BuildService;
import org.copr.api.build.BuildrootDto;
import org.copr.api.error.ApiException;
import org.copr.api.web.AttemptLogs.Piece;
import org.copr.api.web.WebQueries.Access;
import org.copr.contracts.Printable;
import org.copr.contracts.rest.BuildState;
import org.jboss.resteasy.reactive.RestForm;

/**
 * A build: its fields and the log of each attempt. While the build runs, htmx asks {@code live}
 * every two seconds for the fields and the log's new bytes; without JavaScript a reload shows the
 * same.
 */
@Path("/build/{id}")
public class BuildPages {
  private final Pages pages;
  private final Visitor visitor;
  private final WebQueries queries;
  private final BuildService builds;
  private final AttemptLogs logs;

  BuildPages(
      Pages pages, Visitor visitor, WebQueries queries, BuildService builds, AttemptLogs logs) {
    this.pages = pages;
    this.visitor = visitor;
    this.queries = queries;
    this.builds = builds;
    this.logs = logs;
  }

  /**
   * The log shown: which attempt, what of it, and whether the page follows it.
   *
   * @param follow the current attempt of a build that has not ended
   */
  public record ShownLog(int attempt, List<Integer> attempts, Piece piece, boolean follow) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance build(
        Visit visit,
        BuildDto build,
        Access access,
        ShownLog log,
        FailureLines failure,
        BuildrootDto buildroot,
        String error);

    /** The part htmx swaps in: the fields again, the log's new text, and the next poll. */
    /**
     * @param newAttempt the log is of an attempt the page did not show yet
     * @param restarted it follows another attempt's log on the page
     */
    static native TemplateInstance live(
        Visit visit,
        BuildDto build,
        Access access,
        ShownLog log,
        FailureLines failure,
        boolean newAttempt,
        boolean restarted);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page(@PathParam("id") String id, @QueryParam("attempt") String attempt) {
    return pages.show(() -> page(id(id), attempt, null));
  }

  /**
   * @param attempt the attempt the page shows; a newer one starts its log over
   * @param offset how much of that attempt's log the page has
   */
  @GET
  @Path("live")
  @Produces(MediaType.TEXT_HTML)
  public Response live(
      @PathParam("id") String id,
      @QueryParam("attempt") int attempt,
      @QueryParam("offset") long offset) {
    return pages.show(
        () -> {
          BuildDto build = builds.get(id(id));
          boolean newAttempt = build.attempt() > 0 && build.attempt() != attempt;
          int shown = newAttempt ? build.attempt() : Math.min(attempt, build.attempt());
          Piece piece =
              shown == 0
                  ? new Piece("", 0, 0)
                  : logs.from(logs.file(build, shown), newAttempt ? 0 : offset);
          boolean follow = !build.state().ended() || piece.text().length() > 0;
          return Templates.live(
              visitor.visit(),
              build,
              queries.access(build.copr()),
              new ShownLog(shown, attempts(build), printable(piece), follow),
              failure(build),
              newAttempt,
              newAttempt && attempt > 0);
        });
  }

  /** One attempt's whole log as plain text, which no browser renders as HTML. */
  @GET
  @Path("log/{attempt}")
  @Produces(MediaType.TEXT_PLAIN)
  public Response log(@PathParam("id") String id, @PathParam("attempt") String attempt) {
    try {
      BuildDto build = builds.get(id(id));
      java.nio.file.Path file = logs.file(build, number(attempt));
      if (!Files.exists(file)) {
        throw ApiException.notFound("attempt " + attempt + " of build " + id + " wrote no log");
      }
      return Response.ok(file.toFile(), MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
          .header("X-Content-Type-Options", "nosniff")
          .build();
    } catch (ApiException e) {
      return Response.status(e.status())
          .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
          .entity(e.getMessage() + "\n")
          .build();
    }
  }

  @POST
  @Path("cancel")
  @Produces(MediaType.TEXT_HTML)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response cancel(@PathParam("id") String id, @RestForm String csrf) {
    return pages.act(
        csrf,
        () -> {
          builds.cancel(id(id));
          return Pages.redirect("/build/" + id(id));
        },
        failure -> pages.show(failure.status(), () -> page(id(id), null, failure.message())));
  }

  private TemplateInstance page(long id, String attempt, String error) {
    BuildDto build = builds.get(id);
    int shown = attempt == null || attempt.isBlank() ? build.attempt() : number(attempt);
    Piece piece = shown == 0 ? new Piece("", 0, 0) : logs.tail(logs.file(build, shown));
    boolean follow = shown == build.attempt() && !build.state().ended();
    return Templates.build(
        visitor.visit(),
        build,
        queries.access(build.copr()),
        new ShownLog(shown, attempts(build), printable(piece), follow),
        failure(build),
        builds.buildroot(id),
        error);
  }

  /**
   * The log as a page shows it: without a build's terminal escapes and control characters (its
   * offsets stay those of the file; the plain text link serves the bytes as they are).
   */
  private static Piece printable(Piece piece) {
    return new Piece(Printable.lines(piece.text()), piece.next(), piece.skipped());
  }

  /** What explains a failed build's reason: the end of its last attempt's log. */
  private FailureLines failure(BuildDto build) {
    if (build.state() != BuildState.FAILED || build.attempt() < 1) {
      return FailureLines.NONE;
    }
    return FailureLines.of(logs.tail(logs.file(build, build.attempt())));
  }

  private static List<Integer> attempts(BuildDto build) {
    return IntStream.rangeClosed(1, build.attempt()).boxed().toList();
  }

  private static long id(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no build " + id);
    }
  }

  private static int number(String attempt) {
    try {
      return Integer.parseInt(attempt);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no attempt " + attempt);
    }
  }
}
