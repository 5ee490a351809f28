package org.copr.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@link CoprClient#buildResubmit} and {@link CoprClient#pkgBuild} send: the chroots to build
 * in (null: the resubmitted build's own chroot, or every chroot of the copr) and the seconds each
 * build may run (null: the copr's timeout).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rebuild(List<String> chroots, Integer timeout) {
  public static final Rebuild DEFAULTS = new Rebuild(null, null);
}
