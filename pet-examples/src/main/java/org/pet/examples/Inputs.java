package org.pet.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pet.examples.client.AgencyKeyFile;

/**
 * Checks of command-line values, each throwing {@link UsageException} with one message form:
 * {@code "--epsilon must be finite and > 0, was 0.0"}. Commands call them before any request is sent.
 */
public final class Inputs {

  private Inputs() {}

  /** A privacy parameter epsilon: finite and {@code > 0}. */
  public static double epsilon(String option, double value) {
    require(value > 0 && value < Double.POSITIVE_INFINITY, option, "finite and > 0", value);
    return value;
  }

  /** A privacy parameter delta: in [0, 1). */
  public static double delta(String option, double value) {
    require(value >= 0 && value < 1, option, "in [0, 1)", value);
    return value;
  }

  /** A finite number. */
  public static double finite(String option, double value) {
    require(Double.isFinite(value), option, "finite", value);
    return value;
  }

  /** An integer of at least {@code min}. */
  public static long atLeast(String option, long value, long min) {
    require(value >= min, option, ">= " + min, value);
    return value;
  }

  /** A file that exists and can be read. */
  public static Path readableFile(String option, Path file) {
    if (!Files.exists(file)) {
      throw new UsageException(option + ": no such file: " + file);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UsageException(option + ": not a readable file: " + file);
    }
    return file;
  }

  /**
   * A file a command will write once its work is done: checked before the work starts, so that a long
   * computation does not end in "cannot write". Its directory must exist and be writable, and the file, if
   * it exists, must be a writable regular file (it will be replaced).
   *
   * @throws UsageException naming the option otherwise
   */
  public static Path outputFile(String option, Path file) {
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new UsageException(option + ": no such directory: " + (directory == null ? absolute : directory));
    }
    if (Files.exists(absolute) ? !Files.isRegularFile(absolute) || !Files.isWritable(absolute)
        : !Files.isWritable(directory)) {
      throw new UsageException(option + ": cannot write " + file + (Files.isDirectory(absolute) ? " (a directory)"
          : " (no permission)"));
    }
    return file;
  }

  /** An agency key file (from {@code pet agency keygen}), readable and well-formed. */
  public static AgencyKeyFile agencyKey(String option, Path file) {
    try {
      return AgencyKeyFile.read(readableFile(option, file));
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** An absolute http(s) address of a pet server. */
  public static URI serverAddress(String option, String address) {
    try {
      URI uri = new URI(address);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
          throw new UsageException(option + " must be an address without a query or fragment (a path such as "
              + "http://gateway/pet is fine), was " + address);
        }
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new UsageException(option + " must be an http:// or https:// address such as http://localhost:8080, was "
        + address);
  }

  /** An id that goes into a request path as it is: letters, digits, '.', '_' and '-'. */
  public static String pathSegment(String option, String id) {
    require(id.matches("[A-Za-z0-9._-]+") && !id.matches("\\.+"), option, "an id of letters, digits, '.', '_' "
        + "and '-'", "\"" + id + "\"");
    return id;
  }

  /**
   * Throws unless {@code valid}.
   *
   * @throws UsageException "option must be requirement, was value"
   */
  public static void require(boolean valid, String option, String requirement, Object value) {
    if (!valid) {
      throw new UsageException(option + " must be " + requirement + ", was " + value);
    }
  }
}
