package org.copr.api.v3;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code /api_3/project-chroot}: copr-cli's {@code get-chroot}, {@code mock-config} and {@code
 * edit-chroot}, Packit's chroot settings. The edit is always multipart: the fields in a {@code
 * json} file part, and an optional {@code upload_comps} file.
 */
@Path(V3Paths.ROOT + "/project-chroot")
@Produces(MediaType.APPLICATION_JSON)
public class V3ProjectChrootResource {
  private final V3ProjectChrootService chroots;
  private final V3Bodies bodies;

  V3ProjectChrootResource(V3ProjectChrootService chroots, V3Bodies bodies) {
    this.chroots = chroots;
    this.bodies = bodies;
  }

  @GET
  public V3ProjectChroot.Settings get(
      @QueryParam("ownername") String ownername,
      @QueryParam("projectname") String projectname,
      @QueryParam("chrootname") String chrootname) {
    return chroots.get(ownername, projectname, chrootname);
  }

  @GET
  @Path("build-config")
  public V3ProjectChroot.BuildConfig buildConfig(
      @QueryParam("ownername") String ownername,
      @QueryParam("projectname") String projectname,
      @QueryParam("chrootname") String chrootname) {
    return chroots.buildConfig(ownername, projectname, chrootname);
  }

  @PUT
  @Path("edit/{ownername}/{projectname}/{chrootname}")
  @Authenticated
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public V3ProjectChroot.Settings edit(
      @PathParam("ownername") String ownername,
      @PathParam("projectname") String projectname,
      @PathParam("chrootname") String chrootname,
      @RestForm("json") FileUpload json,
      @RestForm("upload_comps") FileUpload comps) {
    return chroots.edit(
        ownername,
        projectname,
        chrootname,
        bodies.jsonPart(json, V3ChrootEdit.class),
        comps != null);
  }

  /** Deprecated by Fedora, still sent by older clients. */
  @POST
  @Path("edit/{ownername}/{projectname}/{chrootname}")
  @Authenticated
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public V3ProjectChroot.Settings editByPost(
      @PathParam("ownername") String ownername,
      @PathParam("projectname") String projectname,
      @PathParam("chrootname") String chrootname,
      @RestForm("json") FileUpload json,
      @RestForm("upload_comps") FileUpload comps) {
    return edit(ownername, projectname, chrootname, json, comps);
  }
}
