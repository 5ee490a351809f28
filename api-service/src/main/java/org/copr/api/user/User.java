package org.copr.api.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** A login. {@link Logins} checks passwords against these rows. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {
  public static final String ROLE_USER = "user";
  public static final String ROLE_ADMIN = "admin";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String username;

  @Column(name = "password_hash")
  public String passwordHash;

  /** Comma-separated: {@code user}, plus {@code admin} for site administrators. */
  public String roles;

  @Column(name = "created_at")
  public Instant createdAt;

  /** A disabled user cannot log in, by password or by web session, until re-enabled. */
  public boolean disabled;

  public static User create(String username, String password, boolean admin) {
    User u = new User();
    u.username = username;
    u.passwordHash = BcryptUtil.bcryptHash(password);
    u.roles = admin ? ROLE_USER + "," + ROLE_ADMIN : ROLE_USER;
    u.createdAt = Instant.now();
    u.persist();
    return u;
  }

  public static Optional<User> byName(String username) {
    return find("username", username).firstResultOptional();
  }

  public boolean admin() {
    return roleSet().contains(ROLE_ADMIN);
  }

  public Set<String> roleSet() {
    return Set.copyOf(Arrays.asList(roles.split(",")));
  }
}
