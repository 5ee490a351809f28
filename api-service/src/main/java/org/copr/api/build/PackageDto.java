package org.copr.api.build;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** A package with its versions (newest first) and its newest build in each chroot. */
@RegisterForReflection
public record PackageDto(
    String name,
    String copr,
    String summary,
    String license,
    List<VersionDto> versions,
    List<BuildDto> latestBuilds) {

  @RegisterForReflection
  public record VersionDto(
      int epoch,
      String version,
      String release,
      String evr,
      String srpmSha256,
      long srpmSize,
      String uploadedBy,
      Instant uploadedAt) {
    static VersionDto of(PackageVersion v) {
      return new VersionDto(
          v.epoch,
          v.version,
          v.release,
          v.evr(),
          v.srpmSha256,
          v.srpmSize,
          v.uploadedBy,
          v.uploadedAt);
    }
  }

  /** The answer to an upload: the package and the builds it started. */
  @RegisterForReflection
  public record Upload(@JsonProperty("package") PackageDto pkg, List<BuildDto> builds) {}
}
