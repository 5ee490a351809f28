package org.copr.api.copr;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.copr.api.Limits;

/** Bodies of the copr routes; their sizes are checked (422) before anything else. */
public final class CoprRequests {
  private static final String DESCRIPTION = "description: at most {max} characters";
  private static final String RELEASES = "releases: at most {max} names";
  private static final String ARCHES = "arches: at most {max} names";
  private static final String DEPENDENCIES = "dependencies: at most {max} names";
  static final String TIMEOUT = "timeout: at most {value} seconds (30 hours)";
  static final String TIMEOUT_MIN = "timeout: at least {value} second";

  private CoprRequests() {}

  /** POST /coprs. */
  @RegisterForReflection
  public record NewCopr(
      String name,
      @Size(max = Limits.DESCRIPTION, message = DESCRIPTION) String description,
      @Size(max = Limits.RELEASES, message = RELEASES) List<String> releases,
      @Size(max = Limits.ARCHES, message = ARCHES) List<String> arches,
      @Size(max = Limits.DEPENDENCIES, message = DEPENDENCIES) List<String> dependencies,
      @Min(value = 1, message = TIMEOUT_MIN)
          @Max(value = Limits.MAX_BUILD_TIMEOUT, message = TIMEOUT)
          Integer timeout) {
    /** Without a timeout: the default, 5 hours. */
    public NewCopr(
        String name,
        String description,
        List<String> releases,
        List<String> arches,
        List<String> dependencies) {
      this(name, description, releases, arches, dependencies, null);
    }
  }

  /** PUT /coprs/{name}: a null field stays as it is; a list replaces the whole list. */
  @RegisterForReflection
  public record CoprUpdate(
      @Size(max = Limits.DESCRIPTION, message = DESCRIPTION) String description,
      @Size(max = Limits.RELEASES, message = RELEASES) List<String> releases,
      @Size(max = Limits.ARCHES, message = ARCHES) List<String> arches,
      @Size(max = Limits.DEPENDENCIES, message = DEPENDENCIES) List<String> dependencies,
      @Min(value = 1, message = TIMEOUT_MIN)
          @Max(value = Limits.MAX_BUILD_TIMEOUT, message = TIMEOUT)
          Integer timeout) {
    /** Without a timeout: it stays as it is. */
    public CoprUpdate(
        String description, List<String> releases, List<String> arches, List<String> dependencies) {
      this(description, releases, arches, dependencies, null);
    }
  }

  @RegisterForReflection
  public record Dependencies(
      @Size(max = Limits.DEPENDENCIES, message = DEPENDENCIES) List<String> dependencies) {}

  @RegisterForReflection
  public record Releases(@Size(max = Limits.RELEASES, message = RELEASES) List<String> releases) {}

  /** POST grant / revoke; revoke needs only the username. */
  @RegisterForReflection
  public record Grant(String username, String permission) {}
}
