package org.copr.api.v3;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import org.copr.api.build.SrpmUpload;
import org.copr.api.error.ApiException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** {@code /api_3/build/...}: Fedora Copr's builds, over our submissions. */
@Path(V3Paths.ROOT + "/build")
@Produces(MediaType.APPLICATION_JSON)
public class V3BuildResource {
  static final String ID = "{id: [0-9]+}";

  private final V3BuildService builds;
  private final V3BuildDeletion deletion;
  private final V3Bodies bodies;

  V3BuildResource(V3BuildService builds, V3BuildDeletion deletion, V3Bodies bodies) {
    this.builds = builds;
    this.deletion = deletion;
    this.bodies = bodies;
  }

  @GET
  @Path(ID)
  public V3Build get(@PathParam("id") String id) {
    return builds.get(id(id));
  }

  @GET
  @Path("/list")
  public V3List<V3Build> list(
      @QueryParam("ownername") String ownername,
      @QueryParam("projectname") String projectname,
      @QueryParam("packagename") String packagename,
      @QueryParam("status") String status,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order") String order,
      @QueryParam("order_type") String orderType) {
    return builds.list(
        ownername,
        projectname,
        packagename,
        status,
        V3Paging.of(limit, offset, order, orderType, Set.of("id")));
  }

  @GET
  @Path("/source-chroot/" + ID)
  public V3SourceChroot sourceChroot(@PathParam("id") String id) {
    return builds.sourceChroot(id(id));
  }

  @GET
  @Path("/built-packages/" + ID)
  public Map<String, V3BuiltPackages> builtPackages(@PathParam("id") String id) {
    return builds.builtPackages(id(id));
  }

  @POST
  @Authenticated
  @Path("/check-before-build")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, String> checkBeforeBuild(V3BuildRequest request) {
    return builds.checkBeforeBuild(required(request));
  }

  @POST
  @Authenticated
  @Path("/create/upload")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @SrpmUpload(web = false)
  public V3Build upload(@RestForm("pkgs") FileUpload pkgs, @RestForm("json") FileUpload json) {
    V3BuildRequest request = bodies.jsonPart(json, V3BuildRequest.class);
    if (pkgs == null) {
      throw ApiException.badRequest("send the SRPM as the multipart part named 'pkgs'");
    }
    return builds.upload(request, pkgs.uploadedFile(), pkgs.fileName(), pkgs.size());
  }

  /** Sources that another issue brings: Fedora's clients print the sentence. */
  @POST
  @Authenticated
  @Path("/create/{source: url|scm|custom|pypi|rubygems|distgit}")
  public V3Build notYet(@PathParam("source") String source) {
    throw ApiException.badRequest(
        "Builds from "
            + source
            + " sources are not available here yet: upload an SRPM (copr-cli build <project>"
            + " <file.src.rpm>)");
  }

  @PUT
  @Authenticated
  @Path("/cancel/" + ID)
  public V3Build cancel(@PathParam("id") String id) {
    return builds.cancel(id(id));
  }

  @POST
  @Authenticated
  @Path("/cancel/" + ID)
  public V3Build cancelByPost(@PathParam("id") String id) {
    return cancel(id);
  }

  @DELETE
  @Authenticated
  @Path("/delete/" + ID)
  public V3Build delete(@PathParam("id") String id) {
    return deletion.delete(id(id));
  }

  @POST
  @Authenticated
  @Path("/delete/" + ID)
  public V3Build deleteByPost(@PathParam("id") String id) {
    return delete(id);
  }

  @DELETE
  @Authenticated
  @Path("/delete/list")
  @Consumes(MediaType.APPLICATION_JSON)
  public V3BuildDeletion.Ids deleteList(V3BuildDeletion.Ids ids) {
    return deletion.delete(required(ids));
  }

  @POST
  @Authenticated
  @Path("/delete/list")
  @Consumes(MediaType.APPLICATION_JSON)
  public V3BuildDeletion.Ids deleteListByPost(V3BuildDeletion.Ids ids) {
    return deleteList(ids);
  }

  static <T> T required(T body) {
    if (body == null) {
      throw ApiException.badRequest("send the fields as a JSON object");
    }
    return body;
  }

  /** A build id of the path: a number too large for one is a build that does not exist. */
  static long id(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("Build " + id + " does not exist.");
    }
  }
}
