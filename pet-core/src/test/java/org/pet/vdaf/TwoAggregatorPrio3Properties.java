package org.pet.vdaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The two-aggregator flow a task runs (leader verify_init, helper verify_init and message, both
 * verify_next and aggregate): valid reports are accepted at both and unshard to the true aggregate; reports
 * whose shares, proofs or joint randomness parts were tampered with are rejected at both, never at one only.
 */
class TwoAggregatorPrio3Properties {

  private static final String TASK = "task-1";
  private static final byte[] CTX = Report.applicationContext(TASK);

  @Provide
  Arbitrary<Prio3Config> configs() {
    return Arbitraries.of(Prio3Config.count(), Prio3Config.sum(100), Prio3Config.sum(65_535),
        Prio3Config.sumVec(4, 7, 3), Prio3Config.histogram(6, 2), Prio3Config.multihotCountVec(5, 2, 2));
  }

  private static byte[] bytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static long[] measurement(Prio3Config config, SplittableRandom random) {
    return switch (config.type()) {
      case COUNT -> new long[] {random.nextInt(2)};
      case SUM -> new long[] {random.nextLong(config.maxMeasurement() + 1)};
      case SUM_VEC -> random.longs(config.length(), 0, config.maxMeasurement() + 1).toArray();
      case HISTOGRAM -> new long[] {random.nextInt(config.length())};
      case MULTIHOT_COUNT_VEC -> {
        long[] bits = new long[config.length()];
        for (int i = 0; i < config.maxMeasurement(); i++) {
          bits[random.nextInt(config.length())] = 1;
        }
        yield bits;
      }
    };
  }

  private static long[] expectedContribution(Prio3Config config, long[] measurement) {
    if (config.type() == Prio3Config.Type.HISTOGRAM) {
      long[] counts = new long[config.length()];
      counts[(int) measurement[0]] = 1;
      return counts;
    }
    return measurement.clone();
  }

  /** The two aggregators of one task, as a server pair runs them. */
  static final class Pair {
    final TwoAggregatorPrio3 vdaf;
    final byte[] verifyKey;
    final TwoAggregatorPrio3.AggregateShare leader;
    final TwoAggregatorPrio3.AggregateShare helper;

    Pair(Prio3Config config, byte[] verifyKey) {
      this.vdaf = TwoAggregatorPrio3.of(config);
      this.verifyKey = verifyKey;
      this.leader = vdaf.newAggregateShare();
      this.helper = vdaf.newAggregateShare();
    }

    /** Verifies one report at both; returns the rejection reason seen by both, or null if both accepted. */
    InvalidReportException.Reason process(byte[] nonce, byte[] publicShare, byte[] leaderShare, byte[] helperShare) {
      InvalidReportException.Reason leaderView;
      InvalidReportException.Reason helperView;
      TwoAggregatorPrio3.Prepared leaderState;
      try {
        leaderState = vdaf.verifyInit(verifyKey, CTX, TwoAggregatorPrio3.LEADER, nonce, publicShare, leaderShare);
      } catch (InvalidReportException e) {
        return e.reason(); // the leader never sends it on
      }
      byte[] message;
      try {
        TwoAggregatorPrio3.Prepared helperState =
            vdaf.verifyInit(verifyKey, CTX, TwoAggregatorPrio3.HELPER, nonce, publicShare, helperShare);
        message = vdaf.verifierMessage(CTX, helperState, leaderState.verifierShare());
        helper.add(helperState, message);
        helperView = null;
      } catch (InvalidReportException e) {
        return e.reason(); // the helper answers "rejected"; the leader rejects too
      }
      try {
        leader.add(leaderState, message);
        leaderView = null;
      } catch (InvalidReportException e) {
        leaderView = e.reason();
      }
      assertThat(leaderView).as("the leader must accept what the helper accepted").isEqualTo(helperView);
      return null;
    }

    long[] result() {
      return vdaf.unshard(List.of(leader.encode(), helper.encode()));
    }
  }

  @Property(tries = 60)
  void validReportsAreAcceptedAndUnshardToTheTrueAggregate(@ForAll("configs") Prio3Config config,
      @ForAll @IntRange(min = 1, max = 6) int reports, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Pair pair = new Pair(config, bytes(random, 32));
    long[] expected = new long[config.outputLength()];
    for (int r = 0; r < reports; r++) {
      long[] measurement = measurement(config, random);
      byte[] nonce = bytes(random, 16);
      Prio3.Sharded sharded = pair.vdaf.shard(CTX, measurement, nonce, bytes(random, pair.vdaf.randSize()));
      assertThat(pair.process(nonce, sharded.publicShare(), sharded.inputShares().get(0), sharded.inputShares().get(1)))
          .isNull();
      long[] contribution = expectedContribution(config, measurement);
      for (int i = 0; i < expected.length; i++) {
        expected[i] += contribution[i];
      }
    }
    assertThat(pair.result()).containsExactly(expected);
    assertThat(pair.leader.reports()).isEqualTo(reports);
  }

