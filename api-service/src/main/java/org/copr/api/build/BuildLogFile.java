package org.copr.api.build;

import java.nio.file.Path;
import org.copr.contracts.rest.BuildState;

/** Where a build's log is (null before a worker took it) and the state to report with it. */
public record BuildLogFile(BuildState state, Path file) {}
