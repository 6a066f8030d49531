package org.pet.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A small secret file in the data directory (a private key): created readable by its owner only from the
 * first byte (mode 600 on POSIX file systems), written to a temporary name, forced to disk and then moved
 * into place, so a crash never leaves a partial key.
 */
public final class SecretFile {

  private static final System.Logger LOG = System.getLogger(SecretFile.class.getName());

  private SecretFile() {}

  /**
   * Writes {@code content} (ASCII) to {@code file}, replacing nothing: the caller checked it does not exist.
   *
   * @throws IOException if it cannot be written
   */
  public static void create(Path file, String content) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temporary = directory.resolve(file.getFileName() + ".new");
    Files.deleteIfExists(temporary);
    if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(temporary);
      LOG.log(System.Logger.Level.WARNING, "the file system of {0} has no POSIX permissions: protect {1} with the "
          + "directory's access control", directory, file.getFileName());
    }
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
      directoryChannel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // some platforms cannot sync a directory; the file itself is on disk
    }
  }
}
