package org.pet.server.transparency;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.pet.server.auth.Authentication;
import org.pet.server.http.HttpProblem;
import org.pet.server.http.JsonFields;
import org.pet.server.http.Requests;
import org.pet.server.query.Budget;
import org.pet.transparency.LogEntry;
import org.pet.transparency.SignedCheckpoint;

/**
 * The public transparency log: agreements (administrator), entries, the signed checkpoint, inclusion and
 * consistency proofs, the server's key, the server's own verification and the ledgers it holds (for the
 * public ledger audit).
 */
public final class TransparencyRoutes {

  /** The most entries one page of the log returns. */
  public static final int MAX_PAGE = 1000;
  private static final HexFormat HEX = HexFormat.of();

  /** Where the ledgers the server holds come from. */
  @FunctionalInterface
  public interface Ledgers {
    Map<String, Map<String, Budget>> held() throws SQLException;
  }

  private final Requests requests;
  private final Authentication authentication;
  private final TransparencyService transparency;
  private final Ledgers ledgers;

  public TransparencyRoutes(Requests requests, Authentication authentication, TransparencyService transparency,
      Ledgers ledgers) {
    this.requests = requests;
    this.authentication = authentication;
    this.transparency = transparency;
    this.ledgers = ledgers;
  }

  public void mount(Router router) {
    router.post("/v1/agreements").handler(authentication::requireAdmin).handler(this::recordAgreement);
    router.get("/v1/transparency/log").handler(this::page);
    router.get("/v1/transparency/checkpoint").handler(ctx -> ctx.json(checkpointJson(transparency.checkpoint())));
    router.get("/v1/transparency/leaves").handler(ctx -> {
      long from = Requests.queryLong(ctx, "from", 0, 0, transparency.checkpoint().checkpoint().treeSize());
      int limit = (int) Requests.queryLong(ctx, "limit", 1000, 1, MAX_PAGE);
      requests.blocking(ctx, () -> transparency.leafHashes(from, limit), hashes -> new JsonObject()
          .put("from", from).put("treeSize", transparency.checkpoint().checkpoint().treeSize())
          .put("leafHashes", hexes(hashes)));
    });
    router.get("/v1/transparency/proof/inclusion").handler(this::inclusion);
    router.get("/v1/transparency/proof/consistency").handler(this::consistency);
    router.get("/v1/transparency/key").handler(ctx -> ctx.json(new JsonObject().put("algorithm", "Ed25519")
        .put("publicKey", Base64.getUrlEncoder().withoutPadding().encodeToString(transparency.publicKey()))
        .put("origin", transparency.origin())
        .put("verifierKey", SignedCheckpoint.verifierKey(transparency.origin(), transparency.publicKey()))));
    router.get("/v1/transparency/ledgers").handler(ctx ->
        requests.blocking(ctx, ledgers::held, LedgerAudit::toJson));
    router.get("/v1/transparency/log/verify").handler(ctx -> requests.blocking(ctx, this::verify, problems ->
        new JsonObject().put("valid", problems.isEmpty())
            .put("treeSize", transparency.checkpoint().checkpoint().treeSize())
            .put("problems", new JsonArray(new ArrayList<>(problems)))));
  }

  /** Records a data-sharing agreement in the transparency log. */
  private void recordAgreement(RoutingContext ctx) {
    JsonObject body = Requests.jsonObject(ctx);
    JsonArray parties = JsonFields.requiredArray(body, "parties");
    if (parties.size() < 2 || parties.size() > 100
        || parties.stream().anyMatch(p -> !(p instanceof String s) || s.isBlank() || s.length() > 200)) {
      throw HttpProblem.badRequest("`parties` must list 2 to 100 non-blank names of at most 200 characters");
    }
    JsonObject agreement = new JsonObject().put("parties", parties)
        .put("purpose", JsonFields.requiredText(body, "purpose"))
        .put("legalBasis", JsonFields.requiredText(body, "legalBasis"))
        .put("data", JsonFields.requiredText(body, "data"));
    requests.created(ctx, () -> entryJson(transparency.append("agreement", agreement.encode())));
  }

  private void page(RoutingContext ctx) {
    long from = Requests.queryLong(ctx, "from", 0, 0, Long.MAX_VALUE);
    int limit = (int) Requests.queryLong(ctx, "limit", 100, 1, MAX_PAGE);
    requests.blocking(ctx, () -> transparency.page(from, limit), entries -> {
      JsonArray array = new JsonArray();
      entries.forEach(e -> array.add(entryJson(e)));
      return new JsonObject().put("entries", array);
    });
  }

  private void inclusion(RoutingContext ctx) {
    long latest = transparency.checkpoint().checkpoint().treeSize();
    if (latest == 0) {
      throw HttpProblem.badRequest("the log is empty: there is no entry to prove");
    }
    long size = Requests.queryLong(ctx, "size", latest, 1, latest);
    long index = Requests.queryLong(ctx, "index", -1, 0, size - 1);
    if (index < 0) {
      throw HttpProblem.badRequest("`index` is required");
    }
    // On a worker: the proof waits for the log's lock, which an append holds until its transaction ends.
    requests.blocking(ctx, () -> transparency.inclusionProof(index, size), proof -> new JsonObject()
        .put("index", index).put("treeSize", size).put("leafHash", HEX.formatHex(proof.leafHash()))
        .put("auditPath", hexes(proof.path())));
  }

  private void consistency(RoutingContext ctx) {
    long latest = transparency.checkpoint().checkpoint().treeSize();
    long to = Requests.queryLong(ctx, "to", latest, 0, latest);
    long from = Requests.queryLong(ctx, "from", -1, 0, to);
    if (from < 0) {
      throw HttpProblem.badRequest("`from` is required");
    }
    requests.blocking(ctx, () -> transparency.consistencyProof(from, to), proof -> new JsonObject().put("from", from)
        .put("to", to).put("proof", hexes(proof)));
  }

  private List<String> verify() throws SQLException {
    List<String> problems = new ArrayList<>(transparency.verifyEntries());
    LedgerAudit audit = new LedgerAudit();
    transparency.forEachEntry(audit::add);
    problems.addAll(audit.compare(ledgers.held()));
    return problems;
  }

  private static JsonArray hexes(List<byte[]> hashes) {
    JsonArray array = new JsonArray();
    hashes.forEach(hash -> array.add(HEX.formatHex(hash)));
    return array;
  }

  /** The JSON of a log entry: its fields, the payload parsed and as the exact text hashed, its leaf hash. */
  public static JsonObject entryJson(LogEntry entry) {
    return new JsonObject().put("index", entry.index()).put("timestamp", entry.timestamp()).put("type", entry.type())
        .put("payload", new JsonObject(entry.payload())).put("payloadText", entry.payload())
        .put("leafHash", HEX.formatHex(entry.leafHash()));
  }

  /** The JSON of a signed checkpoint: the signed note, and its fields for convenience. */
  public static JsonObject checkpointJson(SignedCheckpoint signed) {
    return new JsonObject().put("origin", signed.checkpoint().origin()).put("treeSize", signed.checkpoint().treeSize())
        .put("rootHash", HEX.formatHex(signed.checkpoint().rootHash()))
        .put("timestamp", signed.checkpoint().timestamp().toString()).put("note", signed.note());
  }
}
