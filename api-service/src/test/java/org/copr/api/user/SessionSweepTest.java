package org.copr.api.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.newUser;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expired web sessions are deleted for every user, by a scheduled sweep, and live ones stay. */
@QuarkusTest
class SessionSweepTest {
  private static final Duration TTL = Duration.ofHours(12);

  @Inject SessionSweep sweep;
  @Inject Scheduler scheduler;

  @Test
  void theSweepDeletesEveryUsersExpiredSessionsAndNoLiveOne() {
    String amy = newUser("sweep-amy");
    String bob = newUser("sweep-bob");
    Instant now = Instant.now();
    Instant thirteenHoursAgo = now.minus(Duration.ofHours(13));
    // Neither logs in again, which would delete only that user's own expired sessions.
    List<WebSession.Opened> opened =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  User a = User.byName(amy).orElseThrow();
                  User b = User.byName(bob).orElseThrow();
                  WebSession.Opened live = WebSession.open(b, now, TTL);
                  return List.of(
                      WebSession.open(a, thirteenHoursAgo, TTL),
                      WebSession.open(b, thirteenHoursAgo, TTL),
                      live);
                });
    WebSession.Opened live = opened.get(2);

    assertThat(sweep.sweep(now)).isGreaterThanOrEqualTo(2);

    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              assertThat((Object) WebSession.findById(opened.get(0).id())).isNull();
              assertThat((Object) WebSession.findById(opened.get(1).id())).isNull();
              assertThat((Object) WebSession.findById(live.id())).isNotNull();
            });
    // the live session still logs its browser in
    assertThat(anonymous().cookie("copr_session", live.token()).get("/").body().asString())
        .contains("id=\"who\">" + bob);
    // and a second sweep finds nothing of these to delete
    assertThat(sweep.sweep(now)).isZero();
  }

  @Test
  void theSweepRunsOnASchedule() {
    assertThat(scheduler.getScheduledJobs())
        .anySatisfy(
            job ->
                assertThat(job.getMethodDescription())
                    .isEqualTo(SessionSweep.class.getName() + "#tick"));
  }
}
