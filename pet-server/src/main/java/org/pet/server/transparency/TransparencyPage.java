package org.pet.server.transparency;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pet.server.http.ClasspathText;
import org.pet.server.http.Requests;
import org.pet.server.query.Budget;
import org.pet.transparency.LogEntry;

/**
 * The public transparency page at {@code /}: a plain-English account of the log for anyone, with no login -
 * the data-sharing agreements (searchable), the privacy budget each dataset has spent, and every recorded
 * event newest first, paged - rendered on the server, so it reads without JavaScript. A script
 * ({@code /static/verify.js}) then checks the whole log in the browser: the checkpoint's Ed25519 signature
 * (WebCrypto), every entry's leaf hash and the Merkle root, naming any entry that does not match.
 */
public final class TransparencyPage {

  /** Entries per page of the activity list. */
  static final int PER_PAGE = 25;
  private static final Map<String, String> ASSETS = Map.of("/static/transparency.css", "text/css; charset=utf-8",
      "/static/verify.js", "text/javascript; charset=utf-8");

  private final Requests requests;
  private final TransparencyService transparency;
  private final PublicRecord record;
  private final Map<String, String> assets = new java.util.HashMap<>();

  public TransparencyPage(Requests requests, TransparencyService transparency) {
    this.requests = requests;
    this.transparency = transparency;
    this.record = new PublicRecord(transparency);
    ASSETS.keySet().forEach(path -> assets.put(path, ClasspathText.read("/page" + path)));
  }

  public void mount(Router router) {
    router.get("/").handler(this::page);
    ASSETS.forEach((path, type) -> router.get(path).handler(ctx -> ctx.response().putHeader("Content-Type", type)
        .putHeader("Cache-Control", "no-cache").end(assets.get(path))));
  }

  private void page(RoutingContext ctx) {
    long page = Requests.queryLong(ctx, "page", 0, 0, Long.MAX_VALUE / PER_PAGE);
    List<String> queries = ctx.queryParam("q");
    String query = queries.isEmpty() ? "" : queries.get(0);
    if (query.length() > 200) {
      query = query.substring(0, 200);
    }
    String search = query;
    requests.vertx().executeBlocking(() -> render(page, search), false).onSuccess(html -> ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        .putHeader("X-Content-Type-Options", "nosniff").end(html)).onFailure(ctx::fail);
  }

  /** The page's HTML. */
  String render(long page, String query) throws SQLException {
    record.catchUp();
    org.pet.transparency.SignedCheckpoint signed = transparency.checkpoint();
    long size = signed.checkpoint().treeSize();
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Transparency log - pet</title>\n")
        .append("<link rel=\"stylesheet\" href=\"/static/transparency.css\">\n")
        .append("<script src=\"/static/verify.js\" defer></script>\n</head>\n<body>\n")
        .append("<a class=\"skip\" href=\"#main\">Skip to main content</a>\n")
        .append("<header><p class=\"service\">pet - privacy-enhancing technologies for public bodies</p></header>\n")
        .append("<main id=\"main\">\n<h1>What this server has shared, computed and released</h1>\n")
        .append("<p class=\"lead\">Public bodies use this server to compute statistics together without sharing raw "
            + "records. Everything it does is written to a public, tamper-evident log. This page shows that log in "
            + "plain English. You do not need to trust this server: your browser checks the log itself.</p>\n");
    verification(html, signed);
    agreements(html, query);
    budgets(html);
    activity(html, page, size, query);
    html.append("</main>\n<footer><p>Machine-readable: <a href=\"/v1/transparency/log\">log entries (JSON)</a>, "
        + "<a href=\"/v1/transparency/checkpoint\">signed checkpoint</a>, <a href=\"/v1/transparency/key\">public key"
        + "</a>, <a href=\"/openapi.yaml\">API</a>. Check a copy yourself with <code>pet log verify</code>.</p>"
        + "</footer>\n</body>\n</html>\n");
    return html.toString();
  }

