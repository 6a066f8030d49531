package org.pet.server.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.pet.server.http.HttpProblem;
import org.pet.server.store.Database;

/**
 * Datasets and their privacy budget ledgers. A query's charge and its record are written in one
 * transaction that first locks the dataset's row, so concurrent queries are serialised per dataset and
 * no ledger's spent budget can ever exceed the total; a refused query changes nothing.
 */
public final class DatasetRepository {

  private final Database database;

  public DatasetRepository(Database database) {
    this.database = database;
  }

  /** The outcome of {@link #chargeAndRecord}: the dataset's description and the ledger's new total. */
  public record Charged(Stored dataset, Budget spent) {}

  /** The ledger of a budget shared by every caller of a dataset. */
  public static final String SHARED_LEDGER = "*";

  /**
   * The stored description of a dataset.
   *
   * @param perAnalyst true if each analyst gets the whole budget, false if all callers share it
   */
  public record Stored(String id, String name, String unitColumn, String csv, Budget total, boolean perAnalyst) {}

  public void insert(Dataset dataset, String csv, Budget total, boolean perAnalyst) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO datasets (id, name, unit_column, csv, "
            + "budget_epsilon_nano, budget_delta_atto, budget_scope, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, dataset.id());
      insert.setString(2, dataset.name());
      insert.setString(3, dataset.unitColumn());
      insert.setString(4, csv);
      insert.setLong(5, total.epsilonNano());
      insert.setLong(6, total.deltaAtto());
      insert.setString(7, perAnalyst ? "analyst" : "dataset");
      insert.setString(8, Instant.now().toString());
      insert.executeUpdate();
    }
  }

  /** What {@code ledger} has spent on the dataset (zero if it never queried). */
  public Budget spent(String id, String ledger) throws SQLException {
    try (Connection connection = database.connection()) {
      return spent(connection, id, ledger).orElse(Budget.ZERO);
    }
  }

  /** Every ledger of the dataset that has spent something, by principal. */
  public Map<String, Budget> ledgers(String id) throws SQLException {
    Map<String, Budget> ledgers = new TreeMap<>();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT principal, spent_epsilon_nano, spent_delta_atto FROM budget_ledgers WHERE dataset_id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          ledgers.put(row.getString(1), new Budget(row.getLong(2), row.getLong(3)));
        }
      }
    }
    return ledgers;
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

  public Optional<Stored> find(String id) throws SQLException {
    try (Connection connection = database.connection()) {
      return find(connection, id, false);
    }
  }

  private static Optional<Stored> find(Connection connection, String id, boolean lock) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT * FROM datasets WHERE id = ?"
        + (lock ? " FOR UPDATE" : ""))) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(new Stored(row.getString("id"), row.getString("name"), row.getString("unit_column"),
            row.getString("csv"), new Budget(row.getLong("budget_epsilon_nano"), row.getLong("budget_delta_atto")),
            row.getString("budget_scope").equals("analyst")));
      }
    }
  }

  /**
   * Charges {@code charge} to the dataset's ledger for {@code caller} (the shared ledger, or the caller's
   * own under a per-analyst budget) and records the query with the answer {@code compute} produces,
   * atomically: the answer is computed only once the charge is known to fit, and nothing is written
   * unless everything is.
   *
   * @return the dataset as locked for the charge, and the ledger's spent budget after it
   * @throws HttpProblem 404 for an unknown dataset, 403 if the charge does not fit the remaining budget
   */
  public Charged chargeAndRecord(String id, String caller, Budget charge, String type, String request,
      Supplier<String> compute) throws SQLException {
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        Stored dataset = find(connection, id, true).orElseThrow(() -> HttpProblem.notFound("no dataset " + id));
        String ledger = dataset.perAnalyst() ? caller : SHARED_LEDGER;
        Optional<Budget> before = spent(connection, id, ledger);
        Budget spent = before.orElse(Budget.ZERO).plus(charge);
        if (!dataset.total().covers(spent)) {
          Budget remaining = dataset.total().minus(before.orElse(Budget.ZERO));
          throw new HttpProblem(403, "Budget Exhausted", "the query needs epsilon " + charge.epsilon() + ", delta "
              + charge.delta() + " but " + (dataset.perAnalyst() ? caller + "'s budget on " : "") + "dataset " + id
              + " has epsilon " + remaining.epsilon() + ", delta " + remaining.delta() + " left");
        }
        String answer = compute.get();
        try (PreparedStatement update = connection.prepareStatement(before.isPresent()
            ? "UPDATE budget_ledgers SET spent_epsilon_nano = ?, spent_delta_atto = ? "
                + "WHERE dataset_id = ? AND principal = ?"
            : "INSERT INTO budget_ledgers (spent_epsilon_nano, spent_delta_atto, dataset_id, principal) "
                + "VALUES (?, ?, ?, ?)");
            PreparedStatement insert = connection.prepareStatement("INSERT INTO dataset_queries (dataset_id, "
                + "query_type, epsilon_nano, delta_atto, request, answer, created_at, principal) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          update.setLong(1, spent.epsilonNano());
          update.setLong(2, spent.deltaAtto());
          update.setString(3, id);
          update.setString(4, ledger);
          update.executeUpdate();
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
        connection.commit();
        return new Charged(dataset, spent);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }
}
