package org.copr.api.copr;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.copr.api.user.User;

/** A user's request for a permission on a copr, until a manager grants it or the user drops it. */
@Entity
@Table(name = "copr_permission_requests")
public class CoprPermissionRequest extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "copr_id")
  public Copr copr;

  @ManyToOne(optional = false)
  @JoinColumn(name = "user_id")
  public User user;

  @Column(name = "permission")
  @Convert(converter = CoprPermission.LevelColumn.class)
  public CoprPermission.Level permission;

  @Column(name = "requested_at")
  public Instant requestedAt;

  public static List<CoprPermissionRequest> of(Copr copr) {
    return list("copr = ?1 order by id", copr);
  }
}