  private void verification(StringBuilder html, org.pet.transparency.SignedCheckpoint signed) {
    long size = signed.checkpoint().treeSize();
    html.append("<section aria-labelledby=\"verification-heading\" class=\"panel\">\n")
        .append("<h2 id=\"verification-heading\">Is this log intact?</h2>\n")
        .append("<p>The server has signed the log at <strong>").append(size).append("</strong> ")
        .append(size == 1 ? "entry" : "entries").append(" (checkpoint of ")
        .append(escape(signed.checkpoint().timestamp().toString())).append(").</p>\n")
        .append("<p>Its signing key's fingerprint (SHA-256) is <code id=\"fingerprint\">")
        .append(fingerprint(transparency.publicKey())).append("</code>. Compare it with the one the operator "
            + "publishes elsewhere: a different key means a different log.</p>\n")
        .append("<div id=\"verify-status\" role=\"status\" aria-live=\"polite\" class=\"status pending\" "
            + "data-tree-size=\"").append(size).append("\">")
        .append("<p>Your browser can check every entry against the signed checkpoint. This needs JavaScript; "
            + "without it, use <code>pet log verify</code>.</p></div>\n")
        .append("<button type=\"button\" id=\"verify-button\" hidden>Check the log again</button>\n")
        .append("</section>\n");
  }

  private void agreements(StringBuilder html, String query) {
    List<PublicRecord.Agreement> found = record.agreements(query);
    html.append("<section aria-labelledby=\"agreements-heading\">\n")
        .append("<h2 id=\"agreements-heading\">Data-sharing agreements</h2>\n")
        .append("<form method=\"get\" action=\"/\" role=\"search\">\n")
        .append("<label for=\"q\">Search agreements by party, purpose, legal basis or data</label>\n")
        .append("<input type=\"search\" id=\"q\" name=\"q\" value=\"").append(escape(query)).append("\">\n")
        .append("<button type=\"submit\">Search</button>\n</form>\n");
    if (found.isEmpty()) {
      html.append("<p>").append(query.isBlank() ? "No agreements have been recorded yet."
          : "No agreement matches &ldquo;" + escape(query) + "&rdquo;.").append("</p>\n");
    } else {
      html.append("<table class=\"agreements\">\n<caption>").append(found.size())
          .append(found.size() == 1 ? " agreement" : " agreements").append(query.isBlank() ? ", newest first"
              : " matching &ldquo;" + escape(query) + "&rdquo;, newest first").append("</caption>\n")
          .append("<thead><tr><th scope=\"col\">Recorded</th><th scope=\"col\">Parties</th>"
              + "<th scope=\"col\">Purpose</th><th scope=\"col\">Legal basis</th><th scope=\"col\">Data shared</th>"
              + "</tr></thead>\n<tbody>\n");
      for (PublicRecord.Agreement agreement : found) {
        html.append("<tr><td>").append(escape(date(agreement.timestamp()))).append("</td><td>")
            .append(escape(String.join(", ", agreement.parties()))).append("</td><td>")
            .append(escape(agreement.purpose())).append("</td><td>").append(escape(agreement.legalBasis()))
            .append("</td><td>").append(escape(agreement.data())).append("</td></tr>\n");
      }
      html.append("</tbody>\n</table>\n");
    }
    html.append("</section>\n");
  }

  private void budgets(StringBuilder html) {
    List<PublicRecord.Dataset> datasets = record.datasets();
    html.append("<section aria-labelledby=\"budgets-heading\">\n<h2 id=\"budgets-heading\">Privacy spent per "
        + "dataset</h2>\n<p>Each answer from a dataset adds calibrated noise and spends part of the dataset's "
        + "privacy budget (epsilon; smaller is more private). Once spent, the server refuses further questions.</p>\n");
    if (datasets.isEmpty()) {
      html.append("<p>No datasets have been registered.</p>\n");
    }
    int bar = 0;
    for (PublicRecord.Dataset dataset : datasets) {
      html.append("<h3>").append(escape(dataset.name())).append(" <span class=\"id\">(").append(escape(dataset.id()))
          .append(")</span></h3>\n");
      Map<String, Budget> spent = record.spent(dataset.id());
      if (spent.isEmpty()) {
        spent = Map.of("*", Budget.ZERO);
      }
      for (Map.Entry<String, Budget> ledger : new java.util.TreeMap<>(spent).entrySet()) {
        double used = ledger.getValue().epsilon();
        double budget = dataset.budgetEpsilon();
        String who = ledger.getKey().equals("*") ? (dataset.budgetPer().equals("analyst") ? "all analysts together"
            : "all analysts (one shared budget)") : "analyst " + ledger.getKey();
        String id = "budget-" + bar++;
        double percent = budget > 0 ? Math.min(100, 100 * used / budget) : 0;
        html.append("<div class=\"budget\"><label for=\"").append(id).append("\">").append(escape(who))
            .append(": epsilon ").append(number(used)).append(" of ").append(number(budget)).append(" spent (")
            .append(String.format(Locale.ROOT, "%.0f", percent)).append("%)")
            .append(dataset.budgetDelta() > 0 ? ", delta " + number(ledger.getValue().delta()) + " of "
                + number(dataset.budgetDelta()) : "").append("</label>\n<meter id=\"")
            .append(id).append("\" min=\"0\" max=\"").append(number(budget)).append("\" value=\"")
            .append(number(Math.min(used, budget))).append("\" high=\"").append(number(budget * 0.8)).append("\">")
            .append(String.format(Locale.ROOT, "%.0f", percent)).append("%</meter></div>\n");
      }
    }
    html.append("</section>\n");
  }

