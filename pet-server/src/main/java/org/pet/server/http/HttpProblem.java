package org.pet.server.http;

/**
 * A request that fails with an RFC 9457 problem: the status, a short title and a detail that names the
 * offending field. Never carries secrets or stack traces to the client.
 */
public final class HttpProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int status;
  private final String title;

  public HttpProblem(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
  }

  public static HttpProblem badRequest(String detail) {
    return new HttpProblem(400, "Bad Request", detail);
  }

  public static HttpProblem unauthorized(String detail) {
    return new HttpProblem(401, "Unauthorized", detail);
  }

  public static HttpProblem notFound(String detail) {
    return new HttpProblem(404, "Not Found", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
