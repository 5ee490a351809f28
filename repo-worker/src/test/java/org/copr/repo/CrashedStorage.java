package org.copr.repo;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.copr.contracts.StorageLayout;
import org.copr.repo.build.BuildMarker;
import org.copr.testing.KafkaTestResource;

/**
 * Storage as a repo-worker killed in the middle of a publish leaves it, made before the application
 * starts: a build folder moved in but neither indexed nor reported, createrepo_c's unfinished
 * {@code .repodata/}, and a half-assembled folder under {@code repos/.staging/}.
 */
public class CrashedStorage implements QuarkusTestResourceLifecycleManager {
  static final String COPR = "crashed";
  static final String CHROOT = "fedora-40-x86_64";
  static final String PACKAGE = "phoenix";
  static final long BUILD_ID = 777_001;

  /** Runs the test class on its own application, with only Kafka and this storage. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(KafkaTestResource.class),
          new TestResourceEntry(CrashedStorage.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  @Override
  public Map<String, String> start() {
    try {
      Path root = Files.createTempDirectory("copr-crashed-storage-");
      StorageLayout layout = new StorageLayout(root);
      TestBuilds.build(layout, BUILD_ID, COPR, CHROOT, PACKAGE, "1.0");
      Path folder = layout.publishedBuild(COPR, CHROOT, BUILD_ID, PACKAGE);
      Files.createDirectories(folder);
      try (Stream<Path> files = Files.walk(layout.results(BUILD_ID, 1))) {
        for (Path rpm : files.filter(p -> p.toString().endsWith(".rpm")).toList()) {
          Files.createLink(folder.resolve(rpm.getFileName()), rpm);
        }
      }
      new BuildMarker(BUILD_ID, 1, PACKAGE, false).write(folder);
      Path repo = layout.repo(COPR, CHROOT);
      Files.createDirectories(repo.resolve(".repodata"));
      Files.writeString(repo.resolve(".repodata/repomd.xml"), "half written");
      Path staging =
          layout.repos().resolve(".staging").resolve(COPR).resolve(CHROOT).resolve("x-1");
      Files.createDirectories(staging);
      Files.writeString(staging.resolve("half.rpm"), "half copied");
      return Map.of("copr.storage", root.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    // left under the system temp folder for inspection
  }
}
