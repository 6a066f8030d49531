package org.pet.vdaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Prio3 vector of the draft (test resources /vdaf, copied from the draft's test_vec folder),
 * including the two negative ones, replays exactly; a vector with one expected byte changed does not.
 */
class Prio3TestVectorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @SuppressWarnings("unchecked")
  static Map<String, Object> vector(String name) throws IOException {
    try (InputStream in = Prio3TestVectorsTest.class.getResourceAsStream("/vdaf/" + name)) {
      return JSON.readValue(in, Map.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Prio3Count_0.json", "Prio3Sum_0.json", "Prio3SumVec_0.json", "Prio3Histogram_0.json",
      "Prio3MultihotCountVec_0.json", "Prio3Count_bad_meas_share.json", "Prio3Histogram_bad_public_share.json"})
  void draftVector_replaysExactly(String file) throws IOException {
    Prio3TestVectors.Outcome outcome = Prio3TestVectors.replay(Prio3TestVectors.instanceOf(file), vector(file));
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.reproduced()).isTrue();
    assertThat(outcome.operations()).isGreaterThanOrEqualTo(3);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aVectorWithOneExpectedByteChanged_isNotReproduced() throws IOException {
    Map<String, Object> vector = vector("Prio3Histogram_0.json");
    List<Object> aggShares = new ArrayList<>((List<Object>) vector.get("agg_shares"));
    String first = (String) aggShares.get(0);
    aggShares.set(0, (first.charAt(0) == '0' ? "1" : "0") + first.substring(1));
    vector.put("agg_shares", aggShares);
    Prio3TestVectors.Outcome outcome = Prio3TestVectors.replay("Prio3Histogram", vector);
    assertThat(outcome.reproduced()).isFalse();
    assertThat(outcome.failures()).anySatisfy(line -> assertThat(line).startsWith("aggregate aggregator 0"));
  }

  @Test
  void aNegativeVectorThatWouldPass_isNotReproduced() throws IOException {
    // The good Count vector's verifier_shares_to_message marked as a required failure.
    Map<String, Object> vector = vector("Prio3Count_0.json");
    List<Map<String, Object>> operations = new ArrayList<>();
    for (Object operation : (List<?>) vector.get("operations")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> copy = new java.util.HashMap<>((Map<String, Object>) operation);
      if ("verifier_shares_to_message".equals(copy.get("operation"))) {
        copy.put("success", false);
      }
      operations.add(copy);
    }
    vector.put("operations", operations);
    assertThat(Prio3TestVectors.replay("Prio3Count", vector).failures())
        .anySatisfy(line -> assertThat(line).contains("must fail"));
  }

  @Test
  void unknownInstanceOrMissingParameter_refused() throws IOException {
    assertThatThrownBy(() -> Prio3TestVectors.replay("Poplar1", vector("Prio3Count_0.json")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown VDAF instance Poplar1");
    assertThatThrownBy(() -> Prio3TestVectors.replay("Prio3Sum", vector("Prio3Count_0.json")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_measurement");
    assertThat(Prio3TestVectors.instanceOf("/tmp/x/Prio3SumVec_0.json")).isEqualTo("Prio3SumVec");
  }
}
