package org.copr.api.v3;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** A v3 package. Ours are all made by uploads: {@code source_type} {@code upload}. */
@RegisterForReflection
public record V3Package(
    long id,
    String name,
    String ownername,
    String projectname,
    String sourceType,
    Map<String, Object> sourceDict,
    boolean autoRebuild,
    Builds builds) {

  /** Filled only when the client asked for them ({@code with_latest_build} ...). */
  @RegisterForReflection
  public record Builds(V3Build latest, V3Build latestSucceeded) {}
}
