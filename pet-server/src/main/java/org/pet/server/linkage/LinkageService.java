package org.pet.server.linkage;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.UUID;
import org.pet.linkage.PsiMessage;
import org.pet.linkage.PsiParameters;
import org.pet.linkage.PsiRole;
import org.pet.linkage.PsiWire;
import org.pet.secagg.ProtocolViolationException;
import org.pet.server.auth.AgencyRepository;
import org.pet.server.http.HttpProblem;
import org.pet.server.http.JsonFields;
import org.pet.server.metrics.ServerMetrics;
import org.pet.server.store.Database;
import org.pet.server.transparency.TransparencyService;

/**
 * Relays data linkage sessions (pet-core {@link org.pet.linkage.PsiParty}) between two registered
 * agencies: the identifier party and the value party post their steps in turn and fetch each other's.
 * The relay checks each message's structure and turn (sender, step, list sizes, the released size in
 * step 4 matching step 3) but cannot read it: it holds blinded points, ciphertexts under the value party's
 * key and, from steps 3 and 4, the released (noisy) result, which it records in the transparency log.
 * Blocking: call off the event loop. Submissions are serialised.
 */
public final class LinkageService {

  /** The session states: waiting for step 1..4, then completed. */
  private static final String COMPLETED = "completed";
  /**
   * How both parties normalise identifiers before hashing: pet-core's {@code IdentifierNormalizer.standard()}
   * or {@code exact()}.
   */
  public static final java.util.List<String> NORMALISATIONS = java.util.List.of("standard", "exact");

  private final LinkageRepository repository;
  private final AgencyRepository agencies;
  private final TransparencyService transparency;
  private final ServerMetrics metrics;

  public LinkageService(LinkageRepository repository, AgencyRepository agencies, TransparencyService transparency,
      ServerMetrics metrics) {
    this.repository = repository;
    this.agencies = agencies;
    this.transparency = transparency;
    this.metrics = metrics;
  }

  /**
   * Creates a session from the administrator's request: {@code purpose}, {@code identifierParty},
   * {@code valueParty} (registered agencies), optional {@code maxValue} (computes the sum), optional
   * {@code noise} {@code {cardinalityEpsilon, sumEpsilon}} and optional {@code normalisation} of the
   * identifiers, {@code standard} (the default) or {@code exact}, which both parties apply. Logged as
   * {@code linkage-created}.
   */
  public JsonObject create(JsonObject body) throws SQLException {
    String purpose = JsonFields.requiredText(body, "purpose");
    String identifierParty = JsonFields.requiredId(body, "identifierParty");
    String valueParty = JsonFields.requiredId(body, "valueParty");
    if (identifierParty.equals(valueParty)) {
      throw HttpProblem.badRequest("`identifierParty` and `valueParty` must be different agencies");
    }
    JsonObject noise = JsonFields.optionalObject(body, "noise");
    String normalisation = body.getValue("normalisation") == null ? "standard"
        : JsonFields.requiredText(body, "normalisation");
    if (!NORMALISATIONS.contains(normalisation)) {
      throw HttpProblem.badRequest("`normalisation` must be one of " + NORMALISATIONS);
    }
    String id = UUID.randomUUID().toString();
    PsiParameters parameters;
    try {
      long maxValue = body.getValue("maxValue") == null ? 0 : JsonFields.requiredInt(body, "maxValue");
      parameters = new PsiParameters(id, maxValue,
          noise == null ? 0 : JsonFields.number(noise, "cardinalityEpsilon", Double.NaN),
          noise == null ? 0 : JsonFields.number(noise, "sumEpsilon", 0));
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest(e.getMessage());
    }
    for (String agency : new String[] {identifierParty, valueParty}) {
      if (agencies.publicKey(agency).isEmpty()) {
        throw new HttpProblem(422, "Unprocessable Content", "agency " + agency + " is not registered");
      }
    }
    JsonObject stored = new JsonObject().put("purpose", purpose).put("identifierParty", identifierParty)
        .put("valueParty", valueParty).put("normalisation", normalisation).put("maxValue", parameters.maxValue())
        .put("cardinalityEpsilon", parameters.cardinalityEpsilon()).put("sumEpsilon", parameters.sumEpsilon());
    repository.database().inTransaction(tx -> {
      repository.insertSession(tx, id, stored.encode());
      return transparency.append(tx, "linkage-created", stored.copy().put("session", id)
          .put("epsilon", parameters.epsilon()).encode());
    });
    return describe(id);
  }

  /** The public description: parameters, state, and the released result once completed. */
  public JsonObject describe(String id) throws SQLException {
    LinkageRepository.Session session = session(id);
    JsonObject parameters = new JsonObject(session.parametersJson());
    int relayed = repository.messageCount(id);
    JsonObject description = parameters.copy().put("id", id)
        .put("epsilon", epsilon(parameters))
        .put("state", relayed == 4 ? COMPLETED : "step-" + (relayed + 1));
    if (session.resultJson() != null) {
      description.put("result", new JsonObject(session.resultJson()));
    }
    return description;
  }

