package org.copr.api.build;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import org.copr.contracts.BuildStatus;

/**
 * One package its worker installed into a build's buildroot, and the repository it came from, as
 * listed in the attempt's {@code finished}: the record of what the build was built against.
 */
@Entity
@Table(name = "build_buildroot_entries")
public class BuildrootEntry extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "build_id")
  public long buildId;

  public String name;
  public Integer epoch;
  public String version;
  public String release;
  public String arch;
  public String repo;

  public static List<BuildrootEntry> of(long buildId) {
    return list("buildId = ?1 order by name, id", buildId);
  }

  /** Replaces what an earlier attempt of the build listed. */
  static void record(long buildId, List<BuildStatus.BuildrootPackage> packages) {
    delete("buildId", buildId);
    for (BuildStatus.BuildrootPackage p : packages) {
      BuildrootEntry row = new BuildrootEntry();
      row.buildId = buildId;
      row.name = p.name();
      row.epoch = p.epoch();
      row.version = p.version();
      row.release = p.release();
      row.arch = p.arch();
      row.repo = p.repo();
      row.persist();
    }
  }

  public String nevra() {
    return name + "-" + (epoch == null ? "" : epoch + ":") + version + "-" + release + "." + arch;
  }
}
