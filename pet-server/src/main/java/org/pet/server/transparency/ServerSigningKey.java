package org.pet.server.transparency;

import com.google.crypto.tink.subtle.Ed25519Sign;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The server's Ed25519 log-signing key, kept in a file of its own in the data directory
 * ({@value #FILE_NAME}: the base64 of the 32-byte private key), outside the database, so that write access
 * to the database alone cannot sign a rewritten history. A new key file is written as a {@link
 * org.pet.server.store.SecretFile} (owner-only, atomic, forced to disk).
 */
final class ServerSigningKey {

  static final String FILE_NAME = "server-ed25519.key";

  private final byte[] privateKey;
  private final byte[] publicKey;

  private ServerSigningKey(Ed25519Sign.KeyPair keys) {
    this.privateKey = keys.getPrivateKey();
    this.publicKey = keys.getPublicKey();
  }

  static Path file(Path dataDirectory) {
    return dataDirectory.resolve(FILE_NAME);
  }

  /**
   * Reads the key file.
   *
   * @throws IllegalStateException if it is not a valid key file (the message names the file, never the key)
   */
  static ServerSigningKey read(Path file) {
    try {
      byte[] seed = Base64.getDecoder().decode(Files.readString(file).strip());
      return new ServerSigningKey(Ed25519Sign.KeyPair.newKeyPairFromSeed(seed));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalStateException("the server signing key file " + file + " is not a valid key (the base64 of a "
          + "32-byte Ed25519 private key)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the server signing key file " + file, e);
    }
  }

  /** Generates a new key and writes it to {@code file}, which must not exist. */
  static ServerSigningKey create(Path file) {
    try {
      ServerSigningKey key = new ServerSigningKey(Ed25519Sign.KeyPair.newKeyPair());
      org.pet.server.store.SecretFile.create(file, Base64.getEncoder().encodeToString(key.privateKey));
      return key;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate the server signing key", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the server signing key file " + file, e);
    }
  }

  byte[] privateKey() {
    return privateKey.clone();
  }

  byte[] publicKey() {
    return publicKey.clone();
  }
}
