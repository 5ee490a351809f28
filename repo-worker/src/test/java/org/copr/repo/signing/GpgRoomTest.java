package org.copr.repo.signing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** gpg-agent cannot start in a home whose socket paths pass 107 bytes: refused at start. */
class GpgRoomTest {

  @Test
  void aKeyFolderTooDeepForGpgAgentsSocketsIsRefusedNamingTheSetting() {
    assertThatCode(() -> Gpg.checkRoom(Path.of("/var/lib/copr-keys/.work")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> Gpg.checkRoom(Path.of("/srv/" + "k".repeat(80) + "/.work")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("copr.repo.keys is too deep");
  }
}
