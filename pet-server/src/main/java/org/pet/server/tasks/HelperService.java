package org.pet.server.tasks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.pet.server.auth.AgencyRepository;
import org.pet.server.http.HttpProblem;
import org.pet.vdaf.InvalidReportException;
import org.pet.vdaf.Report;
import org.pet.vdaf.TwoAggregatorPrio3;

/**
 * The helper's work, at the leader's signed request: aggregation jobs (verify each report's agency
 * signature against this server's own registry, refuse replayed report ids, open the helper's share,
 * verify, and answer the verifier message or the rejection) and the release of a batch's aggregate share.
 * A job's outcome and answer are stored in one transaction, and a repeated job gets the stored answer.
 */
public final class HelperService {

  private final Tasks tasks;
  private final AgencyRepository agencies;

  public HelperService(Tasks tasks, AgencyRepository agencies) {
    this.tasks = tasks;
    this.agencies = agencies;
  }

  /**
   * The helper task whose leader may sign requests with the stored peer key.
   *
   * @throws HttpProblem 404 if there is no such task, 409 if this server is its leader
   */
  Tasks.Task requireHelperTask(String taskId) {
    Tasks.Task task = tasks.require(taskId);
    if (task.definition().leader()) {
      throw new HttpProblem(409, "Conflict", "this server is the leader of task " + taskId);
    }
    return task;
  }

  private static void checkDigest(Tasks.Task task, JsonObject body) {
    if (!task.definition().digest().equals(body.getValue("taskDigest"))) {
      throw new HttpProblem(409, "Conflict", "the leader's task " + task.definition().id() + " has other parameters "
          + "than this helper's (VDAF, minimum batch size, collector key or noise differ)");
    }
  }

  /** Handles an aggregation job. */
  public JsonObject aggregationJob(String taskId, String jobId, JsonObject body) throws SQLException {
    Tasks.Task task = requireHelperTask(taskId);
    checkDigest(task, body);
    if (!(body.getValue("batch") instanceof Number number) || number.longValue() < 0) {
      throw HttpProblem.badRequest("`batch` must be a batch number");
    }
    long batch = number.longValue();
    Object reports = body.getValue("reports");
    if (!(reports instanceof JsonArray array) || array.size() > LeaderService.JOB_SIZE * 5) {
      throw HttpProblem.badRequest("`reports` must be an array of at most " + LeaderService.JOB_SIZE * 5 + " reports");
    }
    TaskRepository repository = tasks.repository();
    ReentrantLock lock = tasks.lock(taskId);
    lock.lock();
    try {
      return repository.database().inTransaction(tx -> {
        Optional<TaskRepository.Job> done = repository.job(tx, taskId, jobId);
        if (done.isPresent()) {
          return new JsonObject(done.get().response());
        }
        if (batch < repository.openBatch(tx, taskId)) {
          throw new HttpProblem(409, "Conflict", "batch " + batch + " of task " + taskId + " was released already");
        }
        TwoAggregatorPrio3.AggregateShare share = task.vdaf().newAggregateShare();
        List<TaskRepository.Outcome> outcomes = new ArrayList<>();
        JsonArray results = new JsonArray();
        Set<String> inJob = new HashSet<>();
        for (Object item : array) {
          if (!(item instanceof JsonObject json)) {
            throw HttpProblem.badRequest("every report must be an object");
          }
          ReportJson.Signed signed = ReportJson.parse(taskId, json);
          String reportId = HexFormat.of().formatHex(signed.report().reportId());
          String agency = signed.report().agency();
          JsonObject result = new JsonObject().put("reportId", ReportJson.text(signed.report().reportId()));
          if (!inJob.add(reportId) || repository.reportSeen(tx, taskId, reportId)) {
            results.add(result.put("rejected", InvalidReportException.Reason.REPLAYED.code()));
            continue; // the first report with this id keeps its row
          }
          try {
            byte[] message = verify(task, signed, ReportJson.bytes(json, "leaderVerifierShare"), share);
            results.add(result.put("message", ReportJson.text(message)));
            outcomes.add(new TaskRepository.Outcome(reportId, agency, "accepted", null));
          } catch (InvalidReportException e) {
            results.add(result.put("rejected", e.reason().code()));
            outcomes.add(new TaskRepository.Outcome(reportId, agency, "rejected", e.reason().code()));
          }
        }
        for (TaskRepository.Outcome outcome : outcomes) {
          repository.insertReport(tx, taskId, outcome.reportId(), outcome.agency(), outcome.state(), outcome.reason(),
              batch, jobId, null);
        }
        JsonObject answer = new JsonObject().put("results", results);
        repository.insertJob(tx, taskId, jobId, batch, answer.encode(), true);
        tasks.addToBatch(tx, task, batch, share, outcomes);
        return answer;
      });
    } finally {
      lock.unlock();
    }
  }

  private byte[] verify(Tasks.Task task, ReportJson.Signed signed, byte[] leaderVerifierShare,
      TwoAggregatorPrio3.AggregateShare share) throws InvalidReportException, SQLException {
    Report report = signed.report();
    Optional<byte[]> key = agencies.publicKey(report.agency());
    if (key.isEmpty()) {
      throw new InvalidReportException(InvalidReportException.Reason.BAD_SIGNATURE, "agency " + report.agency()
          + " is not registered with the helper");
    }
    report.verifySignature(key.get(), signed.signature());
    byte[] input = report.openInputShare(TwoAggregatorPrio3.HELPER, tasks.keys().hpke());
    TwoAggregatorPrio3 vdaf = task.vdaf();
    TwoAggregatorPrio3.Prepared state = vdaf.verifyInit(task.verifyKey(), task.ctx(), TwoAggregatorPrio3.HELPER,
        report.reportId(), report.publicShare(), input);
    byte[] message = vdaf.verifierMessage(task.ctx(), state, leaderVerifierShare);
    share.add(state, message);
    return message;
  }

  /**
   * Releases the helper's share of a batch if the leader's count and checksum match its own and the batch
   * has at least the minimum size; a repeated request gets the same release.
   */
  public JsonObject aggregateShare(String taskId, long batch, JsonObject body) throws SQLException {
    Tasks.Task task = requireHelperTask(taskId);
    checkDigest(task, body);
    if (!(body.getValue("reportCount") instanceof Number count) || !(body.getValue("checksum") instanceof String sum)) {
      throw HttpProblem.badRequest("`reportCount` and `checksum` are required");
    }
    ReentrantLock lock = tasks.lock(taskId);
    lock.lock();
    try {
      return tasks.release(task, batch, count.longValue(), sum);
    } finally {
      lock.unlock();
    }
  }

  /** The stored release of a batch, for the helper's administrator. */
  public JsonObject release(String taskId, long batch) throws SQLException {
    requireHelperTask(taskId);
    Optional<TaskRepository.Batch> row = tasks.repository().batch(taskId, batch);
    if (row.isEmpty() || row.get().collection() == null) {
      throw HttpProblem.notFound("batch " + batch + " of task " + taskId + " was not released");
    }
    return new JsonObject(row.get().collection());
  }
}
