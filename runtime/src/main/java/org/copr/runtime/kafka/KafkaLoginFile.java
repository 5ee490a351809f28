package org.copr.runtime.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The service's Kafka login ({@code kafka.sasl.jaas.config}) read from the file that {@code
 * COPR_KAFKA_LOGIN_FILE} names: in k8s its KafkaUser's Secret, mounted readable by the service's
 * uid alone, so the password is in no process's environment that a build could read.
 */
public final class KafkaLoginFile implements ConfigSource {
  static final String FILE_VARIABLE = "COPR_KAFKA_LOGIN_FILE";
  static final String PROPERTY = "kafka.sasl.jaas.config";
  private static final long MAX_SIZE = 64 * 1024;

  private final Map<String, String> properties;

  public KafkaLoginFile() {
    this(System.getenv(FILE_VARIABLE));
  }

  KafkaLoginFile(String file) {
    properties = file == null || file.isBlank() ? Map.of() : Map.of(PROPERTY, read(Path.of(file)));
  }

  private static String read(Path file) {
    try {
      if (Files.size(file) > MAX_SIZE) {
        throw new IllegalStateException(FILE_VARIABLE + ": " + file + " is over 64 KiB");
      }
      return Files.readString(file).strip();
    } catch (IOException e) {
      // The message names the file, never its content.
      throw new UncheckedIOException(FILE_VARIABLE + ": cannot read " + file, e);
    }
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String name) {
    return properties.get(name);
  }

  @Override
  public String getName() {
    return "copr-kafka-login-file";
  }

  /** Above application.properties (250), below the environment (300). */
  @Override
  public int getOrdinal() {
    return 290;
  }
}
