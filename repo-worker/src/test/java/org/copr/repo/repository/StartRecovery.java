package org.copr.repo.repository;

/** Lets a test run what a start runs, without restarting the application. */
public final class StartRecovery {
  private StartRecovery() {}

  public static void run(RepoWriters writers) throws java.io.IOException {
    writers.recover();
  }
}
