import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The admin side of dev/kafka's broker, run in-process so that no password is ever a process
 * argument: {@code format} formats the storage with the super user's SCRAM credential (the broker
 * needs it before it serves), {@code setup} creates the topics, each service's SCRAM user and its
 * ACLs. Passwords are read from {@code <users dir>/<user>}.
 *
 * <p>The access table is a copy of contracts' {@code TopicAccess} (this file runs outside the
 * build, from the broker's jars alone); the testing module's KafkaAccessTest compares the broker's
 * ACLs with it. dev/kafka's KAFKA_USERS lists the same users.
 */
public class KafkaAccess {
  static final String SUPER_USER = "admin";
  static final List<String> ARCHES = List.of("x86_64", "aarch64", "ppc64le", "s390x", "i386");
  static final String COPRS = "copr.coprs";
  static final String KEYS = "copr.coprs.keys";
  static final String REQUESTED = "copr.builds.requested";
  static final String STATUS = "copr.builds.status";
  static final String CONTROL = "copr.builds.control";
  static final String HEARTBEAT = "copr.workers.heartbeat";

  /** What one client may do: topics it writes, topics it reads, consumer groups it uses. */
  record Access(
      List<String> writes, List<String> reads, List<String> groups, List<String> groupPrefixes) {}

  static String dlq(String topic) {
    return topic + ".dlq";
  }

  static List<String> dispatch() {
    return ARCHES.stream().map(a -> "copr.builds.dispatch." + a).toList();
  }

  static List<String> plus(List<String> a, List<String> b) {
    var all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  static Map<String, Access> table() {
    var t = new LinkedHashMap<String, Access>();
    t.put(
        "api-service",
        new Access(
            List.of(COPRS, REQUESTED, CONTROL, dlq(STATUS), dlq(KEYS)),
            List.of(STATUS, KEYS),
            List.of("copr-api"),
            List.of()));
    t.put(
        "scheduler-service",
        new Access(
            plus(
                dispatch(),
                List.of(STATUS, CONTROL, dlq(REQUESTED), dlq(STATUS), dlq(CONTROL), dlq(HEARTBEAT))),
            List.of(REQUESTED, STATUS, CONTROL, HEARTBEAT),
            List.of("copr-scheduler"),
            List.of()));
    t.put(
        "build-worker",
        new Access(
            plus(
                List.of(STATUS, HEARTBEAT, dlq(CONTROL)),
                dispatch().stream().map(KafkaAccess::dlq).toList()),
            plus(dispatch(), List.of(CONTROL)),
            List.of(),
            List.of("copr-build-worker-")));
    t.put(
        "repo-worker",
        new Access(
            List.of(STATUS, KEYS, dlq(COPRS)),
            List.of(COPRS),
            List.of("repo-worker"),
            List.of()));
    t.put(
        "reader",
        new Access(
            List.of(),
            plus(List.of(COPRS, KEYS, REQUESTED, STATUS, CONTROL, HEARTBEAT), dispatch()),
            List.of(),
            List.of("copr-reader-")));
    return t;
  }

  static List<String> topics() {
    var topics = new ArrayList<String>();
    for (String t :
        plus(List.of(COPRS, KEYS, REQUESTED, STATUS, CONTROL, HEARTBEAT), dispatch())) {
      topics.add(t);
      topics.add(dlq(t));
    }
    return topics;
  }

  static List<AclBinding> acls(String user, Access access) {
    String principal = "User:" + user;
    var acls = new ArrayList<AclBinding>();
    for (String t : access.writes()) {
      acls.add(allow(ResourceType.TOPIC, t, PatternType.LITERAL, principal, AclOperation.WRITE));
    }
    for (String t : access.reads()) {
      acls.add(allow(ResourceType.TOPIC, t, PatternType.LITERAL, principal, AclOperation.READ));
    }
    for (String g : access.groups()) {
      acls.add(allow(ResourceType.GROUP, g, PatternType.LITERAL, principal, AclOperation.READ));
    }
    for (String g : access.groupPrefixes()) {
      acls.add(allow(ResourceType.GROUP, g, PatternType.PREFIXED, principal, AclOperation.READ));
    }
    return acls;
  }

  static AclBinding allow(
      ResourceType type, String name, PatternType pattern, String principal, AclOperation op) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }

  static String password(Path users, String user) throws Exception {
    return Files.readString(users.resolve(user)).trim();
  }

  public static void main(String[] args) throws Exception {
    switch (args.length > 0 ? args[0] : "") {
      case "format" -> format(Path.of(args[1]), args[2], Path.of(args[3]));
      case "setup" -> setup(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
      default -> {
        System.err.println("usage: KafkaAccess format <server.properties> <cluster id> <users dir>"
            + " | setup <bootstrap> <users dir> <partitions>");
        System.exit(2);
      }
    }
  }

  static void format(Path properties, String clusterId, Path users) throws Exception {
    String scram = "SCRAM-SHA-512=[name=" + SUPER_USER + ",password=" + password(users, SUPER_USER) + "]";
    kafka.tools.StorageTool.main(
        new String[] {"format", "-t", clusterId, "-c", properties.toString(), "--add-scram", scram});
  }

  static void setup(String bootstrap, Path users, int partitions) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put("security.protocol", "SASL_PLAINTEXT");
    p.put("sasl.mechanism", "SCRAM-SHA-512");
    p.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + SUPER_USER + "\" password=\"" + password(users, SUPER_USER) + "\";");
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          topics().stream()
              .filter(t -> !existing.contains(t))
              .map(t -> new NewTopic(t, t.endsWith(".dlq") ? 1 : partitions, (short) 1))
              .toList();
      admin.createTopics(missing).all().get();

      var upserts = new ArrayList<org.apache.kafka.clients.admin.UserScramCredentialAlteration>();
      for (String user : table().keySet()) {
        upserts.add(
            new UserScramCredentialUpsertion(
                user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                password(users, user)));
      }
      admin.alterUserScramCredentials(upserts).all().get();

      // The table replaces whatever ACLs our users had, so a removed right does not linger.
      var wanted = new ArrayList<AclBinding>();
      table().forEach((user, access) -> wanted.addAll(acls(user, access)));
      Collection<AclBinding> current = admin.describeAcls(AclBindingFilter.ANY).values().get();
      Set<String> ours =
          table().keySet().stream().map(u -> "User:" + u).collect(Collectors.toSet());
      List<AclBindingFilter> stale =
          current.stream()
              .filter(b -> ours.contains(b.entry().principal()) && !wanted.contains(b))
              .map(AclBinding::toFilter)
              .toList();
      if (!stale.isEmpty()) {
        admin.deleteAcls(stale).all().get();
      }
      admin.createAcls(wanted).all().get();
    }
  }
}
