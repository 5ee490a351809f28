package org.copr.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration a service module reads, taken from its sources: the keys of its
 * application.properties (any profile), its {@code @ConfigMapping} interfaces (prefix plus method
 * names in kebab case, nested groups followed) and its {@code @ConfigProperty(name = ...)}, plus
 * the Quarkus and Kafka keys that an operator sets for any service.
 */
record ServiceConfig(
    String service, Map<String, String> properties, Set<String> keys, Set<String> required) {

  /** Read by Quarkus or the Kafka client themselves whether or not the service names them. */
  static final Set<String> WELL_KNOWN =
      Set.of(
          "kafka.bootstrap.servers",
          "quarkus.datasource.jdbc.url",
          "quarkus.datasource.username",
          "quarkus.datasource.password",
          "quarkus.http.port",
          "quarkus.http.body.uploads-directory",
          "quarkus.http.proxy.proxy-address-forwarding",
          "quarkus.http.proxy.allow-x-forwarded",
          "quarkus.http.proxy.trusted-proxies",
          "quarkus.log.level",
          "quarkus.log.console.json",
          "quarkus.shutdown.timeout");

  /** Variables that runtime's config sources read themselves, with the key each provides. */
  private static final Map<String, String> SOURCE_VARIABLES =
      Map.of("COPR_KAFKA_LOGIN_FILE", "kafka.sasl.jaas.config");

  private static final Pattern MAPPING_ROOT =
      Pattern.compile(
          "@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"\\s*\\)[^{;]*?interface\\s+(\\w+)");
  private static final Pattern CONFIG_PROPERTY =
      Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
  private static final Pattern METHOD =
      Pattern.compile(
          "((?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*)([\\w.]+(?:<[^;(){}]*>)?)\\s+(\\w+)\\(\\)\\s*;");
  private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\\s*\"([^\"]+)\"");
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");
  private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);

  static ServiceConfig of(Path moduleDir) {
    String service = moduleDir.getFileName().toString();
    Map<String, String> properties = applicationProperties(moduleDir);
    Set<String> keys = new TreeSet<>(WELL_KNOWN);
    keys.addAll(properties.keySet());
    Set<String> required = new TreeSet<>();
    Map<String, String> bodies = new HashMap<>();
    Map<String, String> roots = new TreeMap<>();
    for (String source : javaSources(moduleDir)) {
      Matcher root = MAPPING_ROOT.matcher(source);
      while (root.find()) {
        roots.put(root.group(2), root.group(1));
      }
      Matcher property = CONFIG_PROPERTY.matcher(source);
      while (property.find()) {
        keys.add(property.group(1));
      }
      bodies.putAll(interfaceBodies(source));
    }
    roots.forEach((type, prefix) -> collect(type, prefix, bodies, keys, required, properties));
    return new ServiceConfig(service, properties, keys, required);
  }

  /** Quarkus' rule: upper case, every character that is not a letter or digit becomes '_'. */
  static String envName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
  }

  /**
   * A property value with its {@code ${key:default}} expressions resolved as the service would
   * resolve them under this environment (environment first, then application.properties).
   */
  String resolve(String value, Map<String, String> env) {
    Matcher expression = EXPRESSION.matcher(value);
    StringBuilder resolved = new StringBuilder();
    while (expression.find()) {
      String key = expression.group(1);
      String fallback = expression.group(2) == null ? "" : expression.group(2);
      String replacement = env.getOrDefault(envName(key), properties.getOrDefault(key, fallback));
      expression.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
    }
    return expression.appendTail(resolved).toString();
  }

  /** The key an environment variable sets, if the service reads one of that name. */
  Optional<String> keyOfEnv(String env) {
    if (SOURCE_VARIABLES.containsKey(env)) {
      return Optional.of(SOURCE_VARIABLES.get(env));
    }
    return keys.stream().filter(k -> envName(k).equals(env)).findFirst();
  }

  private static void collect(
      String type,
      String prefix,
      Map<String, String> bodies,
      Set<String> keys,
      Set<String> required,
      Map<String, String> properties) {
    Matcher method = METHOD.matcher(bodies.get(type));
    while (method.find()) {
      String annotations = method.group(1);
      String returnType = method.group(2);
      Matcher withName = WITH_NAME.matcher(annotations);
      String name = withName.find() ? withName.group(1) : kebab(method.group(3));
      String key = annotations.contains("@WithParentName") ? prefix : prefix + "." + name;
      String group = returnType.replaceAll("^(Optional|List|Set)<(.*)>$", "$2");
      if (bodies.containsKey(group)) {
        collect(group, key, bodies, keys, required, properties);
      } else {
        keys.add(key);
        boolean optional =
            returnType.startsWith("Optional") || annotations.contains("@WithDefault");
        if (!optional && !properties.containsKey(key)) {
          required.add(key);
        }
      }
    }
  }

  /** Each interface's own members, with nested bodies (groups, default methods) cut out. */
  private static Map<String, String> interfaceBodies(String source) {
    Map<String, String> bodies = new HashMap<>();
    Matcher declaration = INTERFACE.matcher(source);
    while (declaration.find()) {
      int start = declaration.end();
      StringBuilder own = new StringBuilder();
      int depth = 1;
      for (int i = start; i < source.length() && depth > 0; i++) {
        char c = source.charAt(i);
        if (c == '{') {
          depth++;
        } else if (c == '}') {
          depth--;
        } else if (depth == 1) {
          own.append(c);
        }
      }
      bodies.put(declaration.group(1), own.toString());
    }
    return bodies;
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  private static Map<String, String> applicationProperties(Path moduleDir) {
    Path file = moduleDir.resolve("src/main/resources/application.properties");
    Map<String, String> properties = new TreeMap<>();
    if (Files.exists(file)) {
      Properties loaded = new Properties();
      try (Reader in = Files.newBufferedReader(file)) {
        loaded.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // The default profile's value wins; keys that only a profile sets are keys all the same.
      loaded.forEach((k, v) -> properties.put(k.toString(), v.toString()));
      loaded.forEach(
          (k, v) -> properties.putIfAbsent(k.toString().replaceFirst("^%[\\w-]+\\.", ""), "" + v));
      properties.keySet().removeIf(k -> k.startsWith("%"));
    }
    return properties;
  }

  static Set<String> javaSources(Path moduleDir) {
    Path main = moduleDir.resolve("src/main/java");
    Set<String> sources = new HashSet<>();
    if (!Files.isDirectory(main)) {
      return sources;
    }
    try (Stream<Path> files = Files.walk(main)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        sources.add(BLOCK_COMMENT.matcher(Files.readString(f)).replaceAll(" "));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sources;
  }
}
