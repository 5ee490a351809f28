package org.copr.contracts;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What a builder needs to build one package for one chroot. {@code srpm} is relative to the shared
 * storage root; {@code repos} are the URLs of the copr's own repository and of each dependency
 * copr's repository for this chroot, added to the buildroot.
 */
@RegisterForReflection
public record BuildSpec(
    long buildId,
    String copr,
    String owner,
    String packageName,
    String chroot,
    String srpm,
    String srpmSha256,
    List<String> repos) {

  public String arch() {
    return Chroot.parse(chroot).arch();
  }
}
