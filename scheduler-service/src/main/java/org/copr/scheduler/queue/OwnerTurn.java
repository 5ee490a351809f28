package org.copr.scheduler.queue;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Whose turn it was last on an arch: the round-robin cursor, kept across restarts. */
@Entity
@Table(name = "owner_turn")
public class OwnerTurn extends PanacheEntityBase {
  @Id public String arch;
  public String lastOwner;

  static String lastOwner(String arch) {
    OwnerTurn turn = findById(arch);
    return turn == null ? null : turn.lastOwner;
  }

  static void served(String arch, String owner) {
    OwnerTurn turn = findById(arch);
    if (turn == null) {
      turn = new OwnerTurn();
      turn.arch = arch;
    }
    turn.lastOwner = owner;
    turn.persist();
  }
}
