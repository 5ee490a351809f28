package org.copr.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to an SRPM upload: the package and the builds it started, one per chroot. */
public record Upload(@JsonProperty("package") Pkg pkg, List<Build> builds) {}
