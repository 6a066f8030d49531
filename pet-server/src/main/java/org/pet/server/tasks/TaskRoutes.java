package org.pet.server.tasks;

import com.google.crypto.tink.subtle.Ed25519Verify;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import org.pet.server.auth.AgencyRepository;
import org.pet.server.auth.Authentication;
import org.pet.server.auth.RequestSignature;
import org.pet.server.http.HttpProblem;
import org.pet.server.http.Ids;
import org.pet.server.http.Requests;

/**
 * Two-aggregator tasks over HTTP: this aggregator's keys, task creation (administrator) and status
 * (public); on the leader, report upload (agencies) and collection (administrator); on the helper,
 * aggregation jobs and aggregate share requests, signed by the leader ({@link PeerSignature}) and answered
 * with a signature.
 */
public final class TaskRoutes {

  private static final String PEER_NONCE = "peerNonce";

  private final Requests requests;
  private final Authentication authentication;
  private final Tasks tasks;
  private final LeaderService leader;
  private final HelperService helper;
  private final AgencyRepository agencies;
  private final Clock clock;

  public TaskRoutes(Requests requests, Authentication authentication, Tasks tasks, LeaderService leader,
      HelperService helper, AgencyRepository agencies, Clock clock) {
    this.requests = requests;
    this.authentication = authentication;
    this.tasks = tasks;
    this.leader = leader;
    this.helper = helper;
    this.agencies = agencies;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/v1/aggregator").handler(ctx -> ctx.json(tasks.aggregator()));
    router.post("/v1/tasks").handler(authentication::requireAdmin).handler(ctx -> {
      JsonObject body = Requests.jsonObject(ctx);
      requests.created(ctx, () -> tasks.create(body));
    });
    router.get("/v1/tasks/:id").handler(ctx -> {
      String id = taskId(ctx);
      requests.blocking(ctx, () -> tasks.status(id), status -> status);
    });
    router.post("/v1/tasks/:id/reports").handler(authentication::requireAgency).handler(ctx -> {
      String id = taskId(ctx);
      JsonObject body = Requests.jsonObject(ctx);
      requests.created(ctx, () -> leader.upload(id, Authentication.agency(ctx), body));
    });
    router.post("/v1/tasks/:id/collections").handler(authentication::requireAdmin).handler(ctx -> {
      String id = taskId(ctx);
      requests.blocking(ctx, () -> leader.collect(id), collection -> collection);
    });
    router.get("/v1/tasks/:id/collections/:batch").handler(authentication::requireAdmin).handler(ctx -> {
      String id = taskId(ctx);
      long batch = batch(ctx);
      requests.blocking(ctx, () -> tasks.require(id).definition().leader() ? leader.collection(id, batch)
          : helper.release(id, batch), collection -> collection);
    });
    router.post("/v1/tasks/:id/aggregation-jobs/:job").handler(this::requirePeer).handler(ctx -> {
      String id = taskId(ctx);
      String job = Ids.inPath(ctx.pathParam("job"), "aggregation job");
      JsonObject body = Requests.jsonObject(ctx);
      peerAnswer(ctx, () -> helper.aggregationJob(id, job, body));
    });
    router.post("/v1/tasks/:id/batches/:batch/aggregate-share").handler(this::requirePeer).handler(ctx -> {
      String id = taskId(ctx);
      long batch = batch(ctx);
      JsonObject body = Requests.jsonObject(ctx);
      peerAnswer(ctx, () -> helper.aggregateShare(id, batch, body));
    });
  }

  private static String taskId(RoutingContext ctx) {
    return Ids.inPath(ctx.pathParam("id"), "task");
  }

  private static long batch(RoutingContext ctx) {
    try {
      long batch = Long.parseLong(ctx.pathParam("batch"));
      if (batch >= 0) {
        return batch;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw HttpProblem.badRequest("the batch must be a non-negative integer");
  }

  /** Authenticates a request signed by the task's leader (see {@link PeerSignature}). */
  private void requirePeer(RoutingContext ctx) {
    String timestamp = ctx.request().getHeader(PeerSignature.TIMESTAMP);
    String nonce = ctx.request().getHeader(PeerSignature.NONCE);
    String signature = ctx.request().getHeader(PeerSignature.SIGNATURE);
    if (timestamp == null || nonce == null || signature == null) {
      ctx.fail(HttpProblem.unauthorized("requests between aggregators must be signed (" + PeerSignature.TIMESTAMP
          + ", " + PeerSignature.NONCE + ", " + PeerSignature.SIGNATURE + ")"));
      return;
    }
    String id = taskId(ctx);
    RequestSignature.Stamp stamp = RequestSignature.checkedStamp(timestamp, signature, nonce, clock); // 401s
    long time = stamp.timestamp();
    byte[] signatureBytes = stamp.signature();
    byte[] content = PeerSignature.request(id, "POST", ctx.request().path(), Requests.bytes(ctx), time, nonce);
    requests.vertx().executeBlocking(() -> {
      Tasks.Task task = helper.requireHelperTask(id);
      try {
        new Ed25519Verify(task.definition().peerSigningKey()).verify(signatureBytes, content);
      } catch (GeneralSecurityException e) {
        throw HttpProblem.unauthorized("the request is not signed by the leader registered in task " + id);
      }
      if (!agencies.firstUse("peer/" + id, nonce, time)) {
        throw HttpProblem.unauthorized("replayed request (nonce already used)");
      }
      return nonce;
    }, false).onSuccess(accepted -> {
      ctx.put(PEER_NONCE, accepted);
      ctx.next();
    }).onFailure(ctx::fail);
  }

  /** Answers a peer request with the work's JSON and this aggregator's signature over it. */
  private void peerAnswer(RoutingContext ctx, java.util.concurrent.Callable<JsonObject> work) {
    String id = taskId(ctx);
    String nonce = ctx.get(PEER_NONCE);
    requests.vertx().executeBlocking(work, false).onSuccess(answer -> {
      byte[] body = answer.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(
          tasks.keys().sign(PeerSignature.response(id, nonce, 200, body)));
      ctx.response().putHeader("Content-Type", "application/json").putHeader(PeerSignature.SIGNATURE, signature)
          .end(Buffer.buffer(body));
    }).onFailure(ctx::fail);
  }
}
