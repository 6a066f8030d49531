package org.pet.server.transparency;

import com.google.crypto.tink.subtle.Ed25519Sign;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The server's Ed25519 log-signing key, kept in a file of its own in the data directory
 * ({@value #FILE_NAME}: the base64 of the 32-byte private key), outside the database, so that write access
 * to the database alone cannot sign a rewritten history. A new key file is created readable by its owner
 * only from the first byte (mode 600 on POSIX file systems), written to a temporary name, forced to disk
 * and then moved into place, so a crash never leaves a partial key.
 */
final class ServerSigningKey {

  static final String FILE_NAME = "server-ed25519.key";
  private static final System.Logger LOG = System.getLogger(ServerSigningKey.class.getName());

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
      Path directory = file.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path temporary = directory.resolve(FILE_NAME + ".new");
      Files.deleteIfExists(temporary);
      if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(temporary);
        LOG.log(System.Logger.Level.WARNING, "the file system of {0} has no POSIX permissions: protect the server "
            + "signing key with the directory's access control", directory);
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(Base64.getEncoder().encodeToString(key.privateKey)
            .getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
        directoryChannel.force(true);
      } catch (IOException | UnsupportedOperationException e) {
        // some platforms cannot sync a directory; the key file itself is on disk
      }
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
