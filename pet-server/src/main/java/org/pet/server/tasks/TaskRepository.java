package org.pet.server.tasks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.pet.server.store.Database;
import org.pet.server.store.Transaction;

/** Tasks, the reports each aggregator has seen, aggregation jobs and per-batch aggregate shares. */
final class TaskRepository {

  /** A stored task: its definition and the shared verification key. */
  record StoredTask(TaskDefinition definition, byte[] verifyKey) {}

  /** A report the leader holds for preparation. */
  record HeldReport(String reportId, String agency, String body) {}

  /** A job: its batch, the helper's stored response (helper), and whether the leader applied it. */
  record Job(String jobId, long batch, String response, boolean done) {}

  /** A batch's running totals; {@code collection} is null until it is released. */
  record Batch(long batch, long accepted, long rejected, String checksum, String aggregateShare, String collection) {}

  /** How a report ended. */
  record Outcome(String reportId, String agency, String state, String reason) {}

  private final Database database;
  private final AtomicLong sequence = new AtomicLong();

  TaskRepository(Database database) throws SQLException {
    this.database = database;
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT MAX(seq) FROM vdaf_reports");
        ResultSet row = select.executeQuery()) {
      sequence.set(row.next() ? row.getLong(1) + 1 : 0);
    }
  }

  Database database() {
    return database;
  }

  void insertTask(Transaction tx, TaskDefinition definition, byte[] verifyKey) throws SQLException {
    try (PreparedStatement insert = tx.connection().prepareStatement(
        "INSERT INTO vdaf_tasks (id, role, definition, verify_key, open_batch, created_at) VALUES (?, ?, ?, ?, 0, ?)")) {
      insert.setString(1, definition.id());
      insert.setString(2, definition.role());
      insert.setString(3, definition.toJson().encode());
      insert.setString(4, ReportJson.text(verifyKey));
      insert.setString(5, Instant.now().toString());
      insert.executeUpdate();
    }
  }

  Map<String, StoredTask> tasks() throws SQLException {
    Map<String, StoredTask> tasks = new LinkedHashMap<>();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT id, role, definition, verify_key FROM vdaf_tasks");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        tasks.put(rows.getString(1), new StoredTask(TaskDefinition.fromStored(rows.getString(3), rows.getString(2)),
            java.util.Base64.getUrlDecoder().decode(rows.getString(4))));
      }
    }
    return tasks;
  }

  long openBatch(String taskId) throws SQLException {
    try (Connection connection = database.connection()) {
      return openBatch(connection, taskId);
    }
  }

  private static long openBatch(Connection connection, String taskId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT open_batch FROM vdaf_tasks WHERE id = ?")) {
      select.setString(1, taskId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  long openBatch(Transaction tx, String taskId) throws SQLException {
    return openBatch(tx.connection(), taskId);
  }

  void setOpenBatch(Transaction tx, String taskId, long batch) throws SQLException {
    try (PreparedStatement update = tx.connection().prepareStatement(
        "UPDATE vdaf_tasks SET open_batch = ? WHERE id = ? AND open_batch < ?")) {
      update.setLong(1, batch);
      update.setString(2, taskId);
      update.setLong(3, batch);
      update.executeUpdate();
    }
  }

  /** Inserts a report id; a constraint violation if the task has seen it. */
  void insertReport(Transaction tx, String taskId, String reportId, String agency, String state, String reason,
      Long batch, String jobId, String body) throws SQLException {
    try (PreparedStatement insert = tx.connection().prepareStatement("INSERT INTO vdaf_reports (task_id, report_id, seq, "
        + "agency_id, state, reason, batch, job_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, taskId);
      insert.setString(2, reportId);
      insert.setLong(3, sequence.getAndIncrement());
      insert.setString(4, agency);
      insert.setString(5, state);
      insert.setString(6, reason);
      insert.setObject(7, batch, java.sql.Types.BIGINT);
      insert.setString(8, jobId);
      insert.setString(9, body);
      insert.executeUpdate();
    }
  }

  boolean reportSeen(Transaction tx, String taskId, String reportId) throws SQLException {
    try (PreparedStatement select = tx.connection().prepareStatement(
        "SELECT 1 FROM vdaf_reports WHERE task_id = ? AND report_id = ?")) {
      select.setString(1, taskId);
      select.setString(2, reportId);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  /** Up to {@code limit} pending report ids, oldest first. */
  List<String> pending(String taskId, int limit) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT report_id FROM vdaf_reports WHERE task_id = ? AND state = 'pending' ORDER BY seq LIMIT ?")) {
      select.setString(1, taskId);
      select.setInt(2, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  void insertJob(Transaction tx, String taskId, String jobId, long batch, String response, boolean done)
      throws SQLException {
    try (PreparedStatement insert = tx.connection().prepareStatement(
        "INSERT INTO vdaf_jobs (task_id, job_id, batch, response, done) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, taskId);
      insert.setString(2, jobId);
      insert.setLong(3, batch);
      insert.setString(4, response);
      insert.setBoolean(5, done);
      insert.executeUpdate();
    }
  }

  void assignToJob(Transaction tx, String taskId, String jobId, List<String> reportIds) throws SQLException {
    try (PreparedStatement update = tx.connection().prepareStatement(
        "UPDATE vdaf_reports SET state = 'in-job', job_id = ? WHERE task_id = ? AND report_id = ? AND state = 'pending'")) {
      for (String reportId : reportIds) {
        update.setString(1, jobId);
        update.setString(2, taskId);
        update.setString(3, reportId);
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  Optional<Job> job(Transaction tx, String taskId, String jobId) throws SQLException {
    try (PreparedStatement select = tx.connection().prepareStatement(
        "SELECT batch, response, done FROM vdaf_jobs WHERE task_id = ? AND job_id = ?")) {
      select.setString(1, taskId);
      select.setString(2, jobId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(new Job(jobId, row.getLong(1), row.getString(2), row.getBoolean(3)))
            : Optional.empty();
      }
    }
  }

  List<Job> unfinishedJobs(String taskId) throws SQLException {
    List<Job> jobs = new ArrayList<>();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT job_id, batch FROM vdaf_jobs WHERE task_id = ? AND done = FALSE ORDER BY batch, job_id")) {
      select.setString(1, taskId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          jobs.add(new Job(rows.getString(1), rows.getLong(2), null, false));
        }
      }
    }
    return jobs;
  }

  void finishJob(Transaction tx, String taskId, String jobId) throws SQLException {
    try (PreparedStatement update = tx.connection().prepareStatement(
        "UPDATE vdaf_jobs SET done = TRUE WHERE task_id = ? AND job_id = ?")) {
      update.setString(1, taskId);
      update.setString(2, jobId);
      update.executeUpdate();
    }
  }

  List<HeldReport> reportsOfJob(String taskId, String jobId) throws SQLException {
    List<HeldReport> reports = new ArrayList<>();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT report_id, agency_id, body FROM vdaf_reports "
            + "WHERE task_id = ? AND job_id = ? AND state = 'in-job' ORDER BY seq")) {
      select.setString(1, taskId);
      select.setString(2, jobId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          reports.add(new HeldReport(rows.getString(1), rows.getString(2), rows.getString(3)));
        }
      }
    }
    return reports;
  }

  /** Records how the leader's reports ended, dropping their stored bodies. */
  void settle(Transaction tx, String taskId, long batch, List<Outcome> outcomes) throws SQLException {
    try (PreparedStatement update = tx.connection().prepareStatement("UPDATE vdaf_reports SET state = ?, reason = ?, "
        + "batch = ?, body = NULL WHERE task_id = ? AND report_id = ?")) {
      for (Outcome outcome : outcomes) {
        update.setString(1, outcome.state());
        update.setString(2, outcome.reason());
        update.setLong(3, batch);
        update.setString(4, taskId);
        update.setString(5, outcome.reportId());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  Optional<Batch> batch(Transaction tx, String taskId, long batch) throws SQLException {
    return batch(tx.connection(), taskId, batch);
  }

  Optional<Batch> batch(String taskId, long batch) throws SQLException {
    try (Connection connection = database.connection()) {
      return batch(connection, taskId, batch);
    }
  }

  private static Optional<Batch> batch(Connection connection, String taskId, long batch) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT accepted, rejected, checksum, aggregate_share, "
        + "collection FROM vdaf_batches WHERE task_id = ? AND batch = ?")) {
      select.setString(1, taskId);
      select.setLong(2, batch);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(new Batch(batch, row.getLong(1), row.getLong(2), row.getString(3),
            row.getString(4), row.getString(5))) : Optional.empty();
      }
    }
  }

  void saveBatch(Transaction tx, String taskId, Batch batch, boolean exists) throws SQLException {
    String sql = exists
        ? "UPDATE vdaf_batches SET accepted = ?, rejected = ?, checksum = ?, aggregate_share = ?, collection = ? "
            + "WHERE task_id = ? AND batch = ?"
        : "INSERT INTO vdaf_batches (accepted, rejected, checksum, aggregate_share, collection, task_id, batch) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement write = tx.connection().prepareStatement(sql)) {
      write.setLong(1, batch.accepted());
      write.setLong(2, batch.rejected());
      write.setString(3, batch.checksum());
      write.setString(4, batch.aggregateShare());
      write.setString(5, batch.collection());
      write.setString(6, taskId);
      write.setLong(7, batch.batch());
      write.executeUpdate();
    }
  }

  /** The oldest batch before {@code openBatch} that has reports but was not released, if any. */
  Optional<Long> unreleasedClosedBatch(String taskId, long openBatch) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT MIN(batch) FROM vdaf_batches WHERE task_id = ? "
            + "AND batch < ? AND collection IS NULL")) {
      select.setString(1, taskId);
      select.setLong(2, openBatch);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        long value = row.getLong(1);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
      }
    }
  }

  /** Report counts by state. */
  Map<String, Long> counts(String taskId) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT state, COUNT(*) FROM vdaf_reports WHERE task_id = ? GROUP BY state")) {
      select.setString(1, taskId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          counts.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return counts;
  }

  /** Numbers of the released batches, in order. */
  List<Long> releasedBatches(String taskId) throws SQLException {
    List<Long> batches = new ArrayList<>();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT batch FROM vdaf_batches WHERE task_id = ? AND collection IS NOT NULL ORDER BY batch")) {
      select.setString(1, taskId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          batches.add(rows.getLong(1));
        }
      }
    }
    return batches;
  }
}