  /**
   * Accepts the next step from the party whose turn it is.
   *
   * @throws HttpProblem 404 unknown session, 403 not a party, 409 not this party's turn or already
   *     completed, 400 a malformed or inconsistent message
   */
  public synchronized JsonObject submit(String id, String agency, byte[] bytes) throws SQLException {
    JsonObject parameters = new JsonObject(session(id).parametersJson());
    PsiRole role = role(parameters, agency);
    int step = repository.messageCount(id) + 1;
    if (step > 4) {
      throw new HttpProblem(409, "Conflict", "linkage session " + id + " is already completed");
    }
    PsiMessage message;
    try {
      message = PsiWire.decode(bytes);
    } catch (ProtocolViolationException e) {
      throw HttpProblem.badRequest(e.getMessage());
    }
    if (message.sender() != role || message.step() != step) {
      throw new HttpProblem(409, "Conflict", "the session waits for step " + step + " from the "
          + (step % 2 == 1 ? "identifier" : "value") + " party; " + agency + " sent step " + message.step());
    }
    checkConsistent(id, parameters, message);
    String result = message instanceof PsiMessage.Release release ? resultJson(release) : null;
    double epsilon = epsilon(parameters);
    try {
      repository.database().inTransaction(tx -> {
        repository.insertMessage(tx, id, step, agency, bytes, result);
        if (result != null) {
          transparency.append(tx, "linkage-completed", new JsonObject().put("session", id)
              .put("purpose", parameters.getString("purpose"))
              .put("identifierParty", parameters.getString("identifierParty"))
              .put("valueParty", parameters.getString("valueParty")).put("epsilon", epsilon)
              .put("result", new JsonObject(result)).encode());
        }
        return null;
      });
    } catch (SQLException e) {
      if (Database.isConstraintViolation(e)) {
        throw new HttpProblem(409, "Conflict", "step " + step + " of linkage session " + id + " was already relayed");
      }
      throw e;
    }
    if (result != null) {
      metrics.privacySpent("linkage", epsilon, 0);
    }
    return describe(id);
  }

  /**
   * A relayed step, for the session's parties only.
   *
   * @throws HttpProblem 404 unknown session or step, 403 not a party, 409 not relayed yet
   */
  public byte[] message(String id, String agency, int step) throws SQLException {
    role(new JsonObject(session(id).parametersJson()), agency);
    if (step < 1 || step > 4) {
      throw HttpProblem.notFound("linkage sessions have steps 1 to 4");
    }
    return repository.message(id, step).orElseThrow(() ->
        new HttpProblem(409, "Conflict", "step " + step + " of linkage session " + id + " has not been relayed yet"));
  }

  /** The per-person epsilon of the released result: the size's and the sum's, as PsiParameters.epsilon(). */
  private static double epsilon(JsonObject parameters) {
    return parameters.getDouble("cardinalityEpsilon") + parameters.getDouble("sumEpsilon");
  }

  private LinkageRepository.Session session(String id) throws SQLException {
    return repository.session(id).orElseThrow(() -> HttpProblem.notFound("no linkage session " + id));
  }

  private static PsiRole role(JsonObject parameters, String agency) {
    if (agency.equals(parameters.getString("identifierParty"))) {
      return PsiRole.IDENTIFIER_PARTY;
    }
    if (agency.equals(parameters.getString("valueParty"))) {
      return PsiRole.VALUE_PARTY;
    }
    throw new HttpProblem(403, "Forbidden", "agency " + agency + " is not a party to this linkage session");
  }

  /**
   * The checks both parties also make, so a broken step is refused before it is relayed: its shape for
   * this session (pet-core's rule) and its consistency with the earlier steps.
   */
  private void checkConsistent(String id, JsonObject parameters, PsiMessage message) throws SQLException {
    try {
      message.checkShape(parameters.getLong("maxValue") > 0);
    } catch (ProtocolViolationException e) {
      throw HttpProblem.badRequest(e.getMessage());
    }
    String problem = null;
    if (message instanceof PsiMessage.ValuePartyReply reply) {
      PsiMessage.BlindedIdentifiers first = (PsiMessage.BlindedIdentifiers) previous(id, 1);
      if (reply.doublyBlinded().size() != first.blinded().size()) {
        problem = "step 2 must return one doubly blinded value per step 1 value (" + first.blinded().size() + ")";
      }
    } else if (message instanceof PsiMessage.Release release
        && release.cardinality() != ((PsiMessage.EncryptedSum) previous(id, 3)).cardinality()) {
      problem = "step 4 must release the size of step 3";
    }
    if (problem != null) {
      throw HttpProblem.badRequest(problem);
    }
  }

  private PsiMessage previous(String id, int step) throws SQLException {
    return PsiWire.decode(repository.message(id, step).orElseThrow());
  }

  private static String resultJson(PsiMessage.Release release) {
    JsonObject result = new JsonObject().put("cardinality", release.cardinality());
    release.sum().ifPresent(sum -> result.put("sum", sum));
    return result.encode();
  }
}
