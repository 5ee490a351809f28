package org.copr.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Renders a kustomization the way operators do: {@code kubectl kustomize <dir>}. */
final class Kustomize {

  private static final YAMLMapper YAML = new YAMLMapper();

  private Kustomize() {}

  static Path k8sRoot() {
    return Path.of(System.getProperty("testing.repo.root", ".."))
        .toAbsolutePath()
        .normalize()
        .resolve("k8s");
  }

  static List<Path> overlays() throws IOException {
    try (Stream<Path> dirs = Files.list(k8sRoot().resolve("overlays"))) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  static List<Manifest> render(Path kustomization) throws IOException, InterruptedException {
    Path err = Files.createTempFile("kustomize", ".err");
    try {
      Process kubectl =
          new ProcessBuilder(kubectl(), "kustomize", kustomization.toString())
              .redirectError(err.toFile())
              .start();
      byte[] out = kubectl.getInputStream().readAllBytes();
      if (!kubectl.waitFor(2, TimeUnit.MINUTES) || kubectl.exitValue() != 0) {
        throw new IllegalStateException(
            "kubectl kustomize " + kustomization + " failed: " + Files.readString(err));
      }
      List<Manifest> manifests = new ArrayList<>();
      try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(out)) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          if (doc != null && !doc.isEmpty()) {
            manifests.add(new Manifest(doc));
          }
        }
      }
      return manifests;
    } finally {
      Files.deleteIfExists(err);
    }
  }

  static String kubectl() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin");
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException("kubectl is not on the PATH: dev/setup installs it");
  }
}
