package org.copr.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedLoginsTest {
  private final AtomicLong now = new AtomicLong();
  private final VerifiedLogins logins = new VerifiedLogins(Duration.ofMinutes(5), now::get);

  @Test
  void acceptsOnlyTheVerifiedPasswordOfThatUser() {
    logins.remember("alice", "right-password".toCharArray(), Set.of("user"));

    assertThat(logins.roles("alice", "right-password".toCharArray())).contains(Set.of("user"));
    assertThat(logins.roles("alice", "wrong-password".toCharArray())).isEmpty();
    assertThat(logins.roles("alice", "right-passwor".toCharArray())).isEmpty();
    assertThat(logins.roles("bob", "right-password".toCharArray())).isEmpty();
  }

  @Test
  void forgetsAfterTheTtl() {
    logins.remember("alice", "pw-12345".toCharArray(), Set.of("user", "admin"));
    now.addAndGet(Duration.ofMinutes(5).toNanos() - 1);
    assertThat(logins.roles("alice", "pw-12345".toCharArray())).contains(Set.of("user", "admin"));
    now.addAndGet(1);
    assertThat(logins.roles("alice", "pw-12345".toCharArray())).isEmpty();
  }

  @Test
  void aZeroTtlRemembersNothing() {
    VerifiedLogins off = new VerifiedLogins(Duration.ZERO, now::get);
    off.remember("alice", "pw-12345".toCharArray(), Set.of("user"));
    assertThat(off.roles("alice", "pw-12345".toCharArray())).isEmpty();
  }

  @Test
  void keepsAtMostMaxEntriesDroppingTheLeastRecentlyUsed() {
    for (int i = 0; i <= VerifiedLogins.MAX_ENTRIES; i++) {
      logins.remember("user" + i, "pw".toCharArray(), Set.of("user"));
    }
    assertThat(logins.roles("user0", "pw".toCharArray())).isEmpty();
    assertThat(logins.roles("user" + VerifiedLogins.MAX_ENTRIES, "pw".toCharArray())).isPresent();
  }
}
