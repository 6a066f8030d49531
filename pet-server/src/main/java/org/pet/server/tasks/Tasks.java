package org.pet.server.tasks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.pet.server.http.HttpProblem;
import org.pet.server.metrics.ServerMetrics;
import org.pet.server.store.Database;
import org.pet.server.store.Transaction;
import org.pet.server.transparency.TransparencyService;
import org.pet.vdaf.AggregateShareNoise;
import org.pet.vdaf.CollectorShares;
import org.pet.vdaf.Report;
import org.pet.vdaf.TwoAggregatorPrio3;

/**
 * This aggregator's tasks: creation (logged), lookup, one lock per task (preparation, job handling and
 * collection of a task run one at a time), and what both roles do with a batch - add a job's accepted
 * output shares to it, and release its noised share sealed to the collector (logged).
 */
public final class Tasks {

  private static final System.Logger LOG = System.getLogger(Tasks.class.getName());

  /** A task in memory: definition, verification key and its VDAF. */
  record Task(TaskDefinition definition, byte[] verifyKey, TwoAggregatorPrio3 vdaf, byte[] ctx) {
    int aggId() {
      return definition.leader() ? TwoAggregatorPrio3.LEADER : TwoAggregatorPrio3.HELPER;
    }
  }

  private final String role;
  private final TaskRepository repository;
  private final TransparencyService transparency;
  private final AggregatorKeys keys;
  private final ServerMetrics metrics;
  private final Map<String, Task> tasks = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /**
   * @param role {@code leader}, {@code helper}, or null for a server that takes no tasks
   * @param keys this aggregator's keys; null without a role
   * @param metrics where settled reports are counted and released noise is added to the privacy spent
   * @throws SQLException if the stored tasks cannot be read
   */
  public Tasks(String role, Database database, TransparencyService transparency, AggregatorKeys keys,
      ServerMetrics metrics) throws SQLException {
    this.role = role;
    this.metrics = metrics;
    this.repository = new TaskRepository(database);
    this.transparency = transparency;
    this.keys = keys;
    for (TaskRepository.StoredTask stored : repository.tasks().values()) {
      tasks.put(stored.definition().id(), task(stored.definition(), stored.verifyKey()));
    }
  }

  private static Task task(TaskDefinition definition, byte[] verifyKey) {
    return new Task(definition, verifyKey, TwoAggregatorPrio3.of(definition.vdaf()),
        Report.applicationContext(definition.id()));
  }

  String role() {
    return role;
  }

  TaskRepository repository() {
    return repository;
  }

  AggregatorKeys keys() {
    return keys;
  }

  /** {@code GET /v1/aggregator}: this aggregator's role and public keys. */
  public JsonObject aggregator() {
    if (keys == null) {
      throw new HttpProblem(409, "Conflict", "this server takes no two-aggregator tasks (no --role)");
    }
    return new JsonObject().put("role", role).put("signingKey", ReportJson.text(keys.signingPublicKey()))
        .put("hpke", new JsonObject().put("suite", org.pet.vdaf.Hpke.SUITE)
            .put("publicKey", ReportJson.text(keys.hpke().publicKey())));
  }

  /**
   * Creates a task from a {@code POST /v1/tasks} body, logging {@code task-created}.
   *
   * @throws HttpProblem 409 if the server has no role or the id is taken, 400 for an invalid body
   */
  public JsonObject create(JsonObject body) throws SQLException {
    if (role == null) {
      throw new HttpProblem(409, "Conflict", "this server takes no two-aggregator tasks: start it with --role leader "
          + "or --role helper (PET_ROLE)");
    }
    TaskDefinition.Created created = TaskDefinition.fromRequest(body, role);
    TaskDefinition definition = created.definition();
    JsonObject logged = definition.sharedJson().put("role", role).put("peerUrl", definition.peerUrl())
        .put("peerSigningKey", ReportJson.text(definition.peerSigningKey()));
    try {
      repository.database().inTransaction(tx -> {
        repository.insertTask(tx, definition, created.verifyKey());
        return transparency.append(tx, "task-created", logged.encode());
      });
    } catch (SQLException e) {
      if (Database.isConstraintViolation(e)) {
        throw new HttpProblem(409, "Conflict", "task " + definition.id() + " exists");
      }
      throw e;
    }
    tasks.put(definition.id(), task(definition, created.verifyKey()));
    return status(definition.id());
  }

  /**
   * @throws HttpProblem 404 if there is no such task
   */
  Task require(String id) {
    Task task = tasks.get(id);
    if (task == null) {
      throw HttpProblem.notFound("no task " + id);
    }
    return task;
  }

  /** Tasks of the given role. */
  List<Task> all() {
    return List.copyOf(tasks.values());
  }

  ReentrantLock lock(String taskId) {
    return locks.computeIfAbsent(taskId, id -> new ReentrantLock());
  }

  /** {@code GET /v1/tasks/{id}}: the public definition, this aggregator's keys, report counts and batches. */
  public JsonObject status(String id) throws SQLException {
    Task task = require(id);
    Map<String, Long> counts = repository.counts(id);
    return task.definition().toJson().put("hpkePublicKey", ReportJson.text(keys.hpke().publicKey()))
        .put("signingKey", ReportJson.text(keys.signingPublicKey()))
        .put("reports", new JsonObject().put("pending", counts.getOrDefault("pending", 0L)
            + counts.getOrDefault("in-job", 0L)).put("accepted", counts.getOrDefault("accepted", 0L))
            .put("rejected", counts.getOrDefault("rejected", 0L)))
        .put("openBatch", repository.openBatch(id))
        .put("releasedBatches", new JsonArray(repository.releasedBatches(id)));
  }

