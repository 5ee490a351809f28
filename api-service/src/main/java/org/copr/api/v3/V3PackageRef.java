package org.copr.api.v3;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of {@code /package/reset} and {@code /package/delete}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record V3PackageRef(String ownername, String projectname, String packageName) {}
