package org.copr.api.copr;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.copr.api.Limits;
import org.copr.api.user.User;
import org.copr.contracts.Chroot;

/** A user's group of repositories: one per chroot, i.e. per release times arch. */
@Entity
@Table(name = "coprs")
public class Copr extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String name;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "owner_id")
  public User owner;

  public String description;

  /** Shown to API v3 clients (copr-cli, Packit), which set and compare them. */
  public String homepage;

  public String contact;

  public String instructions = "";

  /** Left out of the home page's list of coprs (still found by searching and by its owner). */
  @Column(name = "unlisted_on_hp")
  public boolean unlistedOnHp;

  /** Seconds a build of this copr may run unless its request asks for another timeout. */
  public int timeout = Limits.DEFAULT_BUILD_TIMEOUT;

  @ElementCollection
  @CollectionTable(name = "copr_releases", joinColumns = @JoinColumn(name = "copr_id"))
  @Column(name = "release")
  public Set<String> releases = new HashSet<>();

  @ElementCollection
  @CollectionTable(name = "copr_arches", joinColumns = @JoinColumn(name = "copr_id"))
  @Column(name = "arch")
  public Set<String> arches = new HashSet<>();

  /** Coprs whose repositories are added to this copr's buildroots. */
  @ManyToMany
  @JoinTable(
      name = "copr_dependencies",
      joinColumns = @JoinColumn(name = "copr_id"),
      inverseJoinColumns = @JoinColumn(name = "dependency_id"))
  public Set<Copr> dependencies = new HashSet<>();

  @OneToMany(mappedBy = "copr", cascade = CascadeType.ALL, orphanRemoval = true)
  public List<CoprPermission> permissions = new ArrayList<>();

  @Column(name = "created_at")
  public Instant createdAt;

  /** The OpenPGP fingerprint of the key repo-worker signs this copr's packages with, once known. */
  @Column(name = "signing_key_fingerprint")
  public String signingKeyFingerprint;

  @Column(name = "signing_key_expires_at")
  public Instant signingKeyExpiresAt;

  public static Optional<Copr> byName(String name) {
    return find("name", name).firstResultOptional();
  }

  /** Every release some copr has. */
  public static List<String> releasesInUse() {
    return getEntityManager()
        .createQuery("select distinct r from Copr c join c.releases r order by r", String.class)
        .getResultList();
  }

  /** Every {@code <release>-<arch>} of this copr, sorted. */
  public SortedSet<String> chroots() {
    SortedSet<String> chroots = new TreeSet<>();
    for (String release : releases) {
      for (String arch : arches) {
        chroots.add(new Chroot(release, arch).name());
      }
    }
    return chroots;
  }

  public Optional<CoprPermission> permissionOf(User user) {
    return permissions.stream().filter(p -> p.user.id.equals(user.id)).findFirst();
  }

  /** Owner and site admins delete the copr and grant or take back {@code admin}. */
  public boolean isOwnedBy(User user) {
    return owner.id.equals(user.id) || user.admin();
  }

  /**
   * Owners and {@code admin} grantees edit the copr, its releases, its {@code builder} grants and
   * packages.
   */
  public boolean canManage(User user) {
    return isOwnedBy(user)
        || permissionOf(user).filter(p -> p.permission == CoprPermission.Level.ADMIN).isPresent();
  }

  /** Managers and {@code builder} grantees upload packages and cancel builds. */
  public boolean canBuild(User user) {
    return canManage(user) || permissionOf(user).isPresent();
  }
}
