package org.copr.api.build;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import org.copr.api.Limits;
import org.copr.api.PageRequest;
import org.copr.api.error.ApiException;

@Path("/builds")
@Produces(MediaType.APPLICATION_JSON)
public class BuildResource {
  static final String STATE_HEADER = "X-Copr-Build-State";
  static final String OFFSET_HEADER = "X-Copr-Log-Offset";
  static final String SIZE_HEADER = "X-Copr-Log-Size";

  private final BuildService builds;
  private final PackageService packages;

  BuildResource(BuildService builds, PackageService packages) {
    this.builds = builds;
    this.packages = packages;
  }

  @GET
  @Path("/{id}")
  public BuildDto get(@PathParam("id") String id) {
    return builds.get(id(id));
  }

  @GET
  @Path("/{id}/buildroot")
  public BuildrootDto buildroot(@PathParam("id") String id) {
    return builds.buildroot(id(id));
  }

  @POST
  @Authenticated
  @Path("/{id}/cancel")
  public Response cancel(@PathParam("id") String id) {
    return Response.accepted(builds.cancel(id(id))).build();
  }

  /** The same SRPM built again: 202 with the package and the new builds. */
  @POST
  @Authenticated
  @Path("/{id}/resubmit")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response resubmit(@PathParam("id") String id, RebuildRequest body) {
    return Response.accepted(packages.resubmit(id(id), body)).build();
  }

  /**
   * The log from byte {@code offset} on, at most {@link Limits#LOG_CHUNK} bytes of it. A follower
   * passes the offset it has read up to (given back in {@value #OFFSET_HEADER}), asks again at once
   * while that is below {@value #SIZE_HEADER}, and stops once the state has ended and it has read
   * everything.
   */
  @GET
  @Path("/{id}/log")
  @Produces(MediaType.TEXT_PLAIN)
  public Response log(@PathParam("id") String id, @QueryParam("offset") String offset) {
    long from = PageRequest.of(null, offset).offset();
    BuildLogFile log = builds.log(id(id));
    long size = size(log);
    long start = Math.min(from, size);
    long end = Math.min(size, start + Limits.LOG_CHUNK);
    StreamingOutput body =
        out -> {
          if (end > start) {
            try (FileChannel ch = FileChannel.open(log.file(), StandardOpenOption.READ)) {
              ch.transferTo(start, end - start, Channels.newChannel(out));
            }
          }
        };
    return Response.ok(body, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
        .header(STATE_HEADER, log.state().wire())
        .header(OFFSET_HEADER, end)
        .header(SIZE_HEADER, size)
        .build();
  }

  private static long size(BuildLogFile log) {
    if (log.file() == null) {
      return 0;
    }
    try {
      return Files.size(log.file());
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long id(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no build " + id);
    }
  }
}
