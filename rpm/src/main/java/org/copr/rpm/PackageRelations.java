package org.copr.rpm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.info.RpmInformation;
import org.eclipse.packager.rpm.info.RpmInformations;

/**
 * What a binary package is and how it relates to others, as its header says: its NEVRA, its
 * Requires (as written: the caller checks them), the names it Provides and its files. Read through
 * {@link RpmFiles}, so a hostile header is refused before it is parsed.
 */
public record PackageRelations(
    String name,
    Integer epoch,
    String version,
    String release,
    String arch,
    List<Dependency> requires,
    Set<String> provides,
    Set<String> files) {

  /** {@code RPMSENSE_SCRIPT_*} and {@code RPMSENSE_INTERP}: needed only by a scriptlet. */
  private static final long SCRIPTLET =
      (1L << 8) | (1L << 9) | (1L << 10) | (1L << 11) | (1L << 12);

  private static final long LESS = 1 << 1;
  private static final long GREATER = 1 << 2;
  private static final long EQUAL = 1 << 3;

  /** One Requires entry: a name, a comparison and a version (both empty when unversioned). */
  public record Dependency(String name, String operator, String version, boolean scriptlet) {
    public String spec() {
      return operator.isEmpty() ? name : name + " " + operator + " " + version;
    }
  }

  public static PackageRelations read(Path rpm) throws IOException {
    return RpmFiles.read(
        rpm,
        (in, layout) -> {
          RpmInformation info = RpmInformations.makeInformation(in);
          List<Dependency> requires =
              info.getRequires().stream()
                  .map(d -> dependency(d.getName(), d.getVersion(), d.getFlags()))
                  .toList();
          Set<String> provides =
              Set.copyOf(
                  info.getProvides().stream().map(RpmInformation.Dependency::getName).toList());
          return new PackageRelations(
              info.getName(),
              RpmFiles.epoch(in.getPayloadHeader().getTag(RpmTag.EPOCH)),
              info.getVersion().getVersion(),
              info.getVersion().getRelease(),
              info.getArchitecture(),
              requires,
              provides,
              Set.copyOf(info.getFiles()));
        });
  }

  private static Dependency dependency(String name, String version, long flags) {
    String op =
        ((flags & LESS) != 0 ? "<" : "")
            + ((flags & GREATER) != 0 ? ">" : "")
            + ((flags & EQUAL) != 0 ? "=" : "");
    boolean versioned = version != null && !version.isEmpty();
    return new Dependency(
        name, versioned ? op : "", versioned ? version : "", (flags & SCRIPTLET) != 0);
  }

  /** {@code name-[epoch:]version-release.arch}, as dnf and rpm name a package. */
  public String nevra() {
    return name + "-" + (epoch == null ? "" : epoch + ":") + version + "-" + release + "." + arch;
  }
}