  /**
   * Adds a job's accepted output shares and outcomes to its batch within {@code tx}: counts, the checksum
   * (XOR of SHA-256 of the accepted report ids) and the aggregate share.
   *
   * @throws HttpProblem 409 if the batch was already released
   */
  void addToBatch(Transaction tx, Task task, long batch, TwoAggregatorPrio3.AggregateShare share,
      List<TaskRepository.Outcome> outcomes) throws SQLException {
    String taskId = task.definition().id();
    java.util.Optional<TaskRepository.Batch> existing = repository.batch(tx, taskId, batch);
    if (existing.isPresent() && existing.get().collection() != null) {
      throw new HttpProblem(409, "Conflict", "batch " + batch + " of task " + taskId + " was released already");
    }
    byte[] checksum = existing.isPresent() ? HexFormat.of().parseHex(existing.get().checksum()) : new byte[32];
    long accepted = existing.map(TaskRepository.Batch::accepted).orElse(0L);
    long rejected = existing.map(TaskRepository.Batch::rejected).orElse(0L);
    for (TaskRepository.Outcome outcome : outcomes) {
      if (outcome.state().equals("accepted")) {
        byte[] digest = org.pet.server.http.Digests.sha256(HexFormat.of().parseHex(outcome.reportId()));
        for (int i = 0; i < checksum.length; i++) {
          checksum[i] ^= digest[i];
        }
        accepted++;
      } else {
        rejected++;
        LOG.log(System.Logger.Level.INFO, "task {0}: report {1} of agency {2} rejected ({3})", taskId,
            outcome.reportId(), outcome.agency(), outcome.reason());
      }
    }
    if (existing.isPresent()) {
      share.addAll(task.vdaf().decodeAggregateShare(Base64.getUrlDecoder().decode(existing.get().aggregateShare())));
    }
    repository.saveBatch(tx, taskId, new TaskRepository.Batch(batch, accepted, rejected,
        HexFormat.of().formatHex(checksum), ReportJson.text(share.encode()), null), existing.isPresent());
    tx.onEnd(committed -> {
      if (committed) {
        outcomes.forEach(o -> metrics.vdafReport(role, o.state().equals("accepted") ? "accepted" : o.reason()));
      }
    });
    List<TaskRepository.Outcome> rejections = outcomes.stream().filter(o -> !o.state().equals("accepted")).toList();
    if (!rejections.isEmpty()) {
      JsonArray reports = new JsonArray();
      rejections.forEach(o -> reports.add(new JsonObject().put("report", o.reportId()).put("agency", o.agency())
          .put("reason", o.reason())));
      transparency.append(tx, "reports-rejected", new JsonObject().put("task", taskId).put("role", role)
          .put("batch", batch).put("reports", reports).encode());
    }
  }

  /**
   * Releases this aggregator's share of a batch (once: a second call returns the stored release): adds
   * the task's noise, seals it to the collector, stores it and logs {@code batch-collected}.
   *
   * @throws HttpProblem 409 if the batch has fewer than the minimum accepted reports, or does not match the
   *     count and checksum the leader states (when given)
   */
  JsonObject release(Task task, long batch, Long expectedCount, String expectedChecksum) throws SQLException {
    String taskId = task.definition().id();
    return repository.database().inTransaction(tx -> {
      TaskRepository.Batch row = repository.batch(tx, taskId, batch).orElseThrow(() -> new HttpProblem(409, "Conflict",
          "batch " + batch + " of task " + taskId + " has no reports"));
      if (expectedCount != null && (row.accepted() != expectedCount || !row.checksum().equals(expectedChecksum))) {
        throw new HttpProblem(409, "Conflict", "batch " + batch + " of task " + taskId + " does not match: this "
            + "aggregator accepted " + row.accepted() + " reports (checksum " + row.checksum() + "), the leader "
            + expectedCount + " (checksum " + expectedChecksum + ")");
      }
      if (row.collection() != null) {
        return new JsonObject(row.collection());
      }
      if (row.accepted() < task.definition().minBatchSize()) {
        throw new HttpProblem(409, "Conflict", "batch " + batch + " of task " + taskId + " has " + row.accepted()
            + " accepted reports, fewer than the minimum batch size " + task.definition().minBatchSize());
      }
      TwoAggregatorPrio3.AggregateShare share =
          task.vdaf().decodeAggregateShare(Base64.getUrlDecoder().decode(row.aggregateShare()));
      AggregateShareNoise noise = task.definition().aggregateNoise();
      if (noise != null) {
        share.addNoise(noise.sample());
      }
      byte[] sealed = CollectorShares.seal(task.definition().collectorKey(), taskId, batch, row.accepted(),
          task.aggId(), share.encode());
      JsonObject release = new JsonObject().put("batch", batch).put("reportCount", row.accepted())
          .put("rejected", row.rejected()).put("share", ReportJson.text(sealed));
      repository.saveBatch(tx, taskId, new TaskRepository.Batch(batch, row.accepted(), row.rejected(), row.checksum(),
          row.aggregateShare(), release.encode()), true);
      repository.setOpenBatch(tx, taskId, batch + 1);
      JsonObject spent = task.definition().noise();
      if (spent != null) {
        tx.onEnd(committed -> {
          if (committed) {
            metrics.privacySpent("task", spent.getDouble("epsilon"), spent.getDouble("delta", 0.0));
          }
        });
      }
      transparency.append(tx, "batch-collected", new JsonObject().put("task", taskId).put("role", role)
          .put("batch", batch).put("reports", row.accepted()).put("rejected", row.rejected())
          .put("noise", task.definition().noise()).encode());
      return release;
    });
  }
}
