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
import java.util.Optional;
import org.copr.api.copr.Copr;

/** A package of one copr: roughly an SRPM name, independent of release and architecture. */
@Entity
@Table(name = "packages")
public class CoprPackage extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "copr_id")
  public Copr copr;

  public String name;

  /** Summary and license of the newest upload. */
  public String summary;

  public String license;

  @Column(name = "created_at")
  public Instant createdAt;

  public static Optional<CoprPackage> find(Copr copr, String name) {
    return find("copr = ?1 and name = ?2", copr, name).firstResultOptional();
  }
}
