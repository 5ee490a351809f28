package org.copr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Kafka broker for one test JVM, started with the project's own {@code dev/kafka} script on
 * free ports and a fresh data folder. Tests of outages stop it and start it again on the same port.
 */
public final class KafkaBroker {
  private static KafkaBroker shared;

  private final int port;
  private final Map<String, String> env;

  private KafkaBroker(int port, int controllerPort, Path dir) {
    this.port = port;
    this.env =
        Map.of(
            "COPR_KAFKA_PORT", Integer.toString(port),
            "COPR_KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort),
            "COPR_KAFKA_DIR", dir.toString(),
            // One partition: tests that read a topic across keys see it in the order produced.
            "COPR_KAFKA_PARTITIONS", "1");
  }

  /** The JVM's broker, started on first use and stopped when the JVM exits. */
  public static synchronized KafkaBroker shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("copr-kafka-");
        shared = new KafkaBroker(freePort(), freePort(), dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      shared.start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public void start() {
    script("start");
  }

  public void stop() {
    script("stop");
  }

  private void script(String command) {
    Path root = Repo.root();
    Processes.check(root, env, List.of("bash", root.resolve("dev/kafka").toString(), command));
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
