package org.pet.vdaf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Aggregate shares on their way to the collector: each aggregator seals its share of a batch to the
 * collector's HPKE key, so the leader, which relays both, never sees the helper's share (nor, therefore, the
 * aggregate). Info {@code "pet-vdaf aggregate share" || role} (0x02 leader, 0x03 helper); associated data:
 * the task, the batch number and the batch's report count, so a share cannot be passed off as another
 * batch's.
 */
public final class CollectorShares {

  private static final byte[] LABEL = "pet-vdaf aggregate share".getBytes(StandardCharsets.US_ASCII);

  private CollectorShares() {}

  /** Seals aggregator {@code aggId}'s aggregate share of a batch to the collector. */
  public static byte[] seal(byte[] collectorKey, String taskId, long batch, long reportCount, int aggId,
      byte[] aggregateShare) {
    return Hpke.seal(collectorKey, info(aggId), aad(taskId, batch, reportCount), aggregateShare);
  }

  /**
   * Opens aggregator {@code aggId}'s aggregate share of a batch.
   *
   * @throws GeneralSecurityException if it was sealed to another key, for another task, batch, count or
   *     role, or altered
   */
  public static byte[] open(Hpke.KeyPair collectorKeys, String taskId, long batch, long reportCount, int aggId,
      byte[] sealed) throws GeneralSecurityException {
    return Hpke.open(collectorKeys, sealed, info(aggId), aad(taskId, batch, reportCount));
  }

  private static byte[] info(int aggId) {
    byte[] info = Arrays.copyOf(LABEL, LABEL.length + 1);
    info[LABEL.length] = (byte) (aggId == TwoAggregatorPrio3.LEADER ? 2 : 3);
    return info;
  }

  private static byte[] aad(String taskId, long batch, long reportCount) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Report.field(out, taskId.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(java.nio.ByteBuffer.allocate(16).putLong(batch).putLong(reportCount).array());
    return out.toByteArray();
  }
}
