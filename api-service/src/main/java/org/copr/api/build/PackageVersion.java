package org.copr.api.build;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** One uploaded SRPM of a package: its epoch, version and release, and where the file is. */
@Entity
@Table(name = "package_versions")
public class PackageVersion extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "package_id")
  public CoprPackage pkg;

  public int epoch;
  public String version;
  public String release;

  /** Relative to the storage root. */
  @Column(name = "srpm_path")
  public String srpmPath;

  @Column(name = "srpm_sha256")
  public String srpmSha256;

  @Column(name = "srpm_size")
  public long srpmSize;

  @Column(name = "uploaded_by")
  public String uploadedBy;

  @Column(name = "uploaded_at")
  public Instant uploadedAt;

  /** {@code [epoch:]version-release}, as rpm prints it. */
  public String evr() {
    return (epoch == 0 ? "" : epoch + ":") + version + "-" + release;
  }
}