  private void activity(StringBuilder html, long page, long size, String query) throws SQLException {
    long to = Math.max(0, size - page * PER_PAGE);
    long from = Math.max(0, to - PER_PAGE);
    html.append("<section aria-labelledby=\"activity-heading\">\n<h2 id=\"activity-heading\">Everything recorded, "
        + "newest first</h2>\n");
    Map<String, Long> counts = record.counts();
    html.append("<p>").append(size).append(size == 1 ? " entry" : " entries").append(" in all: ")
        .append(count(counts, "agreement", "agreement")).append(", ")
        .append(count(counts, "round-completed", "completed secure aggregation round")).append(", ")
        .append(count(counts, "linkage-completed", "completed data linkage")).append(", ")
        .append(count(counts, LedgerAudit.QUERY, "answered query")).append(", ")
        .append(count(counts, "batch-collected", "released task batch", "released task batches")).append(".</p>\n");
    if (to == 0) {
      html.append("<p>Nothing on this page.</p>\n");
    } else {
      html.append("<ol class=\"entries\" reversed start=\"").append(to).append("\">\n");
      List<LogEntry> entries = transparency.page(from, (int) (to - from));
      for (int i = entries.size() - 1; i >= 0; i--) {
        LogEntry entry = entries.get(i);
        html.append("<li id=\"entry-").append(entry.index()).append("\" data-index=\"").append(entry.index())
            .append("\"><span class=\"meta\">Entry ").append(entry.index()).append(" &middot; ")
            .append(escape(date(entry.timestamp()))).append(" &middot; <span class=\"type\">")
            .append(escape(entry.type())).append("</span></span> ").append(escape(PublicRecord.describe(entry)))
            .append("<span class=\"check\" aria-hidden=\"true\"></span></li>\n");
      }
      html.append("</ol>\n");
    }
    html.append("<nav aria-label=\"Pages of entries\" class=\"pages\">");
    String search = query.isBlank() ? "" : "&amp;q=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8);
    if (page > 0) {
      html.append("<a href=\"/?page=").append(page - 1).append(search).append("#activity-heading\">Newer entries</a> ");
    }
    if (from > 0) {
      html.append("<a href=\"/?page=").append(page + 1).append(search).append("#activity-heading\">Older entries</a>");
    }
    html.append("</nav>\n</section>\n");
  }

  private static String count(Map<String, Long> counts, String type, String noun) {
    return count(counts, type, noun, noun + "s");
  }

  private static String count(Map<String, Long> counts, String type, String noun, String plural) {
    long n = counts.getOrDefault(type, 0L);
    return n + " " + (n == 1 ? noun : plural);
  }

  /** Four significant digits, without an exponent or trailing zeros: 2, 0.5, 0.3333, 0.000001. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static String date(String timestamp) {
    return timestamp.length() >= 16 ? timestamp.substring(0, 10) + " " + timestamp.substring(11, 16) + " UTC"
        : timestamp;
  }

  /** SHA-256 of the key in hex, in groups of four. */
  static String fingerprint(byte[] publicKey) {
    return org.pet.server.http.Digests.sha256Hex(publicKey).replaceAll("(.{4})(?!$)", "$1 ");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
