package org.copr.api.v3;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.copr.api.build.Build;
import org.copr.api.build.BuildService;
import org.copr.api.build.Submission;
import org.copr.api.error.ApiException;
import org.copr.api.user.Caller;
import org.copr.api.user.User;
import org.copr.contracts.CoprEvent;
import org.copr.runtime.outbox.Outbox;
import org.jboss.logging.Logger;

/**
 * Deletes v3 builds: a submission's builds and their folders in the repositories. Only a finished
 * or canceled build is deleted (as Fedora refuses one in progress). A cancel is confirmed by the
 * scheduler or worker moments after it is asked for, but Fedora's clients see the build canceled at
 * once (copr-cli cancel then delete-build), so a build whose every unfinished chroot is being
 * canceled is deleted as a package delete does it: the cancel is announced again and the rows go.
 * The package and its versions stay, so do their SRPMs.
 */
@ApplicationScoped
public class V3BuildDeletion {
  private static final Logger LOG = Logger.getLogger(V3BuildDeletion.class);

  private final V3BuildViews views;
  private final Caller caller;
  private final Outbox outbox;
  private final BuildService builds;

  V3BuildDeletion(V3BuildViews views, Caller caller, Outbox outbox, BuildService builds) {
    this.views = views;
    this.caller = caller;
    this.outbox = outbox;
    this.builds = builds;
  }

  /** {@code {"builds": [ids]}}, the body and the answer of {@code /build/delete/list}. */
  @RegisterForReflection
  public record Ids(List<Long> builds) {}

  /** The build as it was before. */
  @Transactional
  public V3Build delete(long id) {
    Submission s = V3BuildService.require(id);
    V3Build before = views.build(s);
    remove(caller.require(), s);
    return before;
  }

  /** All or none: the first build that cannot be deleted refuses the whole list. */
  @Transactional
  public Ids delete(Ids ids) {
    if (ids.builds() == null || ids.builds().isEmpty()) {
      throw ApiException.badRequest("Bad request parameters: builds: name at least one build id");
    }
    User user = caller.require();
    for (Long id : ids.builds().stream().distinct().toList()) {
      if (id == null) {
        throw ApiException.badRequest("Bad request parameters: builds: null is no build id");
      }
      remove(user, V3BuildService.require(id));
    }
    return ids;
  }

  private void remove(User user, Submission s) {
    if (!s.copr.canManage(user)
        && !(s.copr.canBuild(user) && user.username.equals(s.submittedBy))) {
      throw ApiException.forbidden("You are not allowed to delete build " + s.id + ".");
    }
    List<Build> chroots = views.chroots(s);
    List<Build> unfinished = chroots.stream().filter(b -> !b.state.ended()).toList();
    if (unfinished.stream().anyMatch(b -> b.cancelRequestedAt == null)) {
      throw ApiException.conflict(
          "You can not delete build " + s.id + " which is not finished; cancel it first.");
    }
    builds.cancelBeforeDelete(
        unfinished.stream().map(b -> b.id).toList(), "build " + s.id + " deleted");
    List<Long> buildIds = chroots.stream().map(b -> b.id).toList();
    if (!buildIds.isEmpty()) {
      outbox.copr(new CoprEvent.BuildsDeleted(s.copr.name, s.pkg.name, buildIds));
    }
    // As entities, not a bulk delete: the session holds these builds, which name the submission.
    chroots.forEach(Build::delete);
    s.delete();
    LOG.infof(
        "copr %s: build %d (%s %s, builds %s) deleted by %s",
        s.copr.name, s.id, s.pkg.name, s.version.evr(), buildIds, user.username);
  }
}
