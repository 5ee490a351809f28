package org.copr.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.copr.contracts.StorageLayout;
import org.copr.testing.KafkaBroker;
import org.copr.testing.PostgresTestResource;
import org.copr.testing.Processes;
import org.copr.testing.Repo;

/**
 * The real api-service, started from its runner jar as a subprocess on a free port, with a fresh
 * PostgreSQL database, the JVM's Kafka broker, its own storage folder and an admin login. One per
 * test JVM, stopped (and its database dropped) when the JVM exits.
 */
public final class ApiServiceProcess {
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "admin-secret-1";

  private static ApiServiceProcess shared;
  private static RuntimeException failure;

  private final String url;
  private final Path storage;
  private final Path log;
  private final Process process;
  private final PostgresTestResource database;

  private ApiServiceProcess() throws IOException {
    Path root = Repo.root();
    Path app = root.resolve("api-service/target/quarkus-app");
    if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
      Processes.check(
          root,
          Map.of(),
          List.of(
              root.resolve("mvnw").toString(),
              "-q",
              "-pl",
              "api-service",
              "package",
              "-DskipTests"));
    }
    // A private copy: a rebuild of api-service while the tests run must not pull the jar away.
    Path copy = Files.createTempDirectory("copr-api-service-");
    Processes.check(root, Map.of(), List.of("cp", "-a", app.toString(), copy.toString()));
    Path jar = copy.resolve("quarkus-app/quarkus-run.jar");
    database = new PostgresTestResource();
    String jdbcUrl = database.start().get("quarkus.datasource.jdbc.url");
    int port = KafkaBroker.freePort();
    url = "http://127.0.0.1:" + port;
    storage = Files.createTempDirectory("copr-cli-storage-");
    log = Files.createTempFile("copr-api-service-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder("java", "-jar", jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment()
        .putAll(
            Map.of(
                "QUARKUS_HTTP_PORT",
                Integer.toString(port),
                "QUARKUS_HTTP_HOST",
                "127.0.0.1",
                "QUARKUS_DATASOURCE_JDBC_URL",
                jdbcUrl,
                "KAFKA_BOOTSTRAP_SERVERS",
                KafkaBroker.shared().bootstrapServers(),
                "COPR_API_STORAGE",
                storage.toString(),
                "COPR_API_ADMIN_PASSWORD",
                ADMIN_PASSWORD,
                "KAFKA_SASL_JAAS_CONFIG",
                KafkaBroker.shared().jaas("api-service")));
    process = pb.start();
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    try {
      awaitReady();
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /** The JVM's api-service, started on first use. */
  public static synchronized ApiServiceProcess shared() {
    if (failure != null) {
      throw failure; // the same reason for every test, without waiting again
    }
    if (shared == null) {
      try {
        shared = new ApiServiceProcess();
      } catch (IOException e) {
        failure = new UncheckedIOException(e);
      } catch (RuntimeException e) {
        failure = e;
      }
      if (failure != null) {
        throw failure;
      }
    }
    return shared;
  }

  public String url() {
    return url;
  }

  public String bootstrapServers() {
    return KafkaBroker.shared().bootstrapServers();
  }

  public StorageLayout storage() {
    return new StorageLayout(storage);
  }

  public CoprClient admin() {
    return new CoprClient(url, ADMIN, ADMIN_PASSWORD);
  }

  /** A new user with a login; {@code name} gets a suffix so that tests never collide. */
  public static String uniqueName(String name) {
    return name + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "api-service exited " + process.exitValue() + ":\n" + logText());
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep();
    }
    throw new IllegalStateException("api-service not ready within 300 s:\n" + logText());
  }

  private String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    database.stop();
  }
}
