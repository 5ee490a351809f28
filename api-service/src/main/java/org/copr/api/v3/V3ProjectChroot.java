package org.copr.api.v3;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** API v3's project chroot and its build config; a chroot here has no settings of its own. */
public final class V3ProjectChroot {
  private V3ProjectChroot() {}

  @RegisterForReflection
  public record Settings(
      String mockChroot,
      String ownername,
      String projectname,
      String compsName,
      List<String> additionalRepos,
      List<String> additionalPackages,
      List<String> additionalModules,
      List<String> withOpts,
      List<String> withoutOpts,
      Integer deleteAfterDays,
      String isolation) {}

  /** What a build in the chroot gets: the copr's own repository, then its dependencies'. */
  @RegisterForReflection
  public record BuildConfig(
      String chroot,
      List<Repo> repos,
      List<String> additionalRepos,
      List<String> additionalPackages,
      List<String> additionalModules,
      List<String> withOpts,
      List<String> withoutOpts,
      boolean enableNet,
      String isolation) {}

  @RegisterForReflection
  public record Repo(
      String baseurl,
      String id,
      String name,
      boolean moduleHotfixes,
      Integer priority,
      Boolean repoGpgcheck) {}
}
