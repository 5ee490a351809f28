package org.copr.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.copr.testing.HostileRpms;
import org.copr.testing.TestRpms;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.RpmTagValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpmFilesTest {
  @TempDir Path dir;

  @Test
  void aRealSrpmPassesAndTheLayoutIsWhereEclipsePackagerFindsTheHeaders() throws IOException {
    Path srpm = TestRpms.srpm(dir, "bounds-probe", "1.2", TestRpms.Options.defaults());

    String name =
        RpmFiles.read(
            srpm,
            (rpm, layout) -> {
              assertThat(layout.signatureStart()).isEqualTo(96);
              assertThat(layout.headerStart()).isEqualTo(rpm.getPayloadHeader().getStart());
              assertThat(layout.headerEnd())
                  .isEqualTo(
                      rpm.getPayloadHeader().getStart() + rpm.getPayloadHeader().getLength());
              assertThat(layout.fileSize()).isEqualTo(Files.size(srpm));
              return new RpmTagValue(rpm.getPayloadHeader().getTagOrDefault(RpmTag.NAME, null))
                  .asString()
                  .orElse(null);
            });

    assertThat(name).isEqualTo("bounds-probe");
  }

  @Test
  void everyHostileHeaderIsRefusedBeforeParsing() throws IOException {
    for (Map.Entry<String, byte[]> hostile : HostileRpms.all().entrySet()) {
      Path file = Files.write(dir.resolve("hostile.rpm"), hostile.getValue());

      assertThatThrownBy(() -> RpmBounds.check(file))
          .as(hostile.getKey())
          .isInstanceOf(DamagedRpmException.class);
      assertThatThrownBy(() -> RpmFiles.read(file, (rpm, layout) -> rpm.getLead()))
          .as(hostile.getKey())
          .isInstanceOf(DamagedRpmException.class);
    }
  }

  @Test
  void theIssuesFileIs112BytesAndNamesWhatItClaims() throws IOException {
    byte[] bytes = HostileRpms.hugeIndexCount();
    Path file = Files.write(dir.resolve("issue-14.src.rpm"), bytes);

    assertThat(bytes).hasSize(112);
    assertThatThrownBy(() -> RpmBounds.check(file))
        .hasMessageContaining("signature header claims 2147483647 entries; at most 65535");
  }

  @Test
  void aRealSrpmCutAnywhereInItsHeadersIsRefused() throws IOException {
    Path srpm = TestRpms.srpm(dir, "cut-probe", "1.0", TestRpms.Options.defaults());
    long headerEnd = RpmBounds.check(srpm).headerEnd();
    byte[] all = Files.readAllBytes(srpm);

    for (int cut = 0; cut < headerEnd; cut += 37) {
      Path part = Files.write(dir.resolve("cut.src.rpm"), Arrays.copyOf(all, cut));
      assertThatThrownBy(() -> RpmBounds.check(part))
          .as("first %d bytes", cut)
          .isInstanceOf(DamagedRpmException.class);
    }
  }

  @Test
  void garbageIsNotAnRpm() throws IOException {
    Path text = Files.writeString(dir.resolve("text.rpm"), "Name: hello\n".repeat(20));

    assertThatThrownBy(() -> RpmBounds.check(text)).hasMessageContaining("not an RPM");
  }
}
