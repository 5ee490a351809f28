package org.copr.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.copr.testing.TestClock;
import org.junit.jupiter.api.Test;

class VerifiedLoginsTest {
  private static final String HASH = "$2a$10$hash-of-the-current-password";

  private final TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final VerifiedLogins logins = new VerifiedLogins(Duration.ofMinutes(5), clock);

  @Test
  void acceptsOnlyTheVerifiedPasswordOfThatUser() {
    logins.remember("alice", "right-password".toCharArray(), HASH);

    assertThat(logins.verified("alice", "right-password".toCharArray(), HASH)).isTrue();
    assertThat(logins.verified("alice", "wrong-password".toCharArray(), HASH)).isFalse();
    assertThat(logins.verified("alice", "right-passwor".toCharArray(), HASH)).isFalse();
    assertThat(logins.verified("bob", "right-password".toCharArray(), HASH)).isFalse();
  }

  @Test
  void aChangedHashEndsTheEntryAtOnce() {
    logins.remember("alice", "old-password".toCharArray(), HASH);

    assertThat(logins.verified("alice", "old-password".toCharArray(), "$2a$10$new")).isFalse();
    // even if the row went back, the entry is gone: bcrypt decides again
    assertThat(logins.verified("alice", "old-password".toCharArray(), HASH)).isFalse();
  }

  @Test
  void forgetsAfterTheTtl() {
    logins.remember("alice", "pw-12345".toCharArray(), HASH);
    clock.advance(Duration.ofMinutes(5).minusNanos(1));
    assertThat(logins.verified("alice", "pw-12345".toCharArray(), HASH)).isTrue();
    clock.advance(Duration.ofNanos(1));
    assertThat(logins.verified("alice", "pw-12345".toCharArray(), HASH)).isFalse();
  }

  @Test
  void aZeroTtlRemembersNothing() {
    VerifiedLogins off = new VerifiedLogins(Duration.ZERO, clock);
    off.remember("alice", "pw-12345".toCharArray(), HASH);
    assertThat(off.verified("alice", "pw-12345".toCharArray(), HASH)).isFalse();
  }

  @Test
  void keepsAtMostMaxEntriesDroppingTheLeastRecentlyUsed() {
    for (int i = 0; i <= VerifiedLogins.MAX_ENTRIES; i++) {
      logins.remember("user" + i, "pw".toCharArray(), HASH);
    }
    assertThat(logins.verified("user0", "pw".toCharArray(), HASH)).isFalse();
    assertThat(logins.verified("user" + VerifiedLogins.MAX_ENTRIES, "pw".toCharArray(), HASH))
        .isTrue();
  }
}
