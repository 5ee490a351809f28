package org.copr.api.copr;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.Optional;
import org.copr.api.user.User;

/** What a user other than the owner may do in a copr. */
@Entity
@Table(name = "copr_permissions")
public class CoprPermission extends PanacheEntityBase {
  public enum Level {
    BUILDER,
    ADMIN;

    public String wire() {
      return name().toLowerCase();
    }

    public static Optional<Level> parse(String s) {
      return Arrays.stream(values()).filter(l -> l.wire().equals(s)).findFirst();
    }
  }

  @Converter
  public static class LevelColumn implements AttributeConverter<Level, String> {
    @Override
    public String convertToDatabaseColumn(Level level) {
      return level.wire();
    }

    @Override
    public Level convertToEntityAttribute(String s) {
      return Level.parse(s).orElseThrow();
    }
  }

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
  @Convert(converter = LevelColumn.class)
  public Level permission;
}
