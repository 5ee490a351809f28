package org.copr.api.copr;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.copr.api.Names;
import org.copr.api.error.ApiException;
import org.copr.api.user.Caller;
import org.copr.api.user.User;
import org.jboss.logging.Logger;

/**
 * A copr's name stays its owner's after a delete: only the former owner may create a copr of that
 * name again, unless a site admin releases it.
 */
@ApplicationScoped
public class CoprNames {
  private static final Logger LOG = Logger.getLogger(CoprNames.class);

  private final Caller caller;

  CoprNames(Caller caller) {
    this.caller = caller;
  }

  @Transactional
  public CoprNameDto get(String name) {
    return RetiredCoprName.<RetiredCoprName>findByIdOptional(Names.copr(name))
        .map(CoprNameDto::of)
        .orElseThrow(() -> ApiException.notFound("no deleted copr keeps the name " + name));
  }

  @Transactional
  public void release(String name) {
    User admin = caller.require();
    if (!admin.admin()) {
      throw ApiException.forbidden("only a site admin may release the name of a deleted copr");
    }
    RetiredCoprName retired =
        RetiredCoprName.locked(Names.copr(name))
            .orElseThrow(() -> ApiException.notFound("no deleted copr keeps the name " + name));
    LOG.infof(
        "copr name %s of %s released by site admin %s",
        retired.name, retired.owner.username, admin.username);
    retired.delete();
  }

  /** In the delete's transaction: the name stays {@code owner}'s. */
  void retire(String name, User owner) {
    RetiredCoprName retired = RetiredCoprName.locked(name).orElseGet(RetiredCoprName::new);
    retired.name = name;
    retired.owner = owner;
    retired.retiredAt = Instant.now();
    retired.persist();
  }

  /**
   * In the create's transaction: {@code creator} may use the name (its former owner takes it back).
   */
  void claim(String name, User creator) {
    var retired = RetiredCoprName.locked(name);
    if (retired.isEmpty()) {
      return;
    }
    if (!retired.get().owner.id.equals(creator.id)) {
      throw ApiException.conflict(
          "the name "
              + name
              + " belonged to a deleted copr of "
              + retired.get().owner.username
              + " and stays theirs (.repo files on users' machines still point at it); choose"
              + " another name, or ask a site admin to release it");
    }
    retired.get().delete();
  }
}
