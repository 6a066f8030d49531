package org.pet.server.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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

  void insert(Transaction transaction, Dataset dataset, String csv, DatasetTerms terms) throws SQLException {
    Budget total = terms.budget();
    try (PreparedStatement insert = transaction.connection().prepareStatement("INSERT INTO datasets (id, name, "
        + "unit_column, budget_epsilon_nano, budget_delta_atto, budget_scope, created_at, cap_epsilon_nano, "
        + "cap_delta_atto) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement contents = transaction.connection().prepareStatement(
            "INSERT INTO dataset_contents (dataset_id, csv) VALUES (?, ?)")) {
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
      contents.setString(1, dataset.id());
      contents.setString(2, csv);
      contents.executeUpdate();
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
  void recordQuery(Transaction transaction, String id, String caller, String type, Budget charge, String request,
      String answer) throws SQLException {
    try (PreparedStatement insert = transaction.connection().prepareStatement("INSERT INTO dataset_queries "
        + "(dataset_id, query_type, epsilon_nano, delta_atto, request, answer, created_at, principal) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, type);
      insert.setLong(3, charge.epsilonNano());
      insert.setLong(4, charge.deltaAtto());
      insert.setString(5, request);
      insert.setString(6, answer);
      insert.setString(7, Instant.now().toString());
      insert.setString(8, caller);
      insert.executeUpdate();
    }
  }
}
