package org.copr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.copr.contracts.TopicAccess;
import org.copr.contracts.Topics;

/**
 * A real Kafka broker for one test JVM, started with the project's own {@code dev/kafka} script on
 * free ports and a fresh data folder. Tests of outages stop it and start it again on the same port.
 * Like every Copr broker it serves only authenticated clients within their ACLs: services connect
 * as their own user ({@link #client}), test probes as the super user ({@link #admin}).
 */
public final class KafkaBroker {
  /** The super user of every broker dev/kafka starts. */
  public static final String SUPER_USER = "admin";

  private static final String SHARED_PROPERTY = "copr.test.kafka.broker";
  private static KafkaBroker shared;
  private static final Map<String, KafkaBroker> BY_ADDRESS = new ConcurrentHashMap<>();

  private final int port;
  private final int controllerPort;
  private final Path dir;
  private final Map<String, String> env;
  // dev/kafka's start resets every user's ACLs to the access table; these are granted again.
  private final List<AclBinding> testGrants = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.Set<String> workers = ConcurrentHashMap.newKeySet();

  private KafkaBroker(int port, int controllerPort, Path dir) {
    this.port = port;
    this.controllerPort = controllerPort;
    this.dir = dir;
    this.env =
        Map.of(
            "COPR_KAFKA_PORT", Integer.toString(port),
            "COPR_KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort),
            "COPR_KAFKA_DIR", dir.toString(),
            // One partition: tests that read a topic across keys see it in the order produced.
            "COPR_KAFKA_PARTITIONS", "1");
  }

