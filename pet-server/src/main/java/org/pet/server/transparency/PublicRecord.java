package org.pet.server.transparency;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pet.server.query.Budget;
import org.pet.transparency.LogEntry;

/**
 * What the transparency page shows, read from the log itself: the agreements, the datasets with their
 * budgets and the privacy each ledger has spent, counts per kind of event, and a plain-English sentence per
 * entry. Kept up to date incrementally (only entries appended since the last read are read), so a page view
 * on a large log costs one page of entries, not the whole log.
 */
public final class PublicRecord {

  /** A data-sharing agreement as the log records it. */
  public record Agreement(long index, String timestamp, List<String> parties, String purpose, String legalBasis,
      String data) {}

  /** A dataset's registration. */
  public record Dataset(String id, String name, double budgetEpsilon, double budgetDelta, String budgetPer) {}

  private final TransparencyService transparency;
  private final List<Agreement> agreements = new ArrayList<>();
  private final Map<String, Dataset> datasets = new LinkedHashMap<>();
  private final Map<String, Long> counts = new TreeMap<>();
  private final LedgerAudit ledgers = new LedgerAudit();
  private long read;

  public PublicRecord(TransparencyService transparency) {
    this.transparency = transparency;
  }

  /** Reads the entries appended since the last call, up to the latest signed checkpoint. */
  public synchronized void catchUp() throws SQLException {
    transparency.forEachEntry(read, this::add);
  }

  private void add(LogEntry entry) {
    read = entry.index() + 1;
    counts.merge(entry.type(), 1L, Long::sum);
    ledgers.add(entry);
    JsonObject payload = payload(entry);
    if (payload == null) {
      return;
    }
    try {
      if (entry.type().equals("agreement")) {
        List<String> parties = new ArrayList<>();
        payload.getJsonArray("parties", new JsonArray()).forEach(party -> parties.add(String.valueOf(party)));
        agreements.add(new Agreement(entry.index(), entry.timestamp(), parties, payload.getString("purpose", ""),
            payload.getString("legalBasis", ""), payload.getString("data", "")));
      } else if (entry.type().equals(LedgerAudit.DATASET_REGISTERED)) {
        String id = payload.getString("dataset");
        datasets.put(id, new Dataset(id, payload.getString("name", id), payload.getDouble("budgetEpsilon", 0.0),
            payload.getDouble("budgetDelta", 0.0), payload.getString("budgetPer", "dataset")));
      }
    } catch (ClassCastException e) {
      // a malformed payload is shown as text in the activity list
    }
  }

