package org.pet.server.query;

import io.vertx.core.json.JsonArray;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pet.server.store.Database;
import org.pet.server.store.Transaction;

/**
 * Datasets and their privacy budget ledgers. Writes run inside the caller's transaction: a query's charge
 * first locks the dataset's row ({@link #lock}), so concurrent queries are serialised per dataset and no
 * ledger can exceed the total.
 */
public final class DatasetRepository {

  /** The ledger of a budget shared by every caller of a dataset. */
  public static final String SHARED_LEDGER = "*";

  private final Database database;

  public DatasetRepository(Database database) {
    this.database = database;
  }

  /**
   * A dataset's description, without its data.
   *
   * @param perAnalyst true if each analyst gets the whole budget, false if all callers share it
   * @param analystsCap with per-analyst budgets, the budget of all analysts together (kept on the
   *     {@link #SHARED_LEDGER}), or null
   */
  public record Stored(String id, String name, String unitColumn, Budget total, boolean perAnalyst,
      Budget analystsCap) {

    /** The ledger a query by {@code caller} is charged to. */
    public String ledgerOf(String caller) {
      return perAnalyst ? caller : SHARED_LEDGER;
    }
  }

  /** Within {@code transaction}: a dataset uploaded as CSV, its description and its text. */
  void insert(Transaction transaction, Dataset dataset, String csv, DatasetTerms terms) throws SQLException {
    insertDescription(transaction, dataset, terms);
    try (PreparedStatement contents = transaction.connection().prepareStatement(
        "INSERT INTO dataset_contents (dataset_id, csv) VALUES (?, ?)")) {
      contents.setString(1, dataset.id());
      contents.setString(2, csv);
      contents.executeUpdate();
    }
  }

