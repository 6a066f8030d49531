package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import org.pet.secagg.IdentityKeyPair;

/**
 * An agency's identity on disk: a JSON file {@code {"agency": id, "algorithm": "Ed25519", "privateKey":
 * base64url, "publicKey": base64url}}, created readable by its owner only (mode 600 where the file system
 * has POSIX permissions). The public key is what the administrator registers with {@code POST /v1/agencies}.
 */
public record AgencyKeyFile(String agency, IdentityKeyPair key) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public AgencyKeyFile {
    if (agency == null || agency.isBlank()) {
      throw new IllegalArgumentException("the agency id must not be blank");
    }
    if (key == null) {
      throw new IllegalArgumentException("the key must not be null");
    }
  }

  /** A new identity for {@code agency} with a freshly generated key. */
  public static AgencyKeyFile generate(String agency) {
    return new AgencyKeyFile(agency, IdentityKeyPair.generate());
  }

  /** The public key in base64url without padding, as {@code POST /v1/agencies} expects it. */
  public String publicKeyBase64() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey());
  }

  /**
   * Writes the identity to a new file.
   *
   * @throws FileAlreadyExistsException if {@code file} exists (a key is never overwritten)
   */
  public void write(Path file) throws IOException {
    ObjectNode json = JSON.createObjectNode().put("agency", agency).put("algorithm", "Ed25519")
        .put("privateKey", Base64.getUrlEncoder().withoutPadding().encodeToString(key.privateKey()))
        .put("publicKey", publicKeyBase64());
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /**
   * Reads an identity written by {@link #write(Path)}.
   *
   * @throws IllegalArgumentException if the file is not a valid pet agency key file (the message says why)
   * @throws IOException if it cannot be read
   */
  public static AgencyKeyFile read(Path file) throws IOException {
    JsonNode json;
    try {
      json = JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not a pet agency key file (not JSON)");
    }
    if (json == null || !json.path("algorithm").asText().equals("Ed25519") || !json.hasNonNull("agency")
        || !json.hasNonNull("privateKey")) {
      throw new IllegalArgumentException(file + " is not a pet agency key file (needs agency, algorithm Ed25519, "
          + "privateKey)");
    }
    byte[] privateKey;
    try {
      privateKey = Base64.getUrlDecoder().decode(json.get("privateKey").asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": privateKey is not base64url");
    }
    IdentityKeyPair key = IdentityKeyPair.fromPrivateKey(privateKey);
    if (json.hasNonNull("publicKey") && !Arrays.equals(Base64.getUrlDecoder().decode(json.get("publicKey").asText()),
        key.publicKey())) {
      throw new IllegalArgumentException(file + ": publicKey does not match privateKey");
    }
    return new AgencyKeyFile(json.get("agency").asText(), key);
  }
}
