package org.copr.api.build;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.copr.api.ApiConfig;
import org.copr.api.PageRequest;
import org.copr.api.copr.Copr;
import org.copr.api.copr.CoprService;
import org.copr.api.error.ApiException;
import org.copr.api.storage.Retention;
import org.copr.api.storage.SrpmLocks;
import org.copr.api.storage.Storage;
import org.copr.api.user.Caller;
import org.copr.api.user.User;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.rest.Page;
import org.copr.runtime.outbox.Outbox;
import org.jboss.logging.Logger;

@ApplicationScoped
public class PackageService {
  private static final Logger LOG = Logger.getLogger(PackageService.class);

  private final Caller caller;
  private final ApiConfig config;
  private final CoprService coprs;
  private final BuildService builds;
  private final Outbox outbox;
  private final Storage storage;
  private final Retention retention;
  private final EntityManager em;
  private final Batches batches;

  PackageService(
      Caller caller,
      ApiConfig config,
      CoprService coprs,
      BuildService builds,
      Outbox outbox,
      Storage storage,
      Retention retention,
      EntityManager em,
      Batches batches) {
    this.batches = batches;
    this.caller = caller;
    this.config = config;
    this.coprs = coprs;
    this.builds = builds;
    this.outbox = outbox;
    this.storage = storage;
    this.retention = retention;
    this.em = em;
  }

  @Transactional
  public Page<PackageDto> list(String coprName, PageRequest page) {
    Copr copr = coprs.require(coprName);
    Page<CoprPackage> found = page.of(CoprPackage.<CoprPackage>find("copr", Sort.by("name"), copr));
    return new Page<>(dtos(found.items()), found.total(), found.limit(), found.offset());
  }

  @Transactional
  public PackageDto get(String coprName, String name) {
    return dto(require(coprs.require(coprName), name));
  }

  /**
   * Takes an SRPM into the copr: a new package or a new version of one, and a build for every
   * chroot. Everything is checked before anything is written.
   *
   * @param fileName the name the client gave the file; only checked, never used
   */
  @Transactional
  public PackageDto.Upload upload(String coprName, Path file, String fileName, long size) {
    return upload(coprName, file, fileName, size, null);
  }

  /**
   * As {@link #upload(String, Path, String, long)}, built only in {@code chroots} (null: every
   * chroot of the copr), which the caller chose among the copr's chroots.
   */
  @Transactional
  public PackageDto.Upload upload(
      String coprName, Path file, String fileName, long size, SortedSet<String> chroots) {
    return upload(coprName, file, fileName, size, chroots, null, Batches.Order.NONE);
  }