  /** Within {@code transaction}: a dataset kept outside, its description and where the engine reads it. */
  void insert(Transaction transaction, Dataset dataset, String engine, ExternalEngine.Source source,
      DatasetTerms terms) throws SQLException {
    insertDescription(transaction, dataset, terms);
    try (PreparedStatement insert = transaction.connection().prepareStatement("INSERT INTO dataset_sources "
        + "(dataset_id, engine, format, path, columns, numeric_columns) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, dataset.id());
      insert.setString(2, engine);
      insert.setString(3, source.format());
      insert.setString(4, source.path());
      insert.setString(5, new JsonArray(dataset.columns()).encode());
      insert.setString(6, new JsonArray(List.copyOf(dataset.numericColumns())).encode());
      insert.executeUpdate();
    }
  }

  /**
   * Where an external dataset is read.
   *
   * @param engine the engine's name
   * @param dataset the dataset's description and schema, without rows
   */
  record External(String engine, ExternalEngine.Source source, Dataset dataset) {}

  /** The external source of dataset {@code stored}, empty for a dataset uploaded as CSV. */
  Optional<External> external(Stored stored) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT engine, format, path, columns, numeric_columns FROM dataset_sources WHERE dataset_id = ?")) {
      select.setString(1, stored.id());
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        List<String> columns = strings(row.getString(4));
        Dataset dataset = new Dataset(stored.id(), stored.name(), stored.unitColumn(), columns, List.of(),
            java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(strings(row.getString(5)))));
        return Optional.of(new External(row.getString(1), new ExternalEngine.Source(row.getString(3),
            row.getString(2)), dataset));
      }
    }
  }

  private static List<String> strings(String json) {
    return new JsonArray(json).stream().map(String::valueOf).toList();
  }

  private void insertDescription(Transaction transaction, Dataset dataset, DatasetTerms terms) throws SQLException {
    Budget total = terms.budget();
    try (PreparedStatement insert = transaction.connection().prepareStatement("INSERT INTO datasets (id, name, "
        + "unit_column, budget_epsilon_nano, budget_delta_atto, budget_scope, created_at, cap_epsilon_nano, "
        + "cap_delta_atto) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, dataset.id());
      insert.setString(2, dataset.name());
      insert.setString(3, dataset.unitColumn());
      insert.setLong(4, total.epsilonNano());
      insert.setLong(5, total.deltaAtto());
      insert.setString(6, terms.scope());
      insert.setString(7, Instant.now().toString());
      Budget cap = terms.analystsCap();
      if (cap == null) {
        insert.setNull(8, java.sql.Types.BIGINT);
        insert.setNull(9, java.sql.Types.BIGINT);
      } else {
        insert.setLong(8, cap.epsilonNano());
        insert.setLong(9, cap.deltaAtto());
      }
      insert.executeUpdate();
    }
  }

  /** The dataset's CSV text, if it exists. */
  Optional<String> csv(String id) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT csv FROM dataset_contents WHERE dataset_id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    }
  }

  public Optional<Stored> find(String id) throws SQLException {
    try (Connection connection = database.connection()) {
      return find(connection, id, false);
    }
  }

  /** Locks the dataset's row until {@code transaction} ends and returns its description. */
  Optional<Stored> lock(Transaction transaction, String id) throws SQLException {
    return find(transaction.connection(), id, true);
  }

  private static Optional<Stored> find(Connection connection, String id, boolean lock) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT id, name, unit_column, budget_epsilon_nano, "
        + "budget_delta_atto, budget_scope, cap_epsilon_nano, cap_delta_atto FROM datasets WHERE id = ?"
        + (lock ? " FOR UPDATE" : ""))) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        long capEpsilon = row.getLong(7);
        Budget cap = row.wasNull() ? null : new Budget(capEpsilon, row.getLong(8));
        return Optional.of(new Stored(row.getString(1), row.getString(2), row.getString(3),
            new Budget(row.getLong(4), row.getLong(5)), row.getString(6).equals("analyst"), cap));
      }
    }
  }

  /** What {@code ledger} has spent on the dataset (zero if it never queried). */
  public Budget spent(String id, String ledger) throws SQLException {
    try (Connection connection = database.connection()) {
      return spent(connection, id, ledger).orElse(Budget.ZERO);
    }
  }

  /** Within {@code transaction}: what {@code ledger} has spent, empty if it has no row yet. */
  Optional<Budget> spent(Transaction transaction, String id, String ledger) throws SQLException {
    return spent(transaction.connection(), id, ledger);
  }

  private static Optional<Budget> spent(Connection connection, String id, String ledger) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT spent_epsilon_nano, spent_delta_atto "
        + "FROM budget_ledgers WHERE dataset_id = ? AND principal = ?")) {
      select.setString(1, id);
      select.setString(2, ledger);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(new Budget(row.getLong(1), row.getLong(2))) : Optional.empty();
      }
    }
  }

  /** Every ledger of the dataset that has spent something, by principal. */
  public Map<String, Budget> ledgers(String id) throws SQLException {
    return ledgers("WHERE dataset_id = ?", id).getOrDefault(id, Map.of());
  }

  /** Every dataset's ledgers: dataset id to principal to spent amount. */
  public Map<String, Map<String, Budget>> allLedgers() throws SQLException {
    return ledgers("", null);
  }

  private Map<String, Map<String, Budget>> ledgers(String where, String id) throws SQLException {
    Map<String, Map<String, Budget>> ledgers = new TreeMap<>();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT dataset_id, principal, spent_epsilon_nano, "
            + "spent_delta_atto FROM budget_ledgers " + where)) {
      if (id != null) {
        select.setString(1, id);
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          ledgers.computeIfAbsent(row.getString(1), d -> new TreeMap<>())
              .put(row.getString(2), new Budget(row.getLong(3), row.getLong(4)));
        }
      }
    }
    return ledgers;
  }

  /** Within {@code transaction}: sets the ledger's spent amount ({@code exists}: whether it has a row). */
  void setSpent(Transaction transaction, String id, String ledger, Budget spent, boolean exists) throws SQLException {
    try (PreparedStatement update = transaction.connection().prepareStatement(exists
        ? "UPDATE budget_ledgers SET spent_epsilon_nano = ?, spent_delta_atto = ? WHERE dataset_id = ? AND principal = ?"
        : "INSERT INTO budget_ledgers (spent_epsilon_nano, spent_delta_atto, dataset_id, principal) VALUES (?, ?, ?, ?)")) {
      update.setLong(1, spent.epsilonNano());
      update.setLong(2, spent.deltaAtto());
      update.setString(3, id);
      update.setString(4, ledger);
      update.executeUpdate();
    }
  }

  /** Within {@code transaction}: records an answered query. */
  long recordQuery(Transaction transaction, String id, String caller, String type, Budget charge, String request,
      String answer) throws SQLException {
    try (PreparedStatement insert = transaction.connection().prepareStatement("INSERT INTO dataset_queries "
        + "(dataset_id, query_type, epsilon_nano, delta_atto, request, answer, created_at, principal) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, id);
      insert.setString(2, type);
      insert.setLong(3, charge.epsilonNano());
      insert.setLong(4, charge.deltaAtto());
      insert.setString(5, request);
      insert.setString(6, answer);
      insert.setString(7, Instant.now().toString());
      insert.setString(8, caller);
      insert.executeUpdate();
      try (ResultSet key = insert.getGeneratedKeys()) {
        key.next();
        return key.getLong(1);
      }
    }
  }

  /** Within {@code transaction}: the answer of recorded query {@code queryId}, once an engine computed it. */
  void recordAnswer(Transaction transaction, long queryId, String answer) throws SQLException {
    try (PreparedStatement update = transaction.connection().prepareStatement(
        "UPDATE dataset_queries SET answer = ? WHERE id = ?")) {
      update.setString(1, answer);
      update.setLong(2, queryId);
      update.executeUpdate();
    }
  }
}