  private static JsonObject payload(LogEntry entry) {
    try {
      return new JsonObject(entry.payload());
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** The agreements, newest first, whose parties, purpose, legal basis or data contain {@code query}. */
  public synchronized List<Agreement> agreements(String query) {
    String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    List<Agreement> found = new ArrayList<>();
    for (int i = agreements.size() - 1; i >= 0; i--) {
      Agreement agreement = agreements.get(i);
      String text = (String.join(" ", agreement.parties()) + " " + agreement.purpose() + " " + agreement.legalBasis()
          + " " + agreement.data()).toLowerCase(Locale.ROOT);
      if (text.contains(needle)) {
        found.add(agreement);
      }
    }
    return found;
  }

  /** The datasets, in registration order. */
  public synchronized List<Dataset> datasets() {
    return List.copyOf(datasets.values());
  }

  /** What each ledger of a dataset has spent: {@code *} for a budget shared by all analysts, else the analyst. */
  public synchronized Map<String, Budget> spent(String dataset) {
    return Map.copyOf(ledgers.spent().getOrDefault(dataset, Map.of()));
  }

  /** How many entries of each type the log holds. */
  public synchronized Map<String, Long> counts() {
    return Map.copyOf(counts);
  }

  /** One entry in plain English. */
  public static String describe(LogEntry entry) {
    JsonObject p = payload(entry);
    if (p == null) {
      return entry.type() + ": " + entry.payload();
    }
    try {
      return switch (entry.type()) {
        case "agreement" -> "Data-sharing agreement between " + join(p.getJsonArray("parties")) + ": "
            + text(p, "purpose") + " (legal basis: " + text(p, "legalBasis") + ").";
        case "agency-registered" -> "Agency " + text(p, "agency") + " was registered with its signing key.";
        case "analyst-registered" -> "Analyst " + text(p, "analyst") + " was given access.";
        case LedgerAudit.DATASET_REGISTERED -> "Dataset " + text(p, "dataset") + " (" + p.getString("name", "")
            + ") was registered with a privacy budget of epsilon " + value(p, "budgetEpsilon") + ", delta "
            + value(p, "budgetDelta") + " per " + p.getString("budgetPer", "dataset") + ".";
        case LedgerAudit.QUERY -> "A " + text(p, "type") + " query on dataset " + text(p, "dataset") + " by "
            + (p.getString("analyst", "").equals("admin") ? "the administrator" : "analyst " + text(p, "analyst"))
            + " spent epsilon " + value(p, "epsilon") + ", delta " + value(p, "delta") + ".";
        case "round-created" -> "Secure aggregation round " + text(p, "round") + " was set up among "
            + p.getJsonArray("participants", new JsonArray()).size() + " agencies (at least "
            + value(p, "threshold") + " needed)" + (p.getValue("noise") == null ? ", without noise."
            : ", with " + p.getJsonObject("noise").getString("mechanism") + " noise.");
        case "round-completed" -> "Round " + text(p, "round") + " released the sum of "
            + p.getJsonArray("included", new JsonArray()).size() + " agencies' inputs" + (p.getValue("privacy") == null
            ? " (exact, no noise)." : " with noise (epsilon " + p.getJsonObject("privacy").getValue("epsilon") + ").");
        case "round-failed" -> "Round " + text(p, "round") + " ended without a result: " + text(p, "reason");
        case "linkage-created" -> "Data linkage session " + text(p, "session") + " between "
            + text(p, "identifierParty") + " and " + text(p, "valueParty") + ": " + text(p, "purpose") + ".";
        case "linkage-completed" -> "Linkage session " + text(p, "session") + " released "
            + p.getJsonObject("result", new JsonObject()).encode() + " (epsilon " + value(p, "epsilon") + ").";
        case "task-created" -> "Two-aggregator task " + text(p, "id") + " (" + p.getJsonObject("vdaf").getString("type")
            + ") was set up with this server as " + text(p, "role") + " and " + text(p, "peerUrl")
            + " as the other aggregator; batches of at least " + value(p, "minBatchSize") + " reports.";
        case "reports-rejected" -> "Task " + text(p, "task") + ": " + p.getJsonArray("reports").size()
            + " report(s) rejected and not counted (" + rejections(p.getJsonArray("reports")) + ").";
        case "batch-collected" -> "Task " + text(p, "task") + " released batch " + value(p, "batch") + ": "
            + value(p, "reports") + " reports aggregated" + (p.getValue("noise") == null ? ", no noise."
            : ", with noise (epsilon " + p.getJsonObject("noise").getValue("epsilon") + ").");
        default -> entry.type() + ": " + entry.payload();
      };
    } catch (ClassCastException | NullPointerException | IllegalStateException e) {
      return entry.type() + ": " + entry.payload();
    }
  }

  /** A field the sentence needs, as text. */
  private static String text(JsonObject payload, String field) {
    Object value = payload.getValue(field);
    if (value == null) {
      throw new IllegalStateException("no " + field);
    }
    return String.valueOf(value);
  }

  /** A field the sentence needs, which may be a number. */
  private static Object value(JsonObject payload, String field) {
    Object value = payload.getValue(field);
    if (value == null) {
      throw new IllegalStateException("no " + field);
    }
    return value;
  }


  private static String join(JsonArray values) {
    List<String> texts = new ArrayList<>();
    values.forEach(value -> texts.add(String.valueOf(value)));
    return texts.size() <= 1 ? String.join("", texts)
        : String.join(", ", texts.subList(0, texts.size() - 1)) + " and " + texts.get(texts.size() - 1);
  }

  private static String rejections(JsonArray reports) {
    List<String> texts = new ArrayList<>();
    for (Object report : reports) {
      if (report instanceof JsonObject rejected) {
        texts.add(rejected.getString("agency") + ": " + rejected.getString("reason"));
      }
    }
    return String.join("; ", texts);
  }
}
