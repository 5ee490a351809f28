package org.copr.api.v3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.copr.contracts.rest.ErrorBody;

/**
 * {@code GET /coprs/{owner}/{project}/repo/{release}/dnf.repo?arch=x86_64}: what {@code dnf copr
 * enable} downloads. A chroot the project lacks is a 404 whose {@code Copr-Error-Data} header (the
 * plugin's only reading of it) lists the chroots it has.
 */
@Path("/coprs/{owner}/{project}/repo/{release}/dnf.repo")
public class V3DnfRepoResource {
  private final V3DnfRepos repos;
  private final ObjectMapper json;

  V3DnfRepoResource(V3DnfRepos repos, ObjectMapper json) {
    this.repos = repos;
    this.json = json;
  }

  @GET
  @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
  public Response repoFile(
      @PathParam("owner") String owner,
      @PathParam("project") String project,
      @PathParam("release") String release,
      @QueryParam("arch") String arch,
      @Context HttpHeaders headers) {
    String host = headers.getHeaderString(HttpHeaders.HOST);
    try {
      String file = repos.repoFile(owner, project, release, arch, host);
      return Response.ok(file, MediaType.TEXT_PLAIN_TYPE)
          .header("Content-Disposition", "filename=" + project + ".repo")
          .build();
    } catch (V3DnfRepos.NoSuchChroot e) {
      return Response.status(404)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .header("Copr-Error-Data", errorData(e.available()))
          .entity(new ErrorBody(e.error(), e.getMessage()))
          .build();
    }
  }

  private String errorData(List<String> available) {
    try {
      byte[] data =
          json.writeValueAsString(Map.of("available chroots", available))
              .getBytes(StandardCharsets.UTF_8);
      return Base64.getEncoder().encodeToString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
