package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.util.Bytes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pet.secagg.SecAggMessages.KeyDirectory;
import org.pet.secagg.SecAggMessages.ShareDelivery;
import org.pet.secagg.SecAggMessages.SurvivorSet;
import org.pet.secagg.SecAggMessages.Unmasking;
import org.pet.secagg.SecAggMessages.UnmaskingRequest;

/**
 * Robust unmasking: agencies that reveal wrong shares in the last round are corrected and named, up to
 * floor((r - t) / 2) of them for r unmaskers; beyond that the round aborts. Rounds of 20 with t = 11
 * (2t &gt; n for c = 0) and every agency honest until it unmasks.
 */
class RobustUnmaskingTest {

  private static final int N = 20;
  private static final int T = 11;
  private final List<String> ids = IntStream.rangeClosed(1, N).mapToObj(i -> "a" + i).toList();
  private final Map<String, SecAggClient> clients = new LinkedHashMap<>();
  private final SecAggServer server;

  RobustUnmaskingTest() {
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId("robust").participants(ids)
        .threshold(T).toleratedColluders(0).vectorLength(2);
    Map<String, IdentityKeyPair> identities = new LinkedHashMap<>();
    for (String id : ids) {
      identities.put(id, IdentityKeyPair.generate());
      builder.identityKey(id, identities.get(id).publicKey());
    }
    SecAggParameters parameters = builder.build();
    for (int i = 0; i < N; i++) {
      clients.put(ids.get(i), new SecAggClient(parameters, ids.get(i), new long[] {i + 1, 1000L * (i + 1)},
          identities.get(ids.get(i)), CollusionPolicy.tolerating(0)));
    }
    server = new SecAggServer(parameters);
  }

  /**
   * Runs the round with {@code dropped} agencies leaving after sharing keys; {@code liars} reveal every
   * share off by one in the field.
   */
  private SecAggResult run(List<String> dropped, List<String> liars) {
    clients.values().forEach(c -> server.receive(c.advertiseKeys()));
    KeyDirectory directory = server.closeAdvertiseKeys();
    clients.values().forEach(c -> server.receive(c.shareKeys(directory)));
    Map<String, ShareDelivery> deliveries = server.closeShareKeys();
    List<SecAggClient> staying = clients.values().stream().filter(c -> !dropped.contains(c.id())).toList();
    staying.forEach(c -> server.receive(c.maskedInput(deliveries.get(c.id()))));
    SurvivorSet survivors = server.closeMaskedInput();
    staying.forEach(c -> server.receive(c.consistencyCheck(survivors)));
    UnmaskingRequest request = server.closeConsistencyCheck();
    for (SecAggClient client : staying) {
      Unmasking answer = client.unmask(request);
      if (liars.contains(client.id())) {
        answer = new Unmasking(answer.sender(), shifted(answer.maskingKeyShares()), shifted(answer.selfMaskShares()));
      }
      server.receive(answer);
    }
    return server.finish();
  }

  private static SortedMap<String, Bytes> shifted(SortedMap<String, Bytes> shares) {
    SortedMap<String, Bytes> result = new TreeMap<>();
    shares.forEach((owner, encoded) -> result.put(owner, SecAggAdversaryTest.shifted(encoded)));
    return result;
  }

  /** The sum of the inputs of all agencies but {@code dropped}. */
  private long[] expectedSum(List<String> dropped) {
    long[] sum = new long[2];
    for (int i = 0; i < N; i++) {
      if (!dropped.contains(ids.get(i))) {
        sum[0] += i + 1;
        sum[1] += 1000L * (i + 1);
      }
    }
    return sum;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void wrongSharesFromUpToFourOfTwentyAgencies_areCorrectedAndNamed(int liarCount) {
    // 20 unmaskers, t = 11: floor(9 / 2) = 4 wrong shares per secret can be corrected.
    List<String> liars = List.of("a2", "a7", "a13", "a20").subList(0, liarCount);
    SecAggResult result = run(List.of(), liars);
    assertThat(result.sum()).isEqualTo(expectedSum(List.of()));
    assertThat(result.corruptedShareSenders()).isEqualTo(liars);
    assertThat(server.phase()).isEqualTo(SecAggServer.Phase.FINISHED);
  }

  @Test
  void wrongSharesFromFiveOfTwentyAgencies_abortTheRound() {
    assertThatThrownBy(() -> run(List.of(), List.of("a1", "a2", "a3", "a4", "a5")))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("inconsistent and cannot be corrected")
        .hasMessageContaining("correct at most 4 wrong ones");
    assertThat(server.phase()).isEqualTo(SecAggServer.Phase.ABORTED);
  }

  @Test
  void wrongSharesOfDroppedAgenciesKeys_areCorrectedToo() {
    // Two agencies drop after sharing keys: their masking keys are reconstructed from 18 unmaskers'
    // shares, floor((18 - 11) / 2) = 3 of which may be wrong.
    List<String> dropped = List.of("a5", "a6");
    List<String> liars = List.of("a1", "a10", "a19");
    SecAggResult result = run(dropped, liars);
    assertThat(result.sum()).isEqualTo(expectedSum(dropped));
    assertThat(result.included()).doesNotContainAnyElementsOf(dropped);
    assertThat(result.corruptedShareSenders()).isEqualTo(liars);
  }
}
