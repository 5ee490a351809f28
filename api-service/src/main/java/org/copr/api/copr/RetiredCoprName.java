package org.copr.api.copr;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.copr.api.user.User;

/**
 * The name of a deleted copr, kept for its former owner: .repo files on users' machines still name
 * it ({@code baseurl}, {@code gpgkey}), so a stranger's copr of that name would serve them its
 * packages and key.
 */
@Entity
@Table(name = "retired_copr_names")
public class RetiredCoprName extends PanacheEntityBase {
  @Id public String name;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "owner_id")
  public User owner;

  @Column(name = "retired_at")
  public Instant retiredAt;

  static Optional<RetiredCoprName> locked(String name) {
    return findByIdOptional(name, LockModeType.PESSIMISTIC_WRITE);
  }
}
