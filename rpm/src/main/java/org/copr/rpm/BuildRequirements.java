package org.copr.rpm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.packager.rpm.info.RpmInformation.Dependency;
import org.eclipse.packager.rpm.info.RpmInformations;

/**
 * The requirements in an SRPM's header (its BuildRequires), each proven to be a dependency token by
 * {@link DependencyToken} before anyone uses it: a header is data, never a command line.
 */
public final class BuildRequirements {
  /** More than any real package has; a header listing more is refused. */
  public static final int MAX_COUNT = 2000;

  private static final int RPMSENSE_LESS = 1 << 1;
  private static final int RPMSENSE_GREATER = 1 << 2;
  private static final int RPMSENSE_EQUAL = 1 << 3;

  /** One checked requirement: a name, and a comparison ({@code >=}) with a version or nothing. */
  public record Requirement(String name, String operator, String version) {
    /** As dnf and rpm take it: {@code name} or {@code name >= version}. */
    public String spec() {
      return operator.isEmpty() ? name : name + " " + operator + " " + version;
    }

    /** rpm's own features ({@code rpmlib(...)}), which rpm checks itself. */
    public boolean rpmlib() {
      return name.startsWith("rpmlib(");
    }
  }

  /** A requirement that breaks the rules; the message names it and says why. */
  public static final class BadRequirementException extends IOException {
    public BadRequirementException(String message) {
      super(message);
    }
  }

  private BuildRequirements() {}

  /**
   * Reads (through {@link RpmFiles}, bounded) and checks every requirement of the SRPM.
   *
   * @throws BadRequirementException naming the first entry that is not a dependency token
   * @throws DamagedRpmException when the header cannot be read
   */
  public static List<Requirement> read(Path srpm) throws IOException {
    List<Dependency> requires =
        RpmFiles.read(srpm, (in, layout) -> RpmInformations.makeInformation(in).getRequires());
    if (requires.size() > MAX_COUNT) {
      throw new BadRequirementException(
          "the SRPM lists " + requires.size() + " BuildRequires; at most " + MAX_COUNT);
    }
    List<Requirement> checked = new ArrayList<>();
    for (Dependency d : requires) {
      checked.add(check(d.getName(), d.getVersion(), d.getFlags()));
    }
    return List.copyOf(checked);
  }

  /** One requirement as the header has it (name, version, RPMSENSE flags). */
  public static Requirement check(String name, String version, long flags)
      throws BadRequirementException {
    String op = "";
    if ((flags & RPMSENSE_LESS) != 0) {
      op += "<";
    }
    if ((flags & RPMSENSE_GREATER) != 0) {
      op += ">";
    }
    if ((flags & RPMSENSE_EQUAL) != 0) {
      op += "=";
    }
    boolean versioned = version != null && !version.isEmpty();
    Optional<String> problem = DependencyToken.problem(name, versioned ? version : null);
    if (problem.isEmpty() && versioned && op.isEmpty()) {
      problem = Optional.of("it has a version but no comparison");
    }
    if (problem.isEmpty() && !versioned && !op.isEmpty()) {
      problem = Optional.of("it has a comparison but no version");
    }
    if (problem.isPresent()) {
      throw new BadRequirementException(
          "BuildRequires \""
              + DependencyToken.shown(name)
              + (versioned ? " " + op + " " + DependencyToken.shown(version) : "")
              + "\" is not a dependency rpm and Copr accept: "
              + problem.get());
    }
    return new Requirement(name, versioned ? op : "", versioned ? version : "");
  }
}
