package org.pet.server.http;

import java.util.regex.Pattern;

/**
 * The one syntax of every id a caller chooses or names - agencies, analysts - and of every id in a path
 * (datasets, rounds, linkage sessions): 1 to 64 ASCII letters, digits, {@code .}, {@code _} or {@code -}.
 * ASCII only, so an id reads the same in a URL, in a database column and in the {@code X-Pet-Agency}
 * header (which HTTP carries as ISO-8859-1).
 */
public final class Ids {

  public static final int MAX_LENGTH = 64;
  private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");
  public static final String DESCRIPTION = "1-" + MAX_LENGTH + " ASCII letters, digits, '.', '_' or '-'";

  private Ids() {}

  /** Whether {@code id} has the id syntax. */
  public static boolean valid(String id) {
    return id != null && SYNTAX.matcher(id).matches();
  }

  /**
   * Returns {@code id} if it has the id syntax.
   *
   * @throws HttpProblem 400 naming {@code field} otherwise (the value is not echoed: it may be long or binary)
   */
  public static String require(String field, String id) {
    if (!valid(id)) {
      throw HttpProblem.badRequest("`" + field + "` must be " + DESCRIPTION);
    }
    return id;
  }

  /**
   * A path's id: anything without the id syntax cannot name a resource.
   *
   * @throws HttpProblem 404 for {@code what} otherwise
   */
  public static String inPath(String id, String what) {
    if (!valid(id)) {
      throw HttpProblem.notFound("no " + what + " with that id (ids are " + DESCRIPTION + ")");
    }
    return id;
  }
}
