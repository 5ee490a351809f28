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
 * ACLs with it. dev/kafka's KAFKA_USERS lists the same users. Every build worker is a user of its
 * own, {@code worker.<worker id>}, with two topics of its own: one password file
 * {@code <users dir>/worker.<id>} per worker (dev/kafka makes them for COPR_KAFKA_WORKERS) makes
 * the worker, its topics and its ACLs, and the scheduler's and the reader's rights on them.
 */
public class KafkaAccess {
  static final String SUPER_USER = "admin";
  static final List<String> ARCHES = List.of("x86_64", "aarch64", "ppc64le", "s390x", "i386");
  static final String COPRS = "copr.coprs";
  static final String KEYS = "copr.coprs.keys";
  static final String REQUESTED = "copr.builds.requested";
  static final String STATUS = "copr.builds.status";
  static final String CONTROL = "copr.builds.control";
  static final String REPORTS_DLQ = "copr.workers.reports.dlq";
  static final String WORKER_USER = "worker.";

  /** What one client may do: topics it writes, topics it reads, consumer groups it uses. */
  record Access(
      List<String> writes, List<String> reads, List<String> groups, List<String> groupPrefixes) {}

  static String dlq(String topic) {
    return topic + ".dlq";
  }

  static String reports(String worker) {
    return "copr.workers." + worker + ".reports";
  }

  static String dispatch(String worker) {
    return "copr.workers." + worker + ".dispatch";
  }

  /** The workers that were given credentials: a password file each. */
  static List<String> workers(Path users) throws Exception {
    try (var files = Files.list(users)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith(WORKER_USER))
          .map(n -> n.substring(WORKER_USER.length()))
          .filter(id -> id.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,99}"))
          .sorted()
          .toList();
    }
  }

  static List<String> plus(List<String> a, List<String> b) {
    var all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  static Map<String, Access> table(List<String> workers) {
    List<String> reports = workers.stream().map(KafkaAccess::reports).toList();
    List<String> dispatch = workers.stream().map(KafkaAccess::dispatch).toList();
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
            plus(dispatch, List.of(STATUS, CONTROL, dlq(REQUESTED), dlq(CONTROL), REPORTS_DLQ)),
            plus(List.of(REQUESTED, CONTROL), reports),
            List.of("copr-scheduler", "copr-scheduler-reports"),
            List.of()));
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
            plus(List.of(COPRS, KEYS, REQUESTED, STATUS, CONTROL), plus(reports, dispatch)),
            List.of(),
            List.of("copr-reader-")));
    for (String w : workers) {
      t.put(
          WORKER_USER + w,
          new Access(
              List.of(reports(w), dlq(dispatch(w)), dlq(CONTROL)),
              List.of(dispatch(w), CONTROL),
              List.of("copr-build-worker-dispatch-" + w, "copr-build-worker-control-" + w),
              List.of()));
    }
    return t;
  }

  /** Shared topics with their dead-letter topics, and each worker's three (one partition each). */
  static List<String> topics(List<String> workers) {
    var topics = new ArrayList<String>();
    for (String t : List.of(COPRS, KEYS, REQUESTED, STATUS, CONTROL)) {
      topics.add(t);
      topics.add(dlq(t));
    }
    topics.add(REPORTS_DLQ);
    for (String w : workers) {
      topics.add(reports(w));
      topics.add(dispatch(w));
      topics.add(dlq(dispatch(w)));
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
      List<String> workers = workers(users);
      Map<String, Access> table = table(workers);
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          topics(workers).stream()
              .filter(t -> !existing.contains(t))
              .map(
                  t ->
                      new NewTopic(
                          t,
                          t.endsWith(".dlq") || t.startsWith("copr.workers.") ? 1 : partitions,
                          (short) 1))
              .toList();
      admin.createTopics(missing).all().get();

      var upserts = new ArrayList<org.apache.kafka.clients.admin.UserScramCredentialAlteration>();
      for (String user : table.keySet()) {
        upserts.add(
            new UserScramCredentialUpsertion(
                user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                password(users, user)));
      }
      admin.alterUserScramCredentials(upserts).all().get();

      // The table replaces whatever ACLs our users had, so a removed right does not linger.
      var wanted = new ArrayList<AclBinding>();
      table.forEach((user, access) -> wanted.addAll(acls(user, access)));
      Collection<AclBinding> current = admin.describeAcls(AclBindingFilter.ANY).values().get();
      // A worker whose password file is gone loses its rights too.
      Set<String> ours =
          table.keySet().stream().map(u -> "User:" + u).collect(Collectors.toSet());
      List<AclBindingFilter> stale =
          current.stream()
              .filter(
                  b ->
                      (ours.contains(b.entry().principal())
                              || b.entry().principal().startsWith("User:" + WORKER_USER))
                          && !wanted.contains(b))
              .map(AclBinding::toFilter)
              .toList();
      if (!stale.isEmpty()) {
        admin.deleteAcls(stale).all().get();
      }
      admin.createAcls(wanted).all().get();
    }
  }
}
