package org.copr.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a build prints reaches a page or a terminal only as plain, bounded text. */
class PrintableTest {

  @Test
  void terminalEscapesAreTakenOutWholeNotLeftAsBrackets() {
    String coloured =
        "\u001b[1;31merror:\u001b[0m Bad exit status"
            + "\u001b]0;owned window title\u0007"
            + "\u009b2J"
            + " (%build)\u001b[2K\u001bc";

    assertThat(Printable.reason(coloured)).isEqualTo("error: Bad exit status (%build)");
  }

  @Test
  void controlBidiAndZeroWidthCharactersGoAndLinesBecomeOne() {
    String tricky = "nothing\u0000 provides\r\nfoo\u202e\u200b\u0008bar\u2028\u0085baz\ud800";

    assertThat(Printable.reason(tricky)).isEqualTo("nothing provides foobar baz");
  }

  @Test
  void markupIsKeptAsTextForTheTemplateToEscape() {
    assertThat(Printable.reason("<script>alert(1)</script> & co"))
        .isEqualTo("<script>alert(1)</script> & co");
  }

  @Test
  void aHugeReasonIsCutToItsBoundWithAMark() {
    String huge = "x".repeat(1_000_000);

    String reason = Printable.reason(huge);

    assertThat(reason).hasSize(Printable.MAX_REASON).endsWith("x…");
  }

  @Test
  void cuttingNeverSplitsACharacter() {
    String emoji = "😀".repeat(Printable.MAX_REASON + 5);

    String reason = Printable.reason(emoji);

    assertThat(reason.codePointCount(0, reason.length())).isEqualTo(Printable.MAX_REASON);
    assertThat(reason).endsWith("😀…");
  }

  @Test
  void aLogLineKeepsItsTabsAndLosesItsEscapes() {
    assertThat(Printable.line("\tgcc is needed by x\u001b[0m\u0007", 100))
        .isEqualTo("\tgcc is needed by x");
    assertThat(Printable.line("abcdef", 4)).isEqualTo("abc…");
  }

  @Test
  void logLinesKeepTheirBreaks() {
    assertThat(Printable.lines("one\u001b[31m\r\n\ttwo\u0007\n\nthree\n"))
        .isEqualTo("one\n\ttwo\n\nthree\n");
  }

  @Test
  void noReasonStaysNone() {
    assertThat(Printable.reason(null)).isNull();
  }
}
