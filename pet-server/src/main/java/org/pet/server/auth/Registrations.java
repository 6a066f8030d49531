package org.pet.server.auth;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import org.pet.random.Randomness;
import org.pet.server.http.HttpProblem;
import org.pet.server.store.Database;
import org.pet.server.transparency.TransparencyService;

/**
 * Registering agencies and analysts. Each registration and its transparency log entry
 * ({@code agency-registered} with the agency's public key, {@code analyst-registered}) are one
 * transaction. Blocking: call off the event loop.
 */
public final class Registrations {

  private final Database database;
  private final AgencyRepository agencies;
  private final AnalystRepository analysts;
  private final TransparencyService transparency;

  public Registrations(Database database, AgencyRepository agencies, AnalystRepository analysts,
      TransparencyService transparency) {
    this.database = database;
    this.agencies = agencies;
    this.analysts = analysts;
    this.transparency = transparency;
  }

  /**
   * Registers an agency's Ed25519 identity key.
   *
   * @throws HttpProblem 409 if the id is taken or the key is already registered (under any id: one key,
   *     one agency, so a request signed for one id can never be taken for another's)
   */
  public JsonObject registerAgency(String id, byte[] publicKey) throws SQLException {
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey);
    return conflictAsProblem("agency " + id + " is already registered", () -> database.inTransaction(tx -> {
      if (agencies.withKey(tx, publicKey).isPresent()) {
        throw new HttpProblem(409, "Conflict", "this public key is already registered for another agency");
      }
      agencies.insert(tx, id, publicKey);
      transparency.append(tx, "agency-registered", new JsonObject().put("agency", id).put("publicKey", key).encode());
      return new JsonObject().put("id", id);
    }));
  }

  /**
   * Registers an analyst and issues their bearer token: shown once in the answer, only its SHA-256 kept.
   *
   * @throws HttpProblem 409 if the id is taken
   */
  public JsonObject registerAnalyst(String id) throws SQLException {
    byte[] secret = new byte[32];
    Randomness.secureRandom().nextBytes(secret);
    String token = "pet_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String digest = HexFormat.of().formatHex(Authentication.sha256(token));
    return conflictAsProblem("analyst " + id + " is already registered", () -> database.inTransaction(tx -> {
      analysts.insert(tx, id, digest);
      transparency.append(tx, "analyst-registered", new JsonObject().put("analyst", id).encode());
      return new JsonObject().put("id", id).put("token", token);
    }));
  }

  private interface Registration {
    JsonObject run() throws SQLException;
  }

  private static JsonObject conflictAsProblem(String conflict, Registration registration) throws SQLException {
    try {
      return registration.run();
    } catch (SQLException e) {
      if (Database.isConstraintViolation(e)) {
        throw new HttpProblem(409, "Conflict", conflict);
      }
      throw e;
    }
  }
}
