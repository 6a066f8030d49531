package org.pet.server.tasks;

import com.google.crypto.tink.subtle.Ed25519Sign;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import org.pet.server.store.SecretFile;
import org.pet.vdaf.Hpke;

/**
 * This aggregator's two keys, in {@value #FILE_NAME} in the data directory (a {@link SecretFile}: two lines,
 * the base64 of the Ed25519 seed and of the X25519 private key): the Ed25519 key signs its messages to the
 * other aggregator (whose administrator registers its public half in the task), the HPKE key opens the
 * input shares agencies seal to it. Created on first start; back it up with the data directory - reports
 * sealed to a lost key cannot be opened.
 */
public final class AggregatorKeys {

  static final String FILE_NAME = "aggregator.keys";

  private final Ed25519Sign signer;
  private final byte[] signingPublicKey;
  private final Hpke.KeyPair hpke;

  private AggregatorKeys(byte[] seed, Hpke.KeyPair hpke) throws GeneralSecurityException {
    Ed25519Sign.KeyPair keys = Ed25519Sign.KeyPair.newKeyPairFromSeed(seed);
    this.signer = new Ed25519Sign(keys.getPrivateKey());
    this.signingPublicKey = keys.getPublicKey();
    this.hpke = hpke;
  }

  /**
   * Reads the key file, creating it first if it does not exist.
   *
   * @throws IllegalStateException if the file is not a valid key file (the message names the file only)
   */
  public static AggregatorKeys loadOrCreate(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        byte[] seed = Ed25519Sign.KeyPair.newKeyPair().getPrivateKey();
        Hpke.KeyPair hpke = Hpke.generateKeyPair();
        SecretFile.create(file, Base64.getEncoder().encodeToString(seed) + "\n"
            + Base64.getEncoder().encodeToString(hpke.privateKey()) + "\n");
      }
      List<String> lines = Files.readAllLines(file);
      if (lines.size() < 2) {
        throw new IllegalArgumentException("two lines expected");
      }
      return new AggregatorKeys(Base64.getDecoder().decode(lines.get(0).strip()),
          Hpke.fromPrivateKey(Base64.getDecoder().decode(lines.get(1).strip())));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalStateException("the aggregator key file " + file + " is not valid (two lines: the base64 of a "
          + "32-byte Ed25519 seed and of a 32-byte X25519 private key); restore it from your backup");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the aggregator key file " + file, e);
    }
  }

  /** The Ed25519 public key the other aggregator verifies this one's messages with. */
  public byte[] signingPublicKey() {
    return signingPublicKey.clone();
  }

  byte[] sign(byte[] content) {
    try {
      return signer.sign(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign", e);
    }
  }

  /** The HPKE key pair input shares are sealed to. */
  public Hpke.KeyPair hpke() {
    return hpke;
  }
}