  /**
   * The JVM's broker, started on first use and stopped when the JVM exits. Quarkus loads this class
   * again for each application it starts (a test profile restarts it), so the broker is found
   * through system properties, not this class's static field: one broker per JVM, one address for
   * the services and the tests that probe them.
   */
  public static synchronized KafkaBroker shared() {
    if (shared == null) {
      String started = System.getProperty(SHARED_PROPERTY);
      if (started != null) {
        String[] parts = started.split(" ", 3);
        shared =
            new KafkaBroker(
                Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Path.of(parts[2]));
      } else {
        try {
          Path dir = Files.createTempDirectory("copr-kafka-");
          shared = new KafkaBroker(freePort(), freePort(), dir);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        shared.start();
        System.setProperty(
            SHARED_PROPERTY, shared.port + " " + shared.controllerPort + " " + shared.dir);
        Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
      }
      BY_ADDRESS.put(shared.bootstrapServers(), shared);
    }
    return shared;
  }

  /** The broker of this JVM that listens at {@code bootstrapServers}. */
  public static KafkaBroker at(String bootstrapServers) {
    KafkaBroker broker = BY_ADDRESS.get(bootstrapServers);
    if (broker == null) {
      throw new IllegalArgumentException("no broker of this JVM at " + bootstrapServers);
    }
    return broker;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Settings for a Kafka client that connects as {@code user} (a service's or the reader). */
  public Map<String, Object> client(String user) {
    Map<String, Object> p = new HashMap<>();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    p.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
    p.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user));
    return p;
  }

  /**
   * Gives worker {@code id} its identity on the bus, as dev/kafka does for COPR_KAFKA_WORKERS: a
   * user {@code worker.<id>} with a random password, its two topics and every ACL the access table
   * has for them (its own, the scheduler's, the reader's). Idempotent; returns the user. A restart
   * of the broker keeps it (dev/kafka makes every worker it finds a password file for).
   */
  public synchronized String worker(String id) {
    String user = TopicAccess.worker(id);
    if (workers.contains(id)) {
      return user;
    }
    Path file = dir.resolve("users").resolve(user);
    try {
      if (!Files.exists(file)) {
        byte[] random = new byte[18];
        new java.security.SecureRandom().nextBytes(random);
        Files.writeString(
            Files.createFile(
                file,
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))),
            java.util.HexFormat.of().formatHex(random));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    createTopics(Topics.ofWorker(id).toArray(String[]::new));
    try (Admin admin = Admin.create(admin())) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      user,
                      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                      password(user))))
          .all()
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot make Kafka user " + user, e);
    }
    Map<String, TopicAccess> without = TopicAccess.byUser(workers);
    var with = new java.util.HashSet<>(workers);
    with.add(id);
    List<AclBinding> acls = new java.util.ArrayList<>();
    TopicAccess.byUser(with)
        .forEach(
            (name, access) -> {
              List<AclBinding> had =
                  without.containsKey(name) ? acls(name, without.get(name)) : List.of();
              acls(name, access).stream().filter(a -> !had.contains(a)).forEach(acls::add);
            });
    grant(acls);
    workers.add(id);
    return user;
  }

  /** The workers given an identity on this broker. */
  public java.util.Set<String> workers() {
    return java.util.Set.copyOf(workers);
  }

  /** The ACLs of one user of the access table, as dev/kafka-access makes them. */
  static List<AclBinding> acls(String user, TopicAccess access) {
    String principal = "User:" + user;
    List<AclBinding> acls = new java.util.ArrayList<>();
    access
        .writes()
        .forEach(
            t ->
                acls.add(
                    allow(
                        ResourceType.TOPIC,
                        t,
                        PatternType.LITERAL,
                        principal,
                        AclOperation.WRITE)));
    access
        .reads()
        .forEach(
            t ->
                acls.add(
                    allow(
                        ResourceType.TOPIC, t, PatternType.LITERAL, principal, AclOperation.READ)));
    access
        .groups()
        .forEach(
            g ->
                acls.add(
                    allow(
                        ResourceType.GROUP, g, PatternType.LITERAL, principal, AclOperation.READ)));
    access
        .groupPrefixes()
        .forEach(
            g ->
                acls.add(
                    allow(
                        ResourceType.GROUP,
                        g,
                        PatternType.PREFIXED,
                        principal,
                        AclOperation.READ)));
    return acls;
  }

  private static AclBinding allow(
      ResourceType type, String name, PatternType pattern, String principal, AclOperation op) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }

  /** Settings for a client that may do anything: test probes and topic set-up. */
  public Map<String, Object> admin() {
    return client(SUPER_USER);
  }

  /** The {@code kafka.*} settings a service of {@code user} needs to use this broker. */
  public Map<String, String> serviceConfig(String user) {
    return Map.of(
        "kafka.bootstrap.servers", bootstrapServers(), "kafka.sasl.jaas.config", jaas(user));
  }

  /** The JAAS line that logs {@code user} in; it holds the password, so it is never logged. */
  public String jaas(String user) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password(user)
        + "\";";
  }

  private String password(String user) {
    try {
      return Files.readString(dir.resolve("users").resolve(user)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("no Kafka user " + user, e);
    }
  }

  /**
   * Creates topics of a test's own (clients never create topics: the broker refuses it); existing
   * ones are left as they are.
   */
  public void createTopics(String... topics) {
    try (Admin admin = Admin.create(admin())) {
      for (String topic : topics) {
        try {
          admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + topic, e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Lets {@code user} also write {@code topics} (created if missing). For topics that exist only in
   * tests, such as the dispatch topic of an arch of a test's own: a real topic's rights are the
   * access table's, never widened here.
   */
  public void allowWrite(String user, String... topics) {
    createTopics(topics);
    List<AclBinding> acls = new java.util.ArrayList<>();
    for (String topic : topics) {
      acls.add(
          new AclBinding(
              new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
              new AccessControlEntry(
                  "User:" + user, "*", AclOperation.WRITE, AclPermissionType.ALLOW)));
    }
    testGrants.addAll(acls);
    grant(acls);
  }

  private void grant(List<AclBinding> acls) {
    try (Admin admin = Admin.create(admin())) {
      admin.createAcls(acls).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot grant " + acls, e);
    }
  }

  public void start() {
    script("start");
    if (!testGrants.isEmpty()) {
      grant(testGrants);
    }
  }

  public void stop() {
    script("stop");
  }

  private void script(String command) {
    Path root = Repo.root();
    Processes.check(root, env, List.of("bash", root.resolve("dev/kafka").toString(), command));
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
