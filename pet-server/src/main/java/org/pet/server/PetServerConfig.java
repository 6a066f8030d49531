package org.pet.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How a pet server runs.
 *
 * @param port the TCP port; 0 picks a free one (tests)
 * @param databaseUrl a JDBC URL; null means embedded H2 in file mode under the data directory
 * @param adminToken the bearer token for administrative requests; at least 16 characters
 * @param dataDirectory where the embedded database and the server's signing key live
 * @param maxBodyBytes requests with larger bodies are refused with 413 before parsing
 */
public record PetServerConfig(int port, String databaseUrl, String adminToken, Path dataDirectory, long maxBodyBytes) {

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
  }

  /** The JDBC URL in use: the configured one, or embedded H2 under the data directory. */
  public String effectiveDatabaseUrl() {
    return databaseUrl != null ? databaseUrl
        : "jdbc:h2:file:" + dataDirectory.resolve("pet").toAbsolutePath() + ";DB_CLOSE_DELAY=-1";
  }

  /**
   * Reads PET_PORT, PET_DB_URL, PET_ADMIN_TOKEN, PET_DATA_DIR and PET_MAX_BODY_BYTES, with defaults 8080,
   * embedded H2 and ./pet-data; the admin token is required.
   */
  public static PetServerConfig fromEnvironment(Map<String, String> env) {
    String token = env.get("PET_ADMIN_TOKEN");
    if (token == null) {
      throw new IllegalArgumentException("PET_ADMIN_TOKEN must be set");
    }
    return new PetServerConfig(Integer.parseInt(env.getOrDefault("PET_PORT", "8080")), env.get("PET_DB_URL"), token,
        Path.of(env.getOrDefault("PET_DATA_DIR", "pet-data")),
        Long.parseLong(env.getOrDefault("PET_MAX_BODY_BYTES", Long.toString(DEFAULT_MAX_BODY_BYTES))));
  }

  @Override
  public String toString() {
    return "PetServerConfig{port=" + port + ", database=" + (databaseUrl == null ? "embedded H2" : "configured")
        + ", dataDirectory=" + dataDirectory + "}";
  }
}
