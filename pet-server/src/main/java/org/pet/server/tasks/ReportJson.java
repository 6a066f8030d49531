package org.pet.server.tasks;

import io.vertx.core.json.JsonObject;
import java.util.Base64;
import org.pet.server.http.HttpProblem;
import org.pet.server.http.Ids;
import org.pet.vdaf.Report;

/**
 * A report as agencies upload it ({@code POST /v1/tasks/{id}/reports}) and the leader forwards it: {@code
 * {"reportId", "agency", "publicShare", "leaderShare", "helperShare", "signature"}}, byte strings in
 * base64url without padding.
 */
public final class ReportJson {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** A report and the agency's signature over it. */
  public record Signed(Report report, byte[] signature) {}

  private ReportJson() {}

  public static JsonObject toJson(Report report, byte[] signature) {
    return new JsonObject().put("reportId", B64.encodeToString(report.reportId())).put("agency", report.agency())
        .put("publicShare", B64.encodeToString(report.publicShare()))
        .put("leaderShare", B64.encodeToString(report.leaderShare()))
        .put("helperShare", B64.encodeToString(report.helperShare()))
        .put("signature", B64.encodeToString(signature));
  }

  /**
   * Parses a report of task {@code taskId}.
   *
   * @throws HttpProblem 400 naming the missing or malformed field
   */
  public static Signed parse(String taskId, JsonObject json) {
    String agency = Ids.require("agency", json.getValue("agency") instanceof String id ? id : null);
    byte[] reportId = bytes(json, "reportId");
    if (reportId.length != 16) {
      throw HttpProblem.badRequest("`reportId` must be 16 bytes, had " + reportId.length);
    }
    byte[] signature = bytes(json, "signature");
    if (signature.length != 64) {
      throw HttpProblem.badRequest("`signature` must be a 64-byte Ed25519 signature, had " + signature.length);
    }
    return new Signed(new Report(taskId, reportId, agency, bytes(json, "publicShare"), bytes(json, "leaderShare"),
        bytes(json, "helperShare")), signature);
  }

  static byte[] bytes(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (!(value instanceof String text)) {
      throw HttpProblem.badRequest("`" + field + "` must be a base64url string");
    }
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest("`" + field + "` is not valid base64url");
    }
  }

  static String text(byte[] bytes) {
    return B64.encodeToString(bytes);
  }
}
