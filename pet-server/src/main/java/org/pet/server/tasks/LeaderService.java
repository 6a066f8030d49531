package org.pet.server.tasks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.pet.server.auth.AgencyRepository;
import org.pet.server.http.HttpProblem;
import org.pet.server.store.Database;
import org.pet.vdaf.InvalidReportException;
import org.pet.vdaf.Report;
import org.pet.vdaf.TwoAggregatorPrio3;

/**
 * The leader's work: accepting agencies' reports, driving their preparation with the helper in
 * aggregation jobs of up to {@value #JOB_SIZE} reports, and collection.
 *
 * <p>A job is recorded (its id, batch and reports) before it is sent, and applied in one transaction when
 * the helper answers; after a crash the leader sends the same job again and the helper replays its stored
 * answer, so no report is counted twice or lost.
 */
public final class LeaderService {

  static final int JOB_SIZE = 200;
  private static final System.Logger LOG = System.getLogger(LeaderService.class.getName());

  private final Tasks tasks;
  private final AgencyRepository agencies;
  private final PeerClient peer;
  private final SecureRandom random = new SecureRandom();
  /** Per task, the last preparation failure logged, so a helper that stays down is logged once, not per run. */
  private final Map<String, String> lastFailure = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param peerTrust the TLS trust for requests to helpers (a private CA), or null for the JDK's authorities
   */
  public LeaderService(Tasks tasks, AgencyRepository agencies, java.time.Clock clock,
      javax.net.ssl.SSLContext peerTrust) {
    this.tasks = tasks;
    this.agencies = agencies;
    this.peer = new PeerClient(tasks.keys(), clock, peerTrust);
  }

  private Tasks.Task requireLeaderTask(String taskId) {
    Tasks.Task task = tasks.require(taskId);
    if (!task.definition().leader()) {
      throw new HttpProblem(409, "Conflict", "this server is the helper of task " + taskId + ": agencies submit "
          + "reports to, and collectors collect from, the leader (" + task.definition().peerUrl() + ")");
    }
    return task;
  }

  /**
   * Accepts a report signed by {@code agency}: checks its signature and that the leader's share opens,
   * stores it durably and answers 201; its validity is decided in preparation.
   *
   * @throws HttpProblem 400 for a malformed report or one that does not open or verify, 403 if the report
   *     names another agency, 409 if its id was used before in this task
   */
  public JsonObject upload(String taskId, String agency, JsonObject body) throws SQLException {
    Tasks.Task task = requireLeaderTask(taskId);
    ReportJson.Signed signed = ReportJson.parse(taskId, body);
    Report report = signed.report();
    if (!report.agency().equals(agency)) {
      throw new HttpProblem(403, "Forbidden", "the report names agency " + report.agency() + " but the request was "
          + "signed by " + agency);
    }
    byte[] key = agencies.publicKey(agency).orElseThrow(() -> HttpProblem.unauthorized("unknown agency"));
    try {
      report.verifySignature(key, signed.signature());
      report.openInputShare(TwoAggregatorPrio3.LEADER, tasks.keys().hpke());
    } catch (InvalidReportException e) {
      throw HttpProblem.badRequest(e.getMessage() + " (" + e.reason().code() + ")");
    }
    String reportId = HexFormat.of().formatHex(report.reportId());
    try {
      tasks.repository().database().inTransaction(tx -> {
        tasks.repository().insertReport(tx, taskId, reportId, agency, "pending", null, null, null,
            ReportJson.toJson(report, signed.signature()).encode());
        return null;
      });
    } catch (SQLException e) {
      if (Database.isConstraintViolation(e)) {
        throw new HttpProblem(409, "Conflict", "report " + reportId + " was submitted before (a replay, or a "
            + "reused report id)");
      }
      throw e;
    }
    return new JsonObject().put("task", taskId).put("reportId", ReportJson.text(report.reportId()))
        .put("state", "pending");
  }