  /**
   * As {@link #upload(String, Path, String, long, SortedSet)}, its builds with {@code timeout}
   * seconds to run (null: the copr's timeout), in the batch {@code batch} asks for (after or with
   * another build).
   */
  @Transactional
  public PackageDto.Upload upload(
      String coprName,
      Path file,
      String fileName,
      long size,
      SortedSet<String> chroots,
      Integer timeout,
      Batches.Order batch) {
    User user = caller.require();
    Copr copr = coprs.require(coprName);
    if (!copr.canBuild(user)) {
      throw ApiException.forbidden(
          "only the owner, admins and builders of copr " + coprName + " may upload packages");
    }
    if (fileName != null
        && (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".."))) {
      throw ApiException.invalid("the file name '" + fileName + "' would leave its folder");
    }
    long max = config.srpm().maxSize().asLongValue();
    if (size > max) {
      throw ApiException.tooLarge("the SRPM has " + size + " bytes; the limit is " + max);
    }
    if (chroots != null && (chroots.isEmpty() || !copr.chroots().containsAll(chroots))) {
      throw ApiException.invalid(
          "copr " + coprName + " has the chroots " + copr.chroots() + ", not " + chroots);
    }
    batches.check(batch, user);
    SrpmReader.Srpm srpm = SrpmReader.read(file, size);
    CoprPackage pkg = CoprPackage.find(copr, srpm.name()).orElse(null);
    if (pkg != null
        && PackageVersion.count(
                "pkg = ?1 and epoch = ?2 and version = ?3 and release = ?4",
                pkg,
                srpm.epoch(),
                srpm.version(),
                srpm.release())
            > 0) {
      throw ApiException.conflict(
          srpm.name()
              + " "
              + evr(srpm)
              + " is already in copr "
              + coprName
              + "; raise the version or release to build again");
    }
    String sha256 = sha256(file);
    // Until this version commits, no retention sweep may remove the file it names.
    SrpmLocks.lock(em, sha256);
    String path = storage.storeSrpm(file, sha256);
    if (pkg == null) {
      pkg = new CoprPackage();
      pkg.copr = copr;
      pkg.name = srpm.name();
      pkg.createdAt = Instant.now();
    }
    pkg.summary = srpm.summary();
    pkg.license = srpm.license();
    pkg.persist();
    PackageVersion version = new PackageVersion();
    version.pkg = pkg;
    version.epoch = srpm.epoch();
    version.version = srpm.version();
    version.release = srpm.release();
    version.srpmPath = path;
    version.srpmSha256 = sha256;
    version.srpmSize = size;
    version.uploadedBy = user.username;
    version.uploadedAt = Instant.now();
    version.persist();
    LOG.infof(
        "copr %s: %s uploaded %s %s (%s)", coprName, user.username, pkg.name, version.evr(), path);
    List<BuildDto> started =
        builds
            .request(pkg, version, user, chroots == null ? copr.chroots() : chroots, timeout, batch)
            .stream()
            .map(BuildDto::of)
            .toList();
    return new PackageDto.Upload(dto(pkg), started);
  }

  /**
   * Builds the package version of build {@code id} again, in {@code chroots} (null: the build's own
   * chroot), with {@code timeout} seconds (null: the copr's): a new submission of the same SRPM.
   */
  @Transactional
  public PackageDto.Upload resubmit(long id, @Valid RebuildRequest body) {
    Build b = builds.require(id);
    SortedSet<String> chroots = body == null ? null : body.chosen();
    return rebuild(
        b.pkg,
        b.version,
        chroots == null ? new TreeSet<>(Set.of(b.chroot)) : chroots,
        body == null ? null : body.timeout(),
        Batches.Order.NONE);
  }

  /**
   * Builds the package's current source, its newest uploaded SRPM, in {@code chroots} (null: every
   * chroot of the copr).
   */
  @Transactional
  public PackageDto.Upload buildLatest(String coprName, String name, @Valid RebuildRequest body) {
    return buildLatest(coprName, name, body, Batches.Order.NONE);
  }

  /** As above, in the batch {@code batch} asks for (after or with another build). */
  @Transactional
  public PackageDto.Upload buildLatest(
      String coprName, String name, @Valid RebuildRequest body, Batches.Order batch) {
    Copr copr = coprs.require(coprName);
    CoprPackage pkg = require(copr, name);
    PackageVersion latest =
        PackageVersion.<PackageVersion>find("pkg = ?1 order by uploadedAt desc, id desc", pkg)
            .firstResult();
    SortedSet<String> chroots = body == null ? null : body.chosen();
    return rebuild(
        pkg,
        latest,
        chroots == null ? copr.chroots() : chroots,
        body == null ? null : body.timeout(),
        batch);
  }

  /**
   * A new submission of a stored package version in {@code chroots} (among the copr's) by the
   * caller, who must be allowed to build in the copr. The same epoch, version and release is built
   * again; only an upload of it is refused. Its SRPM must still be stored (retention removes those
   * of builds that ended long ago); the lock held to the commit keeps the retention sweep from
   * deciding on it until the new builds exist.
   */
  private PackageDto.Upload rebuild(
      CoprPackage pkg,
      PackageVersion version,
      SortedSet<String> chroots,
      Integer timeout,
      Batches.Order batch) {
    User user = caller.require();
    Copr copr = pkg.copr;
    if (!copr.canBuild(user)) {
      throw ApiException.forbidden(
          "only the owner, admins and builders of copr " + copr.name + " may build in it");
    }
    if (chroots.isEmpty() || !copr.chroots().containsAll(chroots)) {
      throw ApiException.invalid(
          "copr " + copr.name + " has the chroots " + copr.chroots() + ", not " + chroots);
    }
    SrpmLocks.lock(em, version.srpmSha256);
    if (!Files.isRegularFile(storage.layout().srpm(version.srpmSha256))) {
      throw ApiException.conflict(
          "the SRPM of "
              + pkg.name
              + " "
              + version.evr()
              + " is no longer kept (its builds ended long ago); raise its release and upload"
              + " it");
    }
    List<BuildDto> made =
        builds.request(pkg, version, user, chroots, timeout, batch).stream()
            .map(BuildDto::of)
            .toList();
    LOG.infof(
        "copr %s: %s rebuilds %s %s in %s",
        copr.name, user.username, pkg.name, version.evr(), chroots);
    return new PackageDto.Upload(dto(pkg), made);
  }

  /**
   * Removes the package, its versions and builds; repo-worker removes its published RPMs. Once that
   * committed, its SRPMs go too, those that no other package version references.
   */
  public void delete(String coprName, String name) {
    List<String> srpms = QuarkusTransaction.requiringNew().call(() -> deleteRows(coprName, name));
    retention.removeUnreferenced(srpms);
  }

  private List<String> deleteRows(String coprName, String name) {
    User user = caller.require();
    Copr copr = coprs.require(coprName);
    if (!copr.canManage(user)) {
      throw ApiException.forbidden(
          "only the owner or an admin of copr " + coprName + " may delete packages");
    }
    CoprPackage pkg = require(copr, name);
    builds.cancelBeforeDelete(Build.unfinishedIdsOf(pkg), "package " + name + " deleted");
    List<Long> buildIds = Build.allIdsOf(pkg);
    // Only the values: managed versions would outlive the package's removal in this session.
    List<String> srpms =
        em.createQuery("select v.srpmSha256 from PackageVersion v where v.pkg = :pkg", String.class)
            .setParameter("pkg", pkg)
            .getResultList();
    outbox.copr(CoprEvent.PackageDeleted.of(coprName, name, buildIds));
    pkg.delete();
    LOG.infof(
        "copr %s: package %s deleted by %s (%d builds)",
        coprName, name, user.username, buildIds.size());
    return srpms;
  }

  private CoprPackage require(Copr copr, String name) {
    return CoprPackage.find(copr, name)
        .orElseThrow(() -> ApiException.notFound("no package " + name + " in copr " + copr.name));
  }

  private PackageDto dto(CoprPackage pkg) {
    return dtos(List.of(pkg)).get(0);
  }

  /**
   * The packages with their versions and newest build per chroot: two queries for the whole list (a
   * page may hold 500 packages), not two per package.
   */
  private List<PackageDto> dtos(List<CoprPackage> pkgs) {
    if (pkgs.isEmpty()) {
      return List.of();
    }
    Map<Long, List<PackageDto.VersionDto>> versions = new HashMap<>();
    for (PackageVersion v :
        PackageVersion.<PackageVersion>list("pkg in ?1 order by uploadedAt desc, id desc", pkgs)) {
      versions.computeIfAbsent(v.pkg.id, id -> new ArrayList<>()).add(PackageDto.VersionDto.of(v));
    }
    Map<Long, List<BuildDto>> latest = new HashMap<>();
    for (Build b :
        Build.<Build>list(
            "id in (select max(b.id) from Build b where b.pkg in ?1 group by b.pkg.id, b.chroot)"
                + " order by chroot",
            pkgs)) {
      latest.computeIfAbsent(b.pkg.id, id -> new ArrayList<>()).add(BuildDto.of(b));
    }
    return pkgs.stream()
        .map(
            pkg ->
                new PackageDto(
                    pkg.name,
                    pkg.copr.name,
                    pkg.summary,
                    pkg.license,
                    versions.getOrDefault(pkg.id, List.of()),
                    latest.getOrDefault(pkg.id, List.of())))
        .toList();
  }

  private static String evr(SrpmReader.Srpm s) {
    return (s.epoch() == 0 ? "" : s.epoch() + ":") + s.version() + "-" + s.release();
  }

  private static String sha256(Path file) {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
