package org.copr.api.copr;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Bodies of the copr routes. */
public final class CoprRequests {
  private CoprRequests() {}

  /** POST /coprs. */
  @RegisterForReflection
  public record NewCopr(
      String name,
      String description,
      List<String> releases,
      List<String> arches,
      List<String> dependencies) {}

  /** PUT /coprs/{name}: a null field stays as it is; a list replaces the whole list. */
  @RegisterForReflection
  public record CoprUpdate(
      String description, List<String> releases, List<String> arches, List<String> dependencies) {}

  @RegisterForReflection
  public record Dependencies(List<String> dependencies) {}

  @RegisterForReflection
  public record Releases(List<String> releases) {}

  /** POST grant / revoke; revoke needs only the username. */
  @RegisterForReflection
  public record Grant(String username, String permission) {}
}
