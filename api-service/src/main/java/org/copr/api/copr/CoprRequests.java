package org.copr.api.copr;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.copr.api.Limits;

/** Bodies of the copr routes; their sizes are checked (422) before anything else. */
public final class CoprRequests {
  private static final String DESCRIPTION = "description: at most {max} characters";
  private static final String RELEASES = "releases: at most {max} names";
  private static final String ARCHES = "arches: at most {max} names";
  private static final String DEPENDENCIES = "dependencies: at most {max} names";

  private CoprRequests() {}

  /** POST /coprs. */
  @RegisterForReflection
  public record NewCopr(
      String name,
      @Size(max = Limits.DESCRIPTION, message = DESCRIPTION) String description,
      @Size(max = Limits.RELEASES, message = RELEASES) List<String> releases,
      @Size(max = Limits.ARCHES, message = ARCHES) List<String> arches,
      @Size(max = Limits.DEPENDENCIES, message = DEPENDENCIES) List<String> dependencies) {}

  /** PUT /coprs/{name}: a null field stays as it is; a list replaces the whole list. */
  @RegisterForReflection
  public record CoprUpdate(
      @Size(max = Limits.DESCRIPTION, message = DESCRIPTION) String description,
      @Size(max = Limits.RELEASES, message = RELEASES) List<String> releases,
      @Size(max = Limits.ARCHES, message = ARCHES) List<String> arches,
      @Size(max = Limits.DEPENDENCIES, message = DEPENDENCIES) List<String> dependencies) {}

  @RegisterForReflection
  public record Dependencies(
      @Size(max = Limits.DEPENDENCIES, message = DEPENDENCIES) List<String> dependencies) {}

  @RegisterForReflection
  public record Releases(@Size(max = Limits.RELEASES, message = RELEASES) List<String> releases) {}

  /** POST grant / revoke; revoke needs only the username. */
  @RegisterForReflection
  public record Grant(String username, String permission) {}
}
