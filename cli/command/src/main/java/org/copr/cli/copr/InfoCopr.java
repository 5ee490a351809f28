package org.copr.cli.copr;

import java.util.Locale;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.OutputOptions;
import org.copr.client.Copr;
import org.copr.client.CoprException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "info-copr", description = "get information about a specific Copr")
public class InfoCopr extends CoprSubcommand {
  @Parameters(paramLabel = "COPR", description = "the copr's name")
  String copr;

  @Mixin OutputOptions format;

  @Override
  public Integer call() {
    Copr info = client().coprInfo(copr);
    int exit = show(info, format);
    if (!format.json() && info.gpgFingerprint() != null) {
      howToCheck(info);
    }
    return exit;
  }

  /**
   * How a user makes sure the key dnf imports is this one: gpg on the key the repository file names
   * ({@code gpgkey=}), and rpm's name for it once imported (the fingerprint's last eight hex
   * digits).
   */
  private void howToCheck(Copr info) {
    String fingerprint = info.gpgFingerprint().replace(" ", "");
    String keyUrl = keyUrl(info);
    output().line("");
    output().line("Check the key dnf imports against this fingerprint:");
    output()
        .line(
            "  curl -fsSL "
                + (keyUrl == null ? "<the gpgkey= URL of the .repo file>" : keyUrl)
                + " | gpg --show-keys --with-fingerprint");
    output()
        .line(
            "  rpm -qi gpg-pubkey-"
                + fingerprint
                    .substring(Math.max(0, fingerprint.length() - 8))
                    .toLowerCase(Locale.ROOT)
                + "   (once dnf imported it)");
  }

  private String keyUrl(Copr info) {
    if (info.releases() == null || info.releases().isEmpty()) {
      return null;
    }
    try {
      return client()
          .repoFile(info.name(), info.releases().get(0))
          .lines()
          .filter(l -> l.startsWith("gpgkey="))
          .map(l -> l.substring("gpgkey=".length()).trim())
          .findFirst()
          .orElse(null);
    } catch (CoprException e) {
      return null;
    }
  }
}
