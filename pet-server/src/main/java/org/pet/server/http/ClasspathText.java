package org.pet.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A UTF-8 text resource shipped in pet-server's jar (the API document, the transparency page's assets). */
public final class ClasspathText {

  private ClasspathText() {}

  /**
   * The resource's text.
   *
   * @throws UncheckedIOException if it cannot be read
   * @throws IllegalStateException if there is no such resource
   */
  public static String read(String name) {
    try (InputStream in = ClasspathText.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
