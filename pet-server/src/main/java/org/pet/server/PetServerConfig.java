package org.pet.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * How a pet server runs.
 *
 * @param port the TCP port; 0 picks a free one (tests)
 * @param databaseUrl a JDBC URL; null means embedded H2 in file mode under the data directory
 * @param adminToken the bearer token for administrative requests; at least 16 characters
 * @param dataDirectory where the embedded database and the server's signing key live
 * @param maxBodyBytes requests with larger bodies are refused with 413 before parsing
 * @param sparkMaster the Spark master URL (e.g. {@code local[4]}, {@code spark://host:7077}) on which
 *     datasets registered with {@code "engine": "spark"} are answered, when pet-spark is on the classpath;
 *     null: no Spark engine
 * @param role {@code leader} or {@code helper}: this server's role in two-aggregator (Prio3) tasks, each
 *     aggregator with its own database, keys and log; null: the server takes no tasks
 * @param tlsCert a PEM certificate chain: serve HTTPS with it and {@code tlsKey}; null for plain HTTP (for
 *     example behind a TLS-terminating proxy)
 * @param tlsKey the PEM private key (PKCS#8) of {@code tlsCert}
 * @param peerCa a PEM file of CA certificates to trust, besides the JDK's, for this leader's requests to a
 *     helper; null: the JDK's authorities only
 */
public record PetServerConfig(int port, String databaseUrl, String adminToken, Path dataDirectory, long maxBodyBytes,
    String sparkMaster, String role, Path tlsCert, Path tlsKey, Path peerCa) {

  /** The roles a server may take in two-aggregator tasks. */
  public static final java.util.List<String> ROLES = java.util.List.of("leader", "helper");

  public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;

  /** @throws IllegalArgumentException naming the first invalid setting */
  public PetServerConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("`port` must be in [0, 65535], was " + port);
    }
    Objects.requireNonNull(adminToken, "adminToken");
    if (adminToken.length() < 16) {
      throw new IllegalArgumentException("`adminToken` must have at least 16 characters");
    }
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("`maxBodyBytes` must be >= 1024, was " + maxBodyBytes);
    }
    if (sparkMaster != null && sparkMaster.isBlank()) {
      throw new IllegalArgumentException("`sparkMaster` must not be blank");
    }
    if (role != null && !ROLES.contains(role)) {
      throw new IllegalArgumentException("`role` must be one of " + ROLES + ", was " + role);
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("`tlsCert` and `tlsKey` go together: give both for HTTPS, or neither");
    }
  }

  /** A configuration without TLS. */
  public PetServerConfig(int port, String databaseUrl, String adminToken, Path dataDirectory, long maxBodyBytes,
      String sparkMaster, String role) {
    this(port, databaseUrl, adminToken, dataDirectory, maxBodyBytes, sparkMaster, role, null, null, null);
  }

  /** Whether the server serves HTTPS. */
  public boolean tls() {
    return tlsCert != null;
  }

  /** A configuration without a Spark master and without an aggregator role. */
  public PetServerConfig(int port, String databaseUrl, String adminToken, Path dataDirectory, long maxBodyBytes) {
    this(port, databaseUrl, adminToken, dataDirectory, maxBodyBytes, null, null, null, null, null);
  }

  /** A configuration without an aggregator role. */
  public PetServerConfig(int port, String databaseUrl, String adminToken, Path dataDirectory, long maxBodyBytes,
      String sparkMaster) {
    this(port, databaseUrl, adminToken, dataDirectory, maxBodyBytes, sparkMaster, null, null, null, null);
  }

  /** The JDBC URL in use: the configured one, or embedded H2 under the data directory. */
  public String effectiveDatabaseUrl() {
    return databaseUrl != null ? databaseUrl
        : "jdbc:h2:file:" + dataDirectory.resolve("pet").toAbsolutePath() + ";DB_CLOSE_DELAY=-1";
  }

  /**
   * Reads PET_PORT, PET_DB_URL, PET_ADMIN_TOKEN, PET_DATA_DIR, PET_MAX_BODY_BYTES, PET_SPARK_MASTER,
   * PET_ROLE, PET_TLS_CERT, PET_TLS_KEY and PET_PEER_CA, with defaults 8080, embedded H2, ./pet-data, no Spark,
   * no role and plain HTTP; the admin token is required.
   *
   * @throws IllegalArgumentException naming the missing or invalid variable
   */
  public static PetServerConfig fromEnvironment(Map<String, String> env) {
    return fromSources(new Properties(), env);
  }

  /**
   * Reads a properties file ({@code port}, {@code db.url}, {@code admin.token}, {@code data.dir},
   * {@code max.body.bytes}, {@code spark.master}, {@code role}, {@code tls.cert}, {@code tls.key},
   * {@code peer.ca}), then lets the environment variables of {@link #fromEnvironment} override it.
   *
   * @throws IllegalArgumentException naming the missing or invalid setting
   * @throws IOException if the file cannot be read
   */
  public static PetServerConfig fromFile(Path file, Map<String, String> env) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    return fromSources(properties, env);
  }

  private static PetServerConfig fromSources(Properties file, Map<String, String> env) {
    String token = setting(file, env, "admin.token", "PET_ADMIN_TOKEN", null);
    if (token == null) {
      throw new IllegalArgumentException("PET_ADMIN_TOKEN (or admin.token in the configuration file) must be set");
    }
    return new PetServerConfig((int) number(file, env, "port", "PET_PORT", 8080), setting(file, env, "db.url",
        "PET_DB_URL", null), token, Path.of(setting(file, env, "data.dir", "PET_DATA_DIR", "pet-data")),
        number(file, env, "max.body.bytes", "PET_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
        setting(file, env, "spark.master", "PET_SPARK_MASTER", null), setting(file, env, "role", "PET_ROLE", null),
        path(file, env, "tls.cert", "PET_TLS_CERT"), path(file, env, "tls.key", "PET_TLS_KEY"),
        path(file, env, "peer.ca", "PET_PEER_CA"));
  }

  private static String setting(Properties file, Map<String, String> env, String key, String variable,
      String fallback) {
    String value = env.get(variable);
    return value != null ? value : file.getProperty(key, fallback);
  }

  private static Path path(Properties file, Map<String, String> env, String key, String variable) {
    String value = setting(file, env, key, variable, null);
    return value == null || value.isBlank() ? null : Path.of(value.strip());
  }

  private static long number(Properties file, Map<String, String> env, String key, String variable, long fallback) {
    String value = setting(file, env, key, variable, null);
    try {
      return value == null ? fallback : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + " (" + key + ") must be an integer, was " + value);
    }
  }

  @Override
  public String toString() {
    return "PetServerConfig{port=" + port + ", database=" + (databaseUrl == null ? "embedded H2" : "configured")
        + ", dataDirectory=" + dataDirectory + (sparkMaster == null ? "" : ", sparkMaster=" + sparkMaster)
        + (role == null ? "" : ", role=" + role) + (tlsCert == null ? "" : ", tls=" + tlsCert) + "}";
  }
}
