package org.copr.api.v3;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/** {@code GET /api_3/monitor}: copr-cli's {@code monitor}. */
@Path(V3Paths.ROOT + "/monitor")
@Produces(MediaType.APPLICATION_JSON)
public class V3MonitorResource {
  private final V3MonitorService monitor;

  V3MonitorResource(V3MonitorService monitor) {
    this.monitor = monitor;
  }

  @GET
  public Map<String, Object> monitor(
      @QueryParam("ownername") String ownername,
      @QueryParam("projectname") String projectname,
      @QueryParam("project_dirname") String projectDirname,
      @QueryParam("additional_fields[]") List<String> additionalFields,
      @Context UriInfo uri) {
    return monitor.monitor(
        ownername, projectname, projectDirname, additionalFields, uri.getBaseUri().toString());
  }
}
