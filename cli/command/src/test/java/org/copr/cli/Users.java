package org.copr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.copr.client.ApiServiceProcess;

/** Two users per test class, made by the service's admin, with names no other test uses. */
final class Users {
  final String alice = ApiServiceProcess.uniqueName("alice");
  final String bob = ApiServiceProcess.uniqueName("bob");

  Users() {
    ApiServiceProcess api = ApiServiceProcess.shared();
    api.admin().userCreate(alice, password(alice), false);
    api.admin().userCreate(bob, password(bob), false);
  }

  /** A new copr of alice's, made with the command; returns its name. */
  String newCopr(String prefix, String... options) {
    String name = ApiServiceProcess.uniqueName(prefix);
    String[] args = new String[options.length + 2];
    args[0] = "create-copr";
    args[1] = name;
    System.arraycopy(options, 0, args, 2, options.length);
    CoprRun.Result r = alice().run(args);
    assertThat(r.exit()).as(r.toString()).isEqualTo(0);
    return name;
  }

  static String password(String user) {
    return user + "-password";
  }

  CoprRun alice() {
    return CoprRun.as(alice, password(alice));
  }

  CoprRun bob() {
    return CoprRun.as(bob, password(bob));
  }
}
