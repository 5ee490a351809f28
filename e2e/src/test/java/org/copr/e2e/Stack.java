package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.copr.testing.KafkaBroker;
import org.copr.testing.Processes;
import org.copr.testing.Repo;

/**
 * The whole system, started by the project's own {@code dev/stack} on free ports with its own
 * databases, broker and storage, so that it never meets a developer's running stack.
 */
final class Stack implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  final Path root = Repo.root();
  final Path dir;
  final int apiPort = KafkaBroker.freePort();
  final int repoPort = KafkaBroker.freePort();
  final int apiTlsPort = KafkaBroker.freePort();
  final String adminPassword = UUID.randomUUID().toString();
  private final Map<String, String> env = new HashMap<>();

  Stack(Path dir, int workersPerArch) {
    this.dir = dir;
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    env.put("COPR_STACK_DIR", dir.toString());
    env.put("COPR_STORAGE", dir.resolve("storage").toString());
    env.put("COPR_API_PORT", Integer.toString(apiPort));
    env.put("COPR_API_TLS_PORT", Integer.toString(apiTlsPort));
    env.put("COPR_SCHEDULER_PORT", Integer.toString(KafkaBroker.freePort()));
    env.put("COPR_WORKER_PORT", Integer.toString(KafkaBroker.freePort()));
    env.put("COPR_REPO_PORT", Integer.toString(repoPort));
    env.put("COPR_KAFKA_PORT", Integer.toString(KafkaBroker.freePort()));
    env.put("COPR_KAFKA_CONTROLLER_PORT", Integer.toString(KafkaBroker.freePort()));
    env.put("COPR_API_DB", "copr_e2e_api_" + suffix);
    env.put("COPR_SCHEDULER_DB", "copr_e2e_scheduler_" + suffix);
    env.put("COPR_ADMIN_PASSWORD", adminPassword);
    env.put("COPR_WORKERS_PER_ARCH", Integer.toString(workersPerArch));
    env.put("COPR_WORKER_BACKEND", "sandbox");
    // A worker killed and started again under its id is back well within the worker timeout, so
    // that only its new incarnation, not missed heartbeats, can tell the scheduler of the crash.
    env.put("COPR_WORKER_HEARTBEAT_INTERVAL", "1s");
    env.put("COPR_SCHEDULER_WORKER_TIMEOUT", "30s");
  }

  /**
   * Before {@link #up}: api-service takes {@code X-Forwarded-For}/{@code -Proto} from this peer as
   * a reverse proxy's ({@code dev/stack}'s {@code COPR_API_TRUSTED_PROXY}).
   */
  Stack trustingProxy(String address) {
    env.put("COPR_API_TRUSTED_PROXY", address);
    return this;
  }

  String apiUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  /** The API over HTTPS, with the certificate dev/stack made (signed by {@link #caFile()}). */
  String apiTlsUrl() {
    return "https://127.0.0.1:" + apiTlsPort;
  }

  /** The stack's certificate authority, which a client must trust to use {@link #apiTlsUrl()}. */
  Path caFile() {
    return dir.resolve("tls/ca.pem");
  }

  String schedulerUrl() {
    return "http://127.0.0.1:" + env.get("COPR_SCHEDULER_PORT");
  }

  String repoUrl() {
    return "http://127.0.0.1:" + repoPort + "/repos";
  }

  Path storage() {
    return dir.resolve("storage");
  }

  /**
   * Settings for a Kafka client of the stack's broker that logs in as {@code user}, with the
   * password dev/kafka made for it (a service's, or the super user {@code admin}).
   */
  Map<String, Object> kafka(String user) {
    String password;
    try {
      password = Files.readString(dir.resolve("kafka/users").resolve(user)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("no Kafka user " + user + " in the stack", e);
    }
    return Map.of(
        "bootstrap.servers",
        "127.0.0.1:" + env.get("COPR_KAFKA_PORT"),
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        "SCRAM-SHA-512",
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
  }

  /** Starts every part that is not running and waits until all are healthy. */
  void up() {
    stack("up");
  }

  @Override
  public void close() {
    stack("down");
    for (String db : List.of(env.get("COPR_API_DB"), env.get("COPR_SCHEDULER_DB"))) {
      Processes.run(
          root,
          Map.of(),
          List.of(
              "psql",
              "-h",
              "127.0.0.1",
              "-U",
              "postgres",
              "-d",
              "postgres",
              "-qc",
              "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)"));
    }
  }

  /** Kills a service's process at once, as a crash would (names as {@code dev/stack status}). */
  void kill9(String service) {
    try {
      String pid = Files.readString(dir.resolve("run").resolve(service + ".pid")).trim();
      Processes.check(root, Map.of(), List.of("kill", "-9", pid));
      while (Files.exists(Path.of("/proc", pid))) {
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code dev/stack demo} against this stack, with {@code binFirst} ahead of PATH (a folder of
   * wrappers that record how the demo calls its tools).
   */
  Processes.Result demo(Path binFirst) {
    Map<String, String> demoEnv = new HashMap<>(env);
    demoEnv.put("PATH", binFirst + ":" + System.getenv("PATH"));
    return Processes.run(
        root, demoEnv, List.of("bash", "dev/stack", "demo"), java.time.Duration.ofMinutes(10));
  }

  /** Where api-service keeps uploads while it receives them (dev/stack sets it per stack). */
  Path apiUploads() {
    return dir.resolve("uploads/api-service");
  }

  String status() {
    return Processes.run(root, env, List.of("bash", "dev/stack", "status")).output();
  }

  private void stack(String command) {
    Processes.Result r = Processes.run(root, env, List.of("bash", "dev/stack", command));
    if (r.exitCode() != 0) {
      throw new IllegalStateException("dev/stack " + command + " failed:\n" + r.output() + logs());
    }
  }

  String logs() {
    return Processes.run(root, env, List.of("bash", "dev/stack", "logs")).output();
  }

  /** A request to the API, as {@code user} with HTTP Basic when a user is given. */
  HttpResponse<String> api(String method, String path, String body, String user, String password)
      throws IOException, InterruptedException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(apiUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (user != null) {
      String login =
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      req.header("Authorization", "Basic " + login);
    }
    return HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A build as {@code GET /builds/{id}} shows it. */
  JsonNode build(long id) {
    try {
      return JSON.readTree(api("GET", "/builds/" + id, null, null, null).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The build once it ended (no longer pending, starting, running or publishing). */
  JsonNode awaitEnd(long id, Duration atMost) {
    Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> !build(id).get("state").asText().matches("pending|starting|running|publishing"));
    return build(id);
  }

  /** The build once it ended, which must be in {@code state}. */
  JsonNode awaitState(long id, String state, Duration atMost) {
    JsonNode b = awaitEnd(id, atMost);
    assertThat(b.get("state").asText()).as("build %s: %s", id, b).isEqualTo(state);
    return b;
  }

  /** Makes a user account through the API, as the admin. */
  void newUser(String username, String password) throws IOException, InterruptedException {
    HttpResponse<String> created =
        api(
            "POST",
            "/users",
            "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}",
            "admin",
            adminPassword);
    if (created.statusCode() != 201) {
      throw new IllegalStateException("cannot make user " + username + ": " + created.body());
    }
  }

  /** Runs the real {@code copr} command as a user with the given login. */
  Processes.Result copr(String username, String password, String... args) {
    Map<String, String> userEnv = new HashMap<>();
    userEnv.put("COPR_URL", apiUrl());
    if (username != null) {
      userEnv.put("COPR_USERNAME", username);
      userEnv.put("COPR_PASSWORD", password);
    }
    userEnv.put("HOME", dir.resolve("home").toString());
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(root.resolve("cli/target/copr").toString());
    cmd.addAll(List.of(args));
    return Processes.run(dir, userEnv, cmd);
  }
}
