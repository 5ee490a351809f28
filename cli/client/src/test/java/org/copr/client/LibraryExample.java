package org.copr.client;

import java.nio.file.Path;
import java.util.List;

/** The library usage example of src-docs/cli.md, which includes the part between the tags. */
final class LibraryExample {
  private LibraryExample() {}

  /** Creates a copr, uploads an SRPM into it and returns the builds it started. */
  static List<Build> publish(
      String url, String username, String password, String coprName, Path srpm) {
    // tag::example[]
    CoprClient copr = new CoprClient(url, username, password);

    Copr created =
        copr.coprCreate(coprName, "Hello packages", List.of("fedora-40", "epel-9"), List.of());
    System.out.println("chroots: " + created.chroots());

    Upload upload =
        copr.pkgCreate(coprName, srpm, (sent, total) -> System.out.printf("%d/%d%n", sent, total));
    for (Build build : upload.builds()) {
      System.out.println(build.id() + " " + build.chroot() + " " + build.state());
    }

    try {
      copr.coprInfo("no-such-copr");
    } catch (CoprException e) {
      // e.status() == 404, e.error() == "not_found", e.detail() says what is missing
      System.out.println(e.status() + " " + e.error() + ": " + e.detail());
    }
    // end::example[]
    return upload.builds();
  }
}
