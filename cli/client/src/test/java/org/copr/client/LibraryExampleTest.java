package org.copr.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.copr.testing.Repo;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example in src-docs/cli.md compiles (it is this module's source), runs, and is the doc's. */
class LibraryExampleTest {

  @Test
  void theDocumentedExampleRunsAgainstTheService(@TempDir Path dir) {
    ApiServiceProcess api = ApiServiceProcess.shared();
    String user = ApiServiceProcess.uniqueName("example");
    api.admin().userCreate(user, "example-password", false);
    String copr = ApiServiceProcess.uniqueName("hello");
    Path srpm = TestRpms.srpm(dir, "hello", "1.0", TestRpms.Options.defaults());

    List<Build> builds = LibraryExample.publish(api.url(), user, "example-password", copr, srpm);

    assertThat(builds)
        .extracting(Build::chroot)
        .containsExactlyInAnyOrder("fedora-40-x86_64", "epel-9-x86_64");
  }

  @Test
  void theDocShowsExactlyTheExamplesSource() throws Exception {
    String source = Files.readString(Path.of("src/test/java/org/copr/client/LibraryExample.java"));
    String example =
        source.substring(
            source.indexOf('\n', source.indexOf("// tag::example[]")) + 1,
            source.indexOf("    // end::example[]"));
    String unindented =
        example.lines().map(l -> l.replaceFirst("^ {4}", "")).reduce("", (a, l) -> a + l + "\n");
    String doc = Files.readString(Repo.root().resolve("src-docs/cli.md"));
    assertThat(doc).contains("```java\n" + unindented + "```");
  }
}
