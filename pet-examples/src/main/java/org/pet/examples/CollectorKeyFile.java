package org.pet.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.pet.server.store.SecretFile;
import org.pet.vdaf.Hpke;

/**
 * The collector's HPKE key file: one line, the base64url of the 32-byte X25519 private key, created
 * owner-only ({@link SecretFile}). Aggregators seal each batch's aggregate shares to its public half, so
 * only the holder of this file can read a collected result.
 */
final class CollectorKeyFile {

  private CollectorKeyFile() {}

  /** Reads the key, creating the file with a fresh key first if it does not exist. */
  static Hpke.KeyPair readOrCreate(String option, Path file) {
    if (!Files.exists(file)) {
      Hpke.KeyPair keys = Hpke.generateKeyPair();
      try {
        SecretFile.create(file, Base64.getUrlEncoder().withoutPadding().encodeToString(keys.privateKey()) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
      return keys;
    }
    return read(option, file);
  }

  /**
   * Reads the key.
   *
   * @throws UsageException if the file is missing or is not a collector key file
   */
  static Hpke.KeyPair read(String option, Path file) {
    Inputs.readableFile(option, file);
    try {
      return Hpke.fromPrivateKey(Base64.getUrlDecoder().decode(Files.readString(file).strip()));
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + file + " is not a collector key file (the base64url of a 32-byte "
          + "X25519 private key, as pet task create writes it)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
