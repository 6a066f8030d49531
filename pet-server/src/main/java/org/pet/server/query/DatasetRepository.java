package org.pet.server.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.pet.server.http.HttpProblem;
import org.pet.server.store.Database;

/**
 * Datasets and their privacy budget ledger. A query's charge and its record are written in one
 * transaction that first locks the dataset's row, so concurrent queries are serialised per dataset and
 * the spent budget can never exceed the total; a refused query changes nothing.
 */
public final class DatasetRepository {

  private final Database database;

  public DatasetRepository(Database database) {
    this.database = database;
  }

  /** The stored state of a dataset. */
  public record Stored(String id, String name, String unitColumn, String csv, Budget total, Budget spent) {}

  public void insert(Dataset dataset, String csv, Budget total) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO datasets (id, name, unit_column, csv, "
            + "budget_epsilon_nano, budget_delta_atto, spent_epsilon_nano, spent_delta_atto, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?)")) {
      insert.setString(1, dataset.id());
      insert.setString(2, dataset.name());
      insert.setString(3, dataset.unitColumn());
      insert.setString(4, csv);
      insert.setLong(5, total.epsilonNano());
      insert.setLong(6, total.deltaAtto());
      insert.setString(7, Instant.now().toString());
      insert.executeUpdate();
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
            new Budget(row.getLong("spent_epsilon_nano"), row.getLong("spent_delta_atto"))));
      }
    }
  }

  /**
   * Charges {@code charge} to the dataset and records the query with the answer {@code compute} produces,
   * atomically: the answer is computed only once the charge is known to fit, and nothing is written
   * unless everything is.
   *
   * @return the budget spent after this query
   * @throws HttpProblem 404 for an unknown dataset, 403 if the charge does not fit the remaining budget
   */
  public Budget chargeAndRecord(String id, Budget charge, String type, String request, Supplier<String> compute)
      throws SQLException {
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        Stored dataset = find(connection, id, true).orElseThrow(() -> HttpProblem.notFound("no dataset " + id));
        Budget spent = dataset.spent().plus(charge);
        if (!dataset.total().covers(spent)) {
          Budget remaining = dataset.total().minus(dataset.spent());
          throw new HttpProblem(403, "Budget Exhausted", "the query needs epsilon " + charge.epsilon() + ", delta "
              + charge.delta() + " but dataset " + id + " has epsilon " + remaining.epsilon() + ", delta "
              + remaining.delta() + " left");
        }
        String answer = compute.get();
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE datasets SET spent_epsilon_nano = ?, spent_delta_atto = ? WHERE id = ?");
            PreparedStatement insert = connection.prepareStatement("INSERT INTO dataset_queries (dataset_id, "
                + "query_type, epsilon_nano, delta_atto, request, answer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          update.setLong(1, spent.epsilonNano());
          update.setLong(2, spent.deltaAtto());
          update.setString(3, id);
          update.executeUpdate();
          insert.setString(1, id);
          insert.setString(2, type);
          insert.setLong(3, charge.epsilonNano());
          insert.setLong(4, charge.deltaAtto());
          insert.setString(5, request);
          insert.setString(6, answer);
          insert.setString(7, Instant.now().toString());
          insert.executeUpdate();
        }
        connection.commit();
        return spent;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }
}
