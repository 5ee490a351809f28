package org.copr.repo.signing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Signs RPMs and SRPMs with their copr's key: one rpmsign run per build (sha256 digest), against a
 * throwaway gpg home that holds the decrypted key only while it runs.
 */
@ApplicationScoped
public class PackageSigner {
  private static final Logger LOG = Logger.getLogger(PackageSigner.class);

  private final SigningKeys keys;
  private final Timer duration;

  PackageSigner(SigningKeys keys, MeterRegistry registry) {
    this.keys = keys;
    this.duration =
        Timer.builder("copr.repo.sign.duration")
            .description("Signing one build's packages (key decrypted, imported, rpmsign)")
            .publishPercentiles(0.5, 0.95)
            .register(registry);
  }

  /** Why packages could not be signed; they must then not be published. */
  public static final class SigningFailed extends IOException {
    SigningFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Signs the files in place (rpmsign writes each anew, so hard links to them stay unsigned). */
  public String sign(String copr, List<Path> packages) throws SigningFailed {
    if (packages.isEmpty()) {
      return "";
    }
    long started = System.nanoTime();
    SigningKeys.Secret secret;
    try {
      secret = keys.secret(copr);
    } catch (RuntimeException e) {
      throw new SigningFailed("signing failed: no signing key: " + e.getMessage(), e);
    }
    try (Gpg gpg = Gpg.open(keys.workRoot())) {
      gpg.importSecret(secret.armored());
      List<String> command =
          new ArrayList<>(
              List.of(
                  "rpmsign",
                  "--addsign",
                  "--define",
                  "__gpg /usr/bin/gpg",
                  "--define",
                  "_gpg_path " + gpg.home(),
                  "--define",
                  "_gpg_name " + secret.fingerprint(),
                  "--define",
                  "_gpg_digest_algo sha256",
                  // rpm would otherwise open (and create) a database in the home folder
                  "--define",
                  "_dbpath " + gpg.home().resolve("rpmdb")));
      packages.forEach(p -> command.add(p.toString()));
      gpg.run(command, Map.of(), null);
    } catch (IOException | RuntimeException e) {
      throw new SigningFailed("signing failed: " + e.getMessage(), e);
    } finally {
      Arrays.fill(secret.armored(), (byte) 0);
    }
    long nanos = System.nanoTime() - started;
    duration.record(nanos, TimeUnit.NANOSECONDS);
    LOG.debugf(
        "%d packages of %s signed with %s in %d ms",
        packages.size(), copr, secret.fingerprint(), nanos / 1_000_000);
    return secret.fingerprint();
  }
}