  /** Prepares every pending report of every leader task (housekeeping); failures wait for the next run. */
  public void prepareAll() {
    for (Tasks.Task task : tasks.all()) {
      if (!task.definition().leader()) {
        continue;
      }
      ReentrantLock lock = tasks.lock(task.definition().id());
      if (!lock.tryLock()) {
        continue;
      }
      String taskId = task.definition().id();
      try {
        prepare(task);
        if (lastFailure.remove(taskId) != null) {
          LOG.log(System.Logger.Level.INFO, "task {0}: preparation resumed", taskId);
        }
      } catch (RuntimeException | SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (!message.equals(lastFailure.put(taskId, message))) {
          LOG.log(System.Logger.Level.WARNING, "task {0}: preparation paused, retrying every second: {1}", taskId,
              message);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Finishes unfinished jobs, then prepares pending reports job by job. Call with the task's lock held. */
  private void prepare(Tasks.Task task) throws SQLException {
    String taskId = task.definition().id();
    TaskRepository repository = tasks.repository();
    for (TaskRepository.Job job : repository.unfinishedJobs(taskId)) {
      runJob(task, job.jobId(), job.batch());
    }
    List<String> pending;
    while (!(pending = repository.pending(taskId, JOB_SIZE)).isEmpty()) {
      byte[] idBytes = new byte[16];
      random.nextBytes(idBytes);
      String jobId = HexFormat.of().formatHex(idBytes);
      List<String> ids = pending;
      long batch = repository.database().inTransaction(tx -> {
        long open = repository.openBatch(tx, taskId);
        repository.insertJob(tx, taskId, jobId, open, null, false);
        repository.assignToJob(tx, taskId, jobId, ids);
        return open;
      });
      runJob(task, jobId, batch);
    }
  }

  private void runJob(Tasks.Task task, String jobId, long batch) throws SQLException {
    String taskId = task.definition().id();
    TwoAggregatorPrio3 vdaf = task.vdaf();
    List<TaskRepository.Outcome> outcomes = new ArrayList<>();
    Map<String, TwoAggregatorPrio3.Prepared> prepared = new HashMap<>();
    Map<String, String> agencyOf = new HashMap<>();
    JsonArray sent = new JsonArray();
    for (TaskRepository.HeldReport held : tasks.repository().reportsOfJob(taskId, jobId)) {
      JsonObject body = new JsonObject(held.body());
      Report report = ReportJson.parse(taskId, body).report();
      agencyOf.put(held.reportId(), held.agency());
      try {
        byte[] share = report.openInputShare(TwoAggregatorPrio3.LEADER, tasks.keys().hpke());
        TwoAggregatorPrio3.Prepared state = vdaf.verifyInit(task.verifyKey(), task.ctx(), TwoAggregatorPrio3.LEADER,
            report.reportId(), report.publicShare(), share);
        prepared.put(held.reportId(), state);
        sent.add(body.put("leaderVerifierShare", ReportJson.text(state.verifierShare())));
      } catch (InvalidReportException e) {
        outcomes.add(new TaskRepository.Outcome(held.reportId(), held.agency(), "rejected", e.reason().code()));
      }
    }
    TwoAggregatorPrio3.AggregateShare share = vdaf.newAggregateShare();
    if (!sent.isEmpty()) {
      JsonObject answer = peer.post(task.definition(), "/v1/tasks/" + taskId + "/aggregation-jobs/" + jobId,
          new JsonObject().put("batch", batch).put("taskDigest", task.definition().digest()).put("reports", sent));
      Map<String, JsonObject> results = new HashMap<>();
      for (Object result : answer.getJsonArray("results", new JsonArray())) {
        if (result instanceof JsonObject object && object.getValue("reportId") instanceof String id) {
          results.put(HexFormat.of().formatHex(ReportJson.bytes(object, "reportId")), object);
        }
      }
      for (Map.Entry<String, TwoAggregatorPrio3.Prepared> entry : prepared.entrySet()) {
        JsonObject result = results.get(entry.getKey());
        if (result == null) {
          throw new HttpProblem(502, "Bad Gateway", "the helper's answer to job " + jobId + " omits report "
              + entry.getKey());
        }
        String agency = agencyOf.get(entry.getKey());
        if (result.getValue("rejected") instanceof String reason) {
          outcomes.add(new TaskRepository.Outcome(entry.getKey(), agency, "rejected", knownReason(reason)));
          continue;
        }
        try {
          share.add(entry.getValue(), ReportJson.bytes(result, "message"));
          outcomes.add(new TaskRepository.Outcome(entry.getKey(), agency, "accepted", null));
        } catch (InvalidReportException | HttpProblem e) {
          LOG.log(System.Logger.Level.ERROR, "task {0}: the helper accepted report {1}, which the leader rejects; "
              + "batch {2} will not match at collection", taskId, entry.getKey(), batch);
          outcomes.add(new TaskRepository.Outcome(entry.getKey(), agency, "rejected",
              InvalidReportException.Reason.JOINT_RANDOMNESS_MISMATCH.code()));
        }
      }
    }
    tasks.repository().database().inTransaction(tx -> {
      tasks.repository().settle(tx, taskId, batch, outcomes);
      tasks.addToBatch(tx, task, batch, share, outcomes);
      tasks.repository().finishJob(tx, taskId, jobId);
      return null;
    });
  }

  /** The helper's rejection reason if it is one of the known codes, else {@code rejected-by-peer}. */
  private static String knownReason(String code) {
    try {
      return InvalidReportException.Reason.byCode(code).code();
    } catch (IllegalArgumentException e) {
      return InvalidReportException.Reason.REJECTED_BY_PEER.code();
    }
  }

  /**
   * Collects the open batch (or retries a closed batch whose release failed): prepares every pending
   * report, closes the batch if it has at least the minimum accepted reports, and returns both
   * aggregators' shares sealed to the collector.
   *
   * @throws HttpProblem 409 if the batch is below the minimum size (it stays open), 502 if the helper
   *     cannot be reached or refuses (the batch is retried by the next collection)
   */
  public JsonObject collect(String taskId) throws SQLException {
    Tasks.Task task = requireLeaderTask(taskId);
    TaskRepository repository = tasks.repository();
    ReentrantLock lock = tasks.lock(taskId);
    lock.lock();
    try {
      prepare(task);
      long open = repository.openBatch(taskId);
      long batch = repository.unreleasedClosedBatch(taskId, open).orElse(open);
      TaskRepository.Batch row = repository.batch(taskId, batch).orElse(null);
      long accepted = row == null ? 0 : row.accepted();
      if (accepted < task.definition().minBatchSize()) {
        throw new HttpProblem(409, "Conflict", "batch " + batch + " of task " + taskId + " has " + accepted
            + " accepted reports" + (row == null ? "" : " (and " + row.rejected() + " rejected)")
            + ", fewer than the minimum batch size " + task.definition().minBatchSize() + "; it stays open");
      }
      if (batch == open) {
        repository.database().inTransaction(tx -> {
          repository.setOpenBatch(tx, taskId, open + 1);
          return null;
        });
      }
      JsonObject helper = peer.post(task.definition(), "/v1/tasks/" + taskId + "/batches/" + batch + "/aggregate-share",
          new JsonObject().put("taskDigest", task.definition().digest()).put("reportCount", row.accepted())
              .put("checksum", row.checksum()));
      if (!Long.valueOf(row.accepted()).equals(helper.getLong("reportCount"))) {
        throw new HttpProblem(502, "Bad Gateway", "the helper released batch " + batch + " with "
            + helper.getValue("reportCount") + " reports, not " + row.accepted());
      }
      JsonObject leader = tasks.release(task, batch, null, null);
      return collection(task, leader, helper.getString("share"));
    } finally {
      lock.unlock();
    }
  }

  /**
   * A released batch, as {@link #collect} returned it.
   *
   * @throws HttpProblem 404 if the batch was not released
   */
  public JsonObject collection(String taskId, long batch) throws SQLException {
    Tasks.Task task = requireLeaderTask(taskId);
    Optional<TaskRepository.Batch> row = tasks.repository().batch(taskId, batch);
    if (row.isEmpty() || row.get().collection() == null) {
      throw HttpProblem.notFound("batch " + batch + " of task " + taskId + " was not collected");
    }
    JsonObject leader = new JsonObject(row.get().collection());
    return collection(task, leader, leader.getString("helperShare"));
  }

  private JsonObject collection(Tasks.Task task, JsonObject leaderRelease, String helperShare) throws SQLException {
    String taskId = task.definition().id();
    if (!helperShare.equals(leaderRelease.getString("helperShare"))) {
      long batch = leaderRelease.getLong("batch");
      JsonObject stored = leaderRelease.copy().put("helperShare", helperShare);
      tasks.repository().database().inTransaction(tx -> {
        TaskRepository.Batch row = tasks.repository().batch(tx, taskId, batch).orElseThrow();
        tasks.repository().saveBatch(tx, taskId, new TaskRepository.Batch(batch, row.accepted(), row.rejected(),
            row.checksum(), row.aggregateShare(), stored.encode()), true);
        return null;
      });
    }
    return new JsonObject().put("task", taskId).put("vdaf", VdafJson.toJson(task.definition().vdaf()))
        .put("batch", leaderRelease.getLong("batch")).put("reportCount", leaderRelease.getLong("reportCount"))
        .put("rejected", leaderRelease.getLong("rejected")).put("leaderShare", leaderRelease.getString("share"))
        .put("helperShare", helperShare).put("noise", task.definition().noise())
        .put("guarantee", guarantee(task.definition()));
  }

  /** What the released aggregate guarantees, in words. */
  static String guarantee(TaskDefinition definition) {
    if (definition.noise() == null) {
      return "no DP noise: the collector learns the exact aggregate of the batch; each aggregator alone learns "
          + "nothing about any report beyond its validity";
    }
    JsonObject noise = definition.noise();
    return "(" + noise.getDouble("epsilon") + ", " + noise.getDouble("delta", 0.0) + ")-DP for adding or removing one "
        + "report, against the collector and either aggregator, as long as the other aggregator is honest: each "
        + "adds " + noise.getString("mechanism") + " noise meeting the target alone";
  }
}
