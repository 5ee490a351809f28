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
import org.copr.api.copr.Copr;

/**
 * One request that built a package version in several chroots: one {@link Build} per chroot. API v3
 * (Fedora Copr's) shows it as one build with a build-chroot per build.
 */
@Entity
@Table(name = "submissions")
public class Submission extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "copr_id")
  public Copr copr;

  @ManyToOne(optional = false)
  @JoinColumn(name = "package_id")
  public CoprPackage pkg;

  @ManyToOne(optional = false)
  @JoinColumn(name = "version_id")
  public PackageVersion version;

  @Column(name = "submitted_by")
  public String submittedBy;

  @Column(name = "submitted_at")
  public Instant submittedAt;

  /** Its batch, once a build request named it (after_build_id, with_build_id); else null. */
  @ManyToOne
  @JoinColumn(name = "batch_id")
  public Batch batch;
}
