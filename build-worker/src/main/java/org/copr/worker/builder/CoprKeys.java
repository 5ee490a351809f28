package org.copr.worker.builder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The public key of the copr a build repository belongs to: repo-worker publishes it as {@code
 * <base>/<copr>/pubkey.gpg} beside the copr's repositories {@code <base>/<copr>/<chroot>/}. Fetched
 * without redirects, bounded to 64 KiB, and used only as data (rpmkeys imports it in the sandbox).
 */
final class CoprKeys {
  private static final int MAX = 64 * 1024;
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private CoprKeys() {}

  /** {@code <base>/<copr>/pubkey.gpg} for {@code <base>/<copr>/<chroot>/}; empty when not so. */
  static Optional<String> keyUrl(String repoUrl) {
    URI uri;
    try {
      uri = URI.create(repoUrl);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (uri.getRawPath() == null || uri.getRawAuthority() == null) {
      return Optional.empty();
    }
    List<String> segments =
        Arrays.stream(uri.getRawPath().split("/")).filter(s -> !s.isEmpty()).toList();
    if (segments.size() < 2) {
      return Optional.empty();
    }
    String copr = String.join("/", segments.subList(0, segments.size() - 1));
    return Optional.of(
        uri.getScheme() + "://" + uri.getRawAuthority() + "/" + copr + "/pubkey.gpg");
  }

  static Optional<byte[]> fetch(String repoUrl) throws InterruptedException {
    Optional<String> url = keyUrl(repoUrl);
    if (url.isEmpty()) {
      return Optional.empty();
    }
    try {
      HttpResponse<InputStream> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url.get()))
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          return Optional.empty();
        }
        byte[] key = in.readNBytes(MAX + 1);
        String text = new String(key, StandardCharsets.US_ASCII);
        if (key.length > MAX || !text.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
          return Optional.empty();
        }
        return Optional.of(key);
      }
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
