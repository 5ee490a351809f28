package org.copr.cli;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.copr.client.ApiToken;
import org.copr.client.Build;
import org.copr.client.Copr;
import org.copr.client.CoprChanges;
import org.copr.client.IssuedApiToken;
import org.copr.client.LogChunk;
import org.copr.client.NewCopr;
import org.copr.client.Pkg;
import org.copr.client.Rebuild;
import org.copr.client.Upload;
import org.copr.client.User;
import org.copr.contracts.rest.BuildState;
import org.copr.contracts.rest.ErrorBody;
import org.copr.contracts.rest.Page;

/**
 * The client library and the shared REST shapes are framework-free, so their JSON records are
 * registered for native here.
 */
@RegisterForReflection(
    targets = {
      Copr.class,
      Copr.Permission.class,
      Pkg.class,
      Pkg.Version.class,
      Build.class,
      BuildState.class,
      User.class,
      ApiToken.class,
      IssuedApiToken.class,
      Page.class,
      Upload.class,
      LogChunk.class,
      NewCopr.class,
      CoprChanges.class,
      Rebuild.class,
      ErrorBody.class
    })
final class NativeReflection {
  private NativeReflection() {}
}
