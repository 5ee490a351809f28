package org.copr.k8s;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The repository the manifests deploy: its service modules and what each reads. */
final class Project {

  static final Path ROOT = Kustomize.k8sRoot().getParent();

  /** The service modules, which are also the images' names (copr/<service>). */
  static final List<String> SERVICES =
      List.of("api-service", "scheduler-service", "build-worker", "repo-worker");

  private static final Map<String, ServiceConfig> CONFIGS = new ConcurrentHashMap<>();

  private Project() {}

  static ServiceConfig config(String service) {
    return CONFIGS.computeIfAbsent(service, s -> ServiceConfig.of(ROOT.resolve(s)));
  }
}