  @Property(tries = 80)
  void anyTamperedShareIsRejectedAtBothAggregators(@ForAll("configs") Prio3Config config, @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 2) int target, @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    SplittableRandom random = new SplittableRandom(seed);
    Pair pair = new Pair(config, bytes(random, 32));
    byte[] nonce = bytes(random, 16);
    Prio3.Sharded sharded = pair.vdaf.shard(CTX, measurement(config, random), nonce, bytes(random, pair.vdaf.randSize()));
    byte[][] parts = {sharded.publicShare(), sharded.inputShares().get(0), sharded.inputShares().get(1)};
    int chosen = parts[target].length == 0 ? 1 : target; // Prio3Count has no public share
    parts[chosen][position % parts[chosen].length] ^= (byte) flip;
    assertThat(pair.process(nonce, parts[0], parts[1], parts[2])).isNotNull();
    assertThat(pair.leader.reports()).isZero();
    assertThat(pair.helper.reports()).isZero();
  }

  @Property(tries = 40)
  void outOfRangeEncodingsAreRejectedWithTheirProof(@ForAll @IntRange(min = 101, max = 1_000_000) int claimed,
      @ForAll long seed) {
    Prio3Config config = Prio3Config.sum(100);
    SplittableRandom random = new SplittableRandom(seed);
    Pair pair = new Pair(config, bytes(random, 32));
    BigInteger[] encoded = new BigInteger[pair.vdaf.encodedMeasurementLength()];
    java.util.Arrays.fill(encoded, BigInteger.ZERO);
    encoded[0] = BigInteger.valueOf(claimed); // a "bit" that is not 0 or 1, weight 1: the sum would gain `claimed`
    byte[] nonce = bytes(random, 16);
    Prio3.Sharded forged = pair.vdaf.shardUnchecked(CTX, encoded, nonce, bytes(random, pair.vdaf.randSize()));
    assertThat(pair.process(nonce, forged.publicShare(), forged.inputShares().get(0), forged.inputShares().get(1)))
        .isEqualTo(InvalidReportException.Reason.PROOF_REJECTED);
  }

  @Test
  void aPublicShareLyingAboutOnePartIsRejectedByBothNotJustOne() {
    for (int lie = 0; lie < 2; lie++) {
      SplittableRandom random = new SplittableRandom(7 + lie);
      Pair pair = new Pair(Prio3Config.histogram(4, 2), new byte[32]);
      byte[] nonce = bytes(random, 16);
      Prio3.Sharded sharded = pair.vdaf.shard(CTX, new long[] {2}, nonce, bytes(random, pair.vdaf.randSize()));
      byte[] publicShare = sharded.publicShare();
      publicShare[lie * 32] ^= 1; // the part claimed for the leader, then for the helper
      assertThat(pair.process(nonce, publicShare, sharded.inputShares().get(0), sharded.inputShares().get(1)))
          .isEqualTo(InvalidReportException.Reason.JOINT_RANDOMNESS_MISMATCH);
      assertThat(pair.helper.reports()).isZero();
    }
  }

  @Test
  void invalidMeasurementsAreRefusedWhenSharding() {
    TwoAggregatorPrio3 count = TwoAggregatorPrio3.of(Prio3Config.count());
    byte[] nonce = new byte[16];
    assertThatThrownBy(() -> count.shard(CTX, new long[] {2}, nonce, new byte[count.randSize()]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 or 1");
    TwoAggregatorPrio3 sum = TwoAggregatorPrio3.of(Prio3Config.sum(100));
    assertThatThrownBy(() -> sum.shard(CTX, new long[] {101}, nonce, new byte[sum.randSize()]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 100]");
    TwoAggregatorPrio3 histogram = TwoAggregatorPrio3.of(Prio3Config.histogram(5, 2));
    assertThatThrownBy(() -> histogram.shard(CTX, new long[] {5}, nonce, new byte[histogram.randSize()]))
        .hasMessageContaining("bucket");
    TwoAggregatorPrio3 multihot = TwoAggregatorPrio3.of(Prio3Config.multihotCountVec(4, 1, 2));
    assertThatThrownBy(() -> multihot.shard(CTX, new long[] {1, 1, 0, 0}, nonce, new byte[multihot.randSize()]))
        .hasMessageContaining("at most 1");
    assertThatThrownBy(() -> sum.shard(CTX, new long[] {1, 2}, nonce, new byte[sum.randSize()]))
        .hasMessageContaining("takes 1 integer");
  }

  @Test
  void validateRefusesWhatShardRefusesWithoutSharding() {
    TwoAggregatorPrio3 sum = TwoAggregatorPrio3.of(Prio3Config.sum(100));
    sum.validate(new long[] {100});
    assertThatThrownBy(() -> sum.validate(new long[] {101})).hasMessageContaining("[0, 100]");
    assertThatThrownBy(() -> sum.validate(new long[] {1, 2})).hasMessageContaining("takes 1 integer");
    TwoAggregatorPrio3 histogram = TwoAggregatorPrio3.of(Prio3Config.histogram(5, 2));
    histogram.validate(new long[] {4});
    assertThatThrownBy(() -> histogram.validate(new long[] {5})).hasMessageContaining("bucket");
    TwoAggregatorPrio3 multihot = TwoAggregatorPrio3.of(Prio3Config.multihotCountVec(4, 1, 2));
    assertThatThrownBy(() -> multihot.validate(new long[] {1, 1, 0, 0})).hasMessageContaining("at most 1");
    TwoAggregatorPrio3 sumVec = TwoAggregatorPrio3.of(Prio3Config.sumVec(3, 7, 2));
    assertThatThrownBy(() -> sumVec.validate(new long[] {1, 8, 0})).hasMessageContaining("[0, 7]");
  }

  @Test
  void noisyAggregatesDecodeAsSignedIntegers() {
    TwoAggregatorPrio3 vdaf = TwoAggregatorPrio3.of(Prio3Config.histogram(3, 1));
    TwoAggregatorPrio3.AggregateShare leader = vdaf.newAggregateShare();
    TwoAggregatorPrio3.AggregateShare helper = vdaf.newAggregateShare();
    leader.addNoise(new long[] {-5, 0, 7});
    helper.addNoise(new long[] {2, -1, Long.MIN_VALUE / 2});
    assertThat(vdaf.unshard(List.of(leader.encode(), helper.encode()))).containsExactly(-3, -1, 7 + Long.MIN_VALUE / 2);
    assertThat(vdaf.decodeAggregateShare(leader.encode()).encode()).isEqualTo(leader.encode());
    assertThatThrownBy(() -> vdaf.decodeAggregateShare(new byte[5])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportsSealAndOpenOnlyForTheirAggregatorTaskAndAgency() throws Exception {
    TwoAggregatorPrio3 vdaf = TwoAggregatorPrio3.of(Prio3Config.sum(10));
    Hpke.KeyPair leaderKeys = Hpke.generateKeyPair();
    Hpke.KeyPair helperKeys = Hpke.generateKeyPair();
    Report report = Report.seal(vdaf, TASK, "council-a", new long[] {3}, leaderKeys.publicKey(),
        helperKeys.publicKey(), new Random(1));
    byte[] leaderShare = report.openInputShare(TwoAggregatorPrio3.LEADER, leaderKeys);
    byte[] helperShare = report.openInputShare(TwoAggregatorPrio3.HELPER, helperKeys);
    Pair pair = new Pair(Prio3Config.sum(10), new byte[32]);
    assertThat(pair.process(report.reportId(), report.publicShare(), leaderShare, helperShare)).isNull();
    assertThat(pair.result()).containsExactly(3);

    assertThatThrownBy(() -> report.openInputShare(TwoAggregatorPrio3.HELPER, leaderKeys))
        .isInstanceOf(InvalidReportException.class);
    Report moved = new Report("task-2", report.reportId(), report.agency(), report.publicShare(),
        report.leaderShare(), report.helperShare());
    assertThatThrownBy(() -> moved.openInputShare(TwoAggregatorPrio3.LEADER, leaderKeys))
        .isInstanceOf(InvalidReportException.class).extracting(e -> ((InvalidReportException) e).reason())
        .isEqualTo(InvalidReportException.Reason.UNDECRYPTABLE);
    Report otherAgency = new Report(TASK, report.reportId(), "council-b", report.publicShare(),
        report.leaderShare(), report.helperShare());
    assertThatThrownBy(() -> otherAgency.openInputShare(TwoAggregatorPrio3.LEADER, leaderKeys))
        .isInstanceOf(InvalidReportException.class);

    com.google.crypto.tink.subtle.Ed25519Sign.KeyPair agency = com.google.crypto.tink.subtle.Ed25519Sign.KeyPair.newKeyPair();
    byte[] signature = report.sign(agency.getPrivateKey());
    report.verifySignature(agency.getPublicKey(), signature);
    assertThatThrownBy(() -> otherAgency.verifySignature(agency.getPublicKey(), signature))
        .isInstanceOf(InvalidReportException.class).extracting(e -> ((InvalidReportException) e).reason())
        .isEqualTo(InvalidReportException.Reason.BAD_SIGNATURE);
  }

  @Test
  void aggregateSharesOpenOnlyForTheirBatchAndRole() throws Exception {
    Hpke.KeyPair collector = Hpke.generateKeyPair();
    byte[] sealed = CollectorShares.seal(collector.publicKey(), TASK, 3, 40, TwoAggregatorPrio3.HELPER, new byte[] {9});
    assertThat(CollectorShares.open(collector, TASK, 3, 40, TwoAggregatorPrio3.HELPER, sealed)).containsExactly(9);
    for (Object[] variant : new Object[][] {{"other", 3L, 40L, 1}, {TASK, 4L, 40L, 1}, {TASK, 3L, 41L, 1},
        {TASK, 3L, 40L, 0}}) {
      assertThatThrownBy(() -> CollectorShares.open(collector, (String) variant[0], (Long) variant[1],
          (Long) variant[2], (Integer) variant[3], sealed)).isInstanceOf(java.security.GeneralSecurityException.class);
    }
  }
}
