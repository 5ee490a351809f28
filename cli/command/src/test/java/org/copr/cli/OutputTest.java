package org.copr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the CLI prints of a reason cannot drive the user's terminal, whatever a server sent. */
class OutputTest {

  @Test
  void aReasonIsPrintedWithoutEscapesControlCharactersOrLineBreaks() {
    assertThat(
            Output.reason("\u001b[31m%build failed\u001b[0m\u001b]0;owned\u0007\r\nforged\u0008"))
        .isEqualTo("%build failed forged");
    assertThat(Output.reason(null)).isEqualTo("-");
  }
}
