package org.pet.vdaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The draft's Prio3Count_0 and Prio3Sum_0 vectors replayed operation by operation, byte for byte: shard,
 * both aggregators' verify_init, verifier_shares_to_message, verify_next, aggregate and unshard.
 */
class Prio3VectorTest {

  private static final HexFormat HEX = HexFormat.of();

  private static List<String> strings(String json, String name) {
    Matcher array = Pattern.compile("\"" + name + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
    assertThat(array.find()).as("array %s", name).isTrue();
    return Pattern.compile("\"([0-9a-f]*)\"").matcher(array.group(1)).results().map(m -> m.group(1)).toList();
  }

  @Test
  void prio3Count0_reproducesEveryOperation() throws IOException {
    String json = XofTurboShake128Test.resource("Prio3Count_0.json");
    replay(json, Prio3.count(Integer.parseInt(XofTurboShake128Test.vectorField(json, "shares"))));
  }

  @Test
  void prio3Sum0_reproducesEveryOperation() throws IOException {
    String json = XofTurboShake128Test.resource("Prio3Sum_0.json");
    replay(json, Prio3.sum(Integer.parseInt(XofTurboShake128Test.vectorField(json, "shares")),
        Long.parseLong(XofTurboShake128Test.vectorField(json, "max_measurement"))));
  }

  /** Replays a one-report, two-aggregator vector of a Field64 instance whose measurements are integers. */
  private static void replay(String json, Prio3<Field64.Element, Long, Long> prio3) {
    byte[] verifyKey = HEX.parseHex(XofTurboShake128Test.vectorField(json, "verify_key"));
    byte[] ctx = HEX.parseHex(XofTurboShake128Test.vectorField(json, "ctx"));
    byte[] nonce = HEX.parseHex(XofTurboShake128Test.vectorField(json, "nonce"));
    byte[] rand = HEX.parseHex(XofTurboShake128Test.vectorField(json, "rand"));
    long measurement = Long.parseLong(XofTurboShake128Test.vectorField(json, "measurement"));

    Prio3.Sharded sharded = prio3.shard(ctx, measurement, nonce, rand);
    assertThat(HEX.formatHex(sharded.publicShare())).isEqualTo(XofTurboShake128Test.vectorField(json, "public_share"));
    assertThat(sharded.inputShares().stream().map(HEX::formatHex).toList()).isEqualTo(strings(json, "input_shares"));

    Prio3.Verification<Field64.Element> leader = prio3.verifyInit(verifyKey, ctx, 0, nonce, sharded.publicShare(),
        sharded.inputShares().get(0));
    Prio3.Verification<Field64.Element> helper = prio3.verifyInit(verifyKey, ctx, 1, nonce, sharded.publicShare(),
        sharded.inputShares().get(1));
    assertThat(List.of(HEX.formatHex(leader.verifierShare()), HEX.formatHex(helper.verifierShare())))
        .isEqualTo(strings(json, "verifier_shares"));
    byte[] message = prio3.verifierSharesToMessage(ctx, List.of(leader.verifierShare(), helper.verifierShare()));
    assertThat(HEX.formatHex(message)).isEqualTo(strings(json, "verifier_messages").get(0));
    List<Field64.Element> leaderOut = prio3.verifyNext(leader, message);
    List<Field64.Element> helperOut = prio3.verifyNext(helper, message);
    assertThat(List.of(HEX.formatHex(prio3.field().encodeVec(leaderOut)), HEX.formatHex(prio3.field().encodeVec(helperOut))))
        .isEqualTo(strings(json, "out_shares"));
    List<Field64.Element> leaderAgg = prio3.aggregate(List.of(leaderOut));
    List<Field64.Element> helperAgg = prio3.aggregate(List.of(helperOut));
    assertThat(List.of(HEX.formatHex(prio3.field().encodeVec(leaderAgg)), HEX.formatHex(prio3.field().encodeVec(helperAgg))))
        .isEqualTo(strings(json, "agg_shares"));
    assertThat(prio3.unshard(List.of(leaderAgg, helperAgg), 1))
        .isEqualTo(Long.parseLong(XofTurboShake128Test.vectorField(json, "agg_result")));
  }

  @Test
  void anOutOfRangeCount_isRejectedAtVerification() {
    Prio3<Field64.Element, Long, Long> prio3 = Prio3.count(2);
    byte[] nonce = new byte[16];
    byte[] verifyKey = new byte[32];
    Prio3.Sharded sharded = prio3.shard(new byte[0], 1_000_000_000L, nonce, new byte[prio3.randSize()]);
    var leader = prio3.verifyInit(verifyKey, new byte[0], 0, nonce, sharded.publicShare(), sharded.inputShares().get(0));
    var helper = prio3.verifyInit(verifyKey, new byte[0], 1, nonce, sharded.publicShare(), sharded.inputShares().get(1));
    assertThatThrownBy(() -> prio3.verifierSharesToMessage(new byte[0], List.of(leader.verifierShare(), helper.verifierShare())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proof verifier check failed");
  }
}
