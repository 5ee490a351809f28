package org.copr.api.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.copr.api.build.Build;
import org.copr.api.build.BuildArtifact;
import org.copr.api.build.Submission;
import org.copr.api.copr.RepoUrls;
import org.copr.contracts.StorageLayout;
import org.copr.contracts.rest.BuildState;

/**
 * Submissions as v3 builds and our builds as their build-chroots, read a page at a time: one query
 * for the builds of all the page's submissions and one for their SRPMs.
 */
@ApplicationScoped
public class V3BuildViews {
  private final RepoUrls repoUrls;

  V3BuildViews(RepoUrls repoUrls) {
    this.repoUrls = repoUrls;
  }

  /** The builds of a submission, by chroot name. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Build> chroots(Submission s) {
    return Build.list("submission = ?1 order by chroot", s);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public V3Build build(Submission s) {
    return builds(List.of(s)).get(0);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public List<V3Build> builds(List<Submission> submissions) {
    if (submissions.isEmpty()) {
      return List.of();
    }
    Map<Long, List<Build>> bySubmission = new HashMap<>();
    for (Build b : Build.<Build>list("submission in ?1 order by chroot", submissions)) {
      bySubmission.computeIfAbsent(b.submission.id, id -> new ArrayList<>()).add(b);
    }
    List<Long> succeeded =
        bySubmission.values().stream()
            .flatMap(List::stream)
            .filter(b -> b.state == BuildState.SUCCEEDED)
            .map(b -> b.id)
            .toList();
    Map<Long, String> srpms = new HashMap<>();
    for (BuildArtifact a : BuildArtifact.of(succeeded)) {
      if (a.source()) {
        srpms.putIfAbsent(a.buildId, a.file);
      }
    }
    return submissions.stream()
        .map(s -> view(s, bySubmission.getOrDefault(s.id, List.of()), srpms))
        .toList();
  }

  private V3Build view(Submission s, List<Build> chroots, Map<Long, String> srpms) {
    String srpmUrl =
        chroots.stream()
            .filter(b -> srpms.containsKey(b.id))
            .findFirst()
            .map(b -> resultUrl(b) + srpms.get(b.id))
            .orElse(null);
    boolean allEnded = !chroots.isEmpty() && chroots.stream().allMatch(b -> b.state.ended());
    return new V3Build(
        s.id,
        V3States.build(
            chroots.stream()
                .map(b -> new V3States.Part(b.state, b.cancelRequestedAt != null))
                .toList()),
        s.copr.owner.username,
        s.copr.name,
        s.copr.name,
        repoUrls.copr(s.copr.name),
        new V3Build.SourcePackage(s.pkg.name, s.version.evr(), srpmUrl),
        epoch(s.submittedAt),
        earliest(chroots.stream().map(b -> b.startedAt).toList())
            .map(V3BuildViews::epoch)
            .orElse(null),
        allEnded
            ? latest(chroots.stream().map(b -> b.endedAt).toList())
                .map(V3BuildViews::epoch)
                .orElse(null)
            : null,
        s.submittedBy,
        chroots.stream().map(b -> b.chroot).toList(),
        false);
  }

  public V3BuildChroot chroot(Build b) {
    return new V3BuildChroot(
        b.chroot, V3States.chroot(b.state), epoch(b.startedAt), epoch(b.endedAt), resultUrl(b));
  }

  /** Where repo-worker published the build's files; null until it did. */
  public String resultUrl(Build b) {
    return b.state == BuildState.SUCCEEDED
        ? repoUrls.chroot(b.copr.name, b.chroot)
            + StorageLayout.buildDirName(b.id, b.pkg.name)
            + "/"
        : null;
  }

  private static Optional<Instant> earliest(Collection<Instant> times) {
    return times.stream().filter(Objects::nonNull).min(Comparator.naturalOrder());
  }

  private static Optional<Instant> latest(Collection<Instant> times) {
    return times.stream().filter(Objects::nonNull).max(Comparator.naturalOrder());
  }

  static Long epoch(Instant at) {
    return at == null ? null : at.getEpochSecond();
  }
}
