package org.copr.api.v3;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The packages a build-chroot published, each named by its NEVRA. */
@RegisterForReflection
public record V3BuiltPackages(List<Nevra> packages) {
  @RegisterForReflection
  public record Nevra(String name, Integer epoch, String version, String release, String arch) {}
}
