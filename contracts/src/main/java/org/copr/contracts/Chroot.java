package org.copr.contracts;

/**
 * A release built for one architecture, named {@code <release>-<arch>} as mock names its configs.
 */
public record Chroot(String release, String arch) {
  /**
   * The architectures Copr knows, the one list: what a copr may build for (api-service's {@code
   * copr.arches}) and what has build workers (scheduler-service's {@code copr.scheduler.arches})
   * unless a deployment sets fewer.
   */
  public static final String ARCHES = "x86_64,aarch64,ppc64le,s390x,i386";

  public static Chroot parse(String name) {
    int dash = name == null ? -1 : name.lastIndexOf('-');
    if (dash <= 0 || dash == name.length() - 1) {
      throw new IllegalArgumentException("not a chroot name (<release>-<arch>): " + name);
    }
    return new Chroot(name.substring(0, dash), name.substring(dash + 1));
  }

  public String name() {
    return release + "-" + arch;
  }

  @Override
  public String toString() {
    return name();
  }
}
