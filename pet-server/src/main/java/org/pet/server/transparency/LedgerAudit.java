package org.pet.server.transparency;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pet.server.query.Budget;
import org.pet.transparency.LogEntry;

/**
 * Recomputes every privacy budget ledger from the transparency log and compares it with the ledgers a
 * server holds. A {@code dataset-registered} entry states a dataset's total budget; each {@code query}
 * entry states the ledger it was charged to and the exact charge in integer units ({@code epsilonNano},
 * {@code deltaAtto}); under a per-analyst budget with a cap on all analysts together, every charge also
 * counts on the ledger {@code *}. Because a charge and its entry commit in one transaction, the ledgers must equal
 * these sums exactly; a ledger rolled back (or raised) in the database shows up as a difference. Used by
 * the server's own verification and by {@code pet log verify}. Not thread-safe.
 */
public final class LedgerAudit {

  /** Entries of these types carry budget information. */
  public static final String DATASET_REGISTERED = "dataset-registered";
  public static final String QUERY = "query";
  /** The ledger shared by every caller (or holding all analysts' spend under a cap). */
  private static final String SHARED = "*";

  private final Map<String, Budget> totals = new TreeMap<>();
  /** Per-analyst datasets with a cap on all analysts together, kept on the ledger "*". */
  private final Map<String, Budget> caps = new TreeMap<>();
  private final Map<String, Map<String, Budget>> spent = new TreeMap<>();
  private final List<String> problems = new ArrayList<>();

  /** Takes one log entry into account (entries of other types are ignored). */
  public void add(LogEntry entry) {
    if (!entry.type().equals(DATASET_REGISTERED) && !entry.type().equals(QUERY)) {
      return;
    }
    try {
      JsonObject payload = new JsonObject(entry.payload());
      String dataset = payload.getString("dataset");
      if (entry.type().equals(DATASET_REGISTERED)) {
        totals.put(dataset, new Budget(payload.getLong("budgetEpsilonNano"), payload.getLong("budgetDeltaAtto")));
        if (payload.getValue("analystsCapEpsilonNano") != null) {
          caps.put(dataset, new Budget(payload.getLong("analystsCapEpsilonNano"),
              payload.getLong("analystsCapDeltaAtto")));
        }
        return;
      }
      Budget charge = new Budget(payload.getLong("epsilonNano"), payload.getLong("deltaAtto"));
      Budget total = totals.get(dataset);
      if (total == null) {
        problems.add("entry " + entry.index() + " charges dataset " + dataset + ", which the log never registered");
        return;
      }
      String ledger = payload.getString("ledger");
      charge(entry, dataset, ledger, charge, total);
      Budget cap = caps.get(dataset);
      if (cap != null) {
        charge(entry, dataset, SHARED, charge, cap);
      }
    } catch (DecodeException | ClassCastException | NullPointerException | ArithmeticException e) {
      problems.add("entry " + entry.index() + " (" + entry.type() + ") does not state its budget fields");
    }
  }

  private void charge(LogEntry entry, String dataset, String ledger, Budget charge, Budget limit) {
    Map<String, Budget> ledgers = spent.computeIfAbsent(dataset, d -> new TreeMap<>());
    Budget after = ledgers.getOrDefault(ledger, Budget.ZERO).plus(charge);
    ledgers.put(ledger, after);
    if (!limit.covers(after)) {
      problems.add("entry " + entry.index() + " takes ledger " + ledger + " of dataset " + dataset
          + " beyond its budget (" + describe(after) + " of " + describe(limit) + ")");
    }
  }

  /** What the log says each dataset's ledgers have spent: dataset id to ledger to amount. */
  public Map<String, Map<String, Budget>> spent() {
    return spent;
  }

  /**
   * Compares the recomputed ledgers with {@code held} (dataset id to ledger to spent amount, as the server
   * holds them) and returns every problem found, including those found while reading the log.
   */
  public List<String> compare(Map<String, Map<String, Budget>> held) {
    List<String> found = new ArrayList<>(problems);
    TreeMap<String, Map<String, Budget>> datasets = new TreeMap<>(spent);
    held.keySet().forEach(dataset -> datasets.putIfAbsent(dataset, Map.of()));
    datasets.forEach((dataset, fromLog) -> {
      Map<String, Budget> stored = held.getOrDefault(dataset, Map.of());
      TreeMap<String, Budget> ledgers = new TreeMap<>(fromLog);
      stored.keySet().forEach(ledger -> ledgers.putIfAbsent(ledger, Budget.ZERO));
      ledgers.forEach((ledger, logged) -> {
        Budget actual = stored.getOrDefault(ledger, Budget.ZERO);
        if (!actual.equals(logged)) {
          found.add("dataset " + dataset + ", ledger " + ledger + ": the server holds " + describe(actual)
              + " spent but the log records " + describe(logged));
        }
      });
    });
    return found;
  }

  private static String describe(Budget budget) {
    return "epsilon " + budget.epsilon() + ", delta " + budget.delta();
  }

  /** The JSON of {@code GET /v1/transparency/ledgers}: every dataset's ledgers, in integer units. */
  public static JsonObject toJson(Map<String, Map<String, Budget>> ledgers) {
    JsonObject datasets = new JsonObject();
    ledgers.forEach((dataset, byLedger) -> {
      JsonObject json = new JsonObject();
      byLedger.forEach((ledger, budget) -> json.put(ledger, new JsonObject()
          .put("spentEpsilonNano", budget.epsilonNano()).put("spentDeltaAtto", budget.deltaAtto())));
      datasets.put(dataset, json);
    });
    return new JsonObject().put("datasets", datasets);
  }

  /**
   * Reads the JSON of {@link #toJson}.
   *
   * @throws IllegalArgumentException if it is not in that form
   */
  public static Map<String, Map<String, Budget>> fromJson(JsonObject json) {
    try {
      Map<String, Map<String, Budget>> ledgers = new TreeMap<>();
      json.getJsonObject("datasets").forEach(dataset -> {
        Map<String, Budget> byLedger = new TreeMap<>();
        ((JsonObject) dataset.getValue()).forEach(ledger -> {
          JsonObject amount = (JsonObject) ledger.getValue();
          byLedger.put(ledger.getKey(), new Budget(amount.getLong("spentEpsilonNano"), amount.getLong("spentDeltaAtto")));
        });
        ledgers.put(dataset.getKey(), byLedger);
      });
      return ledgers;
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("not a ledgers document: needs `datasets` of ledger amounts");
    }
  }
}
