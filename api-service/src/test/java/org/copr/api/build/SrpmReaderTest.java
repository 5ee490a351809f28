package org.copr.api.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.copr.api.Rpms;
import org.copr.api.error.ApiException;
import org.copr.testing.HostileRpms;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.Test;

class SrpmReaderTest {

  private static SrpmReader.Srpm read(Path file) throws IOException {
    return SrpmReader.read(file, Files.size(file));
  }

  @Test
  void readsTheIdentityOfARealSrpmFromItsHeader() throws IOException {
    Path srpm = Rpms.srpm("reader-probe", "2.5", TestRpms.Options.defaults().release("3"));
    Path renamed = Files.move(srpm, srpm.resolveSibling("something-else-9-9.src.rpm"));

    SrpmReader.Srpm s = read(renamed);

    assertThat(s)
        .isEqualTo(
            new SrpmReader.Srpm(
                "reader-probe", 0, "2.5", "3", "reader-probe test package for Copr", "MIT"));
  }

  @Test
  void readsTheEpoch() throws IOException {
    String spec =
        TestRpms.spec("epoch-probe", "1.0", TestRpms.Options.defaults())
            .replace("License: MIT", "License: MIT\nEpoch: 4");
    Path srpm =
        TestRpms.srpmFromSpec(Files.createTempDirectory("copr-epoch-"), "epoch-probe", spec);

    assertThat(read(srpm).epoch()).isEqualTo(4);
  }

  @Test
  void refusesABinaryRpm() {
    Path rpm = Rpms.binaryRpm("binary-probe", "1.0");
    assertThatThrownBy(() -> read(rpm))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("binary RPM");
  }

  @Test
  void refusesEmptyGarbageAndTruncatedFiles() {
    Path srpm = Rpms.srpm("cut-probe", "1.0");
    Path empty = Rpms.write("empty.src.rpm", new byte[0]);
    Path garbage =
        Rpms.write(
            "garbage.src.rpm",
            "this is not an rpm at all\n".repeat(50).getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> read(empty)).hasMessageContaining("empty");
    assertThatThrownBy(() -> read(garbage)).hasMessageContaining("not an RPM");
    for (int bytes : new int[] {50, 200, 1000, sizeOf(srpm) - 10}) {
      assertThatThrownBy(() -> read(Rpms.truncated(srpm, bytes)))
          .as("first %d bytes", bytes)
          .isInstanceOf(ApiException.class)
          .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(422));
    }
  }

  @Test
  void refusesHeadersThatClaimMoreThanTheFileHolds() {
    HostileRpms.all()
        .forEach(
            (what, bytes) ->
                assertThatThrownBy(() -> read(Rpms.write("hostile.src.rpm", bytes)))
                    .as(what)
                    .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(422))
                    .hasMessageStartingWith("not an RPM package, or a damaged one: "));
  }

  private static int sizeOf(Path p) {
    try {
      return (int) Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
