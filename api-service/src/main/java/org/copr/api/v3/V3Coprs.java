package org.copr.api.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.copr.api.copr.Copr;
import org.copr.api.error.ApiException;

/**
 * API v3 names a project {@code owner/name}; ours are named globally and owned by one user. A v3
 * project is the copr of that name whose owner is that user: any other owner, and {@code @group}
 * (this Copr has no groups yet), is a project that does not exist.
 */
@ApplicationScoped
public class V3Coprs {
  @Transactional(Transactional.TxType.MANDATORY)
  public Copr require(String ownername, String projectname) {
    requireUserOwner(ownername);
    if (projectname == null || projectname.isBlank()) {
      throw missing("projectname");
    }
    return Copr.byName(projectname)
        .filter(c -> c.owner.username.equals(ownername))
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "Project " + ownername + "/" + projectname + " does not exist."));
  }

  /** The owner of a v3 request, which must name a user. */
  public static String requireUserOwner(String ownername) {
    if (ownername == null || ownername.isBlank()) {
      throw missing("ownername");
    }
    if (ownername.startsWith("@")) {
      throw new ApiException(
          404,
          "Group " + ownername.substring(1) + " does not exist.",
          "this Copr has no groups yet: a project is owned by a user, named as its ownername");
    }
    return ownername;
  }

  /** Fedora's answer to a required query parameter that is missing. */
  public static ApiException missing(String argument) {
    return ApiException.badRequest("Missing argument " + argument);
  }
}
