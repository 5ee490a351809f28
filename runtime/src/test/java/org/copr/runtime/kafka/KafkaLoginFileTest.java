package org.copr.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaLoginFileTest {
  @TempDir Path dir;

  @Test
  void theLoginIsTheFilesContentWithoutItsLineEnd() throws Exception {
    Path file = dir.resolve("sasl.jaas.config");
    Files.writeString(file, "ScramLoginModule required username=\"worker.a\" password=\"s\";\n");

    var source = new KafkaLoginFile(file.toString());

    assertThat(source.getValue(KafkaLoginFile.PROPERTY))
        .isEqualTo("ScramLoginModule required username=\"worker.a\" password=\"s\";");
    assertThat(source.getPropertyNames()).containsExactly(KafkaLoginFile.PROPERTY);
  }

  @Test
  void withoutTheVariableItSaysNothing() {
    assertThat(new KafkaLoginFile(null).getPropertyNames()).isEmpty();
    assertThat(new KafkaLoginFile("").getValue(KafkaLoginFile.PROPERTY)).isNull();
  }

  @Test
  void anUnreadableOrHugeFileStopsTheServiceNamingTheFileNotItsContent() throws Exception {
    assertThatThrownBy(() -> new KafkaLoginFile(dir.resolve("missing").toString()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("missing");
    Path huge = dir.resolve("huge");
    Files.writeString(huge, "password=\"secret\"" + "x".repeat(70_000));
    assertThatThrownBy(() -> new KafkaLoginFile(huge.toString()))
        .hasMessageContaining("over 64 KiB")
        .hasMessageNotContaining("secret");
  }
}
