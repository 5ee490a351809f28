package org.copr.api.build;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.List;
import org.copr.contracts.BuildStatus;

/**
 * One file a build made (an RPM or its SRPM), with the NEVRA from its header, as the worker listed
 * it in its successful {@code finished}: recorded then, so the build's packages can be named once
 * it is published.
 */
@Entity
@Table(name = "build_artifacts")
public class BuildArtifact extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "build_id")
  public long buildId;

  public String file;
  public String name;
  public Integer epoch;
  public String version;
  public String release;
  public String arch;

  public boolean source() {
    return file.endsWith(".src.rpm");
  }

  /** The files of these builds, in the order of their build ids and names. */
  public static List<BuildArtifact> of(Collection<Long> buildIds) {
    return buildIds.isEmpty() ? List.of() : list("buildId in ?1 order by buildId, file", buildIds);
  }

  /** Replaces what an earlier attempt of the build listed. */
  static void record(long buildId, List<BuildStatus.Artifact> artifacts) {
    delete("buildId", buildId);
    for (BuildStatus.Artifact a : artifacts) {
      BuildArtifact row = new BuildArtifact();
      row.buildId = buildId;
      row.file = a.file();
      row.name = a.name();
      row.epoch = a.epoch();
      row.version = a.version();
      row.release = a.release();
      row.arch = a.arch();
      row.persist();
    }
  }
}
