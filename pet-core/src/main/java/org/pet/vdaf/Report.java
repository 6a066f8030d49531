package org.pet.vdaf;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One agency's report to a two-aggregator task: its id (the VDAF nonce, 16 random bytes), the public share,
 * and the two input shares, each sealed with {@link Hpke} to its aggregator, and the agency's Ed25519
 * signature over all of it.
 *
 * <p><b>Bindings.</b> Each input share is sealed with info {@code "pet-vdaf input share" || 0x01 || role}
 * (role 0x02 leader, 0x03 helper, as in DAP) and associated data {@link #inputShareAad()}: the task, report
 * id, agency and public share, so a share moved to another task, report, agency or role does not open.
 * The signature ({@link #signedContent()}) covers every field, so neither aggregator can alter or invent a
 * report of a registered agency. The VDAF application context is {@link #applicationContext(String)}, so a
 * proof made for one task does not verify in another.
 *
 * @param taskId the task
 * @param reportId 16 random bytes, unique per report: aggregators refuse a second report with the same id
 * @param agency the submitting agency's registered id
 * @param publicShare the Prio3 public share (joint randomness parts; empty for Prio3Count)
 * @param leaderShare the leader's input share sealed to the leader's HPKE key
 * @param helperShare the helper's input share sealed to the helper's HPKE key
 */
public record Report(String taskId, byte[] reportId, String agency, byte[] publicShare, byte[] leaderShare,
    byte[] helperShare) {

  private static final byte[] SIGNED_LABEL = "pet-vdaf report/1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHARE_LABEL = "pet-vdaf input share".getBytes(StandardCharsets.US_ASCII);

  /** @throws IllegalArgumentException if the report id does not have {@value Prio3#NONCE_SIZE} bytes */
  public Report {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(agency, "agency");
    if (Objects.requireNonNull(reportId, "reportId").length != Prio3.NONCE_SIZE) {
      throw new IllegalArgumentException("a report id has " + Prio3.NONCE_SIZE + " bytes, had " + reportId.length);
    }
    reportId = reportId.clone();
    publicShare = Objects.requireNonNull(publicShare, "publicShare").clone();
    leaderShare = Objects.requireNonNull(leaderShare, "leaderShare").clone();
    helperShare = Objects.requireNonNull(helperShare, "helperShare").clone();
  }

  /**
   * Shards a measurement and seals it for the two aggregators.
   *
   * @param random the source of the report id and the sharding randomness: a SecureRandom (a seeded one only
   *     in tests)
   * @throws IllegalArgumentException if the measurement is invalid for the task or a key is malformed
   */
  public static Report seal(TwoAggregatorPrio3 vdaf, String taskId, String agency, long[] measurement,
      byte[] leaderKey, byte[] helperKey, java.util.Random random) {
    byte[] reportId = new byte[Prio3.NONCE_SIZE];
    random.nextBytes(reportId);
    byte[] rand = new byte[vdaf.randSize()];
    random.nextBytes(rand);
    return seal(taskId, reportId, agency, vdaf.shard(applicationContext(taskId), measurement, reportId, rand),
        leaderKey, helperKey);
  }

  /** Seals shares already computed (by {@link TwoAggregatorPrio3#shard} with this report id as the nonce). */
  public static Report seal(String taskId, byte[] reportId, String agency, Prio3.Sharded sharded, byte[] leaderKey,
      byte[] helperKey) {
    Report unsealed = new Report(taskId, reportId, agency, sharded.publicShare(), new byte[0], new byte[0]);
    byte[] aad = unsealed.inputShareAad();
    return new Report(taskId, reportId, agency, sharded.publicShare(),
        Hpke.seal(leaderKey, inputShareInfo(TwoAggregatorPrio3.LEADER), aad, sharded.inputShares().get(0)),
        Hpke.seal(helperKey, inputShareInfo(TwoAggregatorPrio3.HELPER), aad, sharded.inputShares().get(1)));
  }

  /** The VDAF application context of a task: {@code "pet-vdaf/1 task " || taskId} in UTF-8. */
  public static byte[] applicationContext(String taskId) {
    return ("pet-vdaf/1 task " + taskId).getBytes(StandardCharsets.UTF_8);
  }

  /** HPKE info for an input share to aggregator {@code aggId}. */
  public static byte[] inputShareInfo(int aggId) {
    byte[] info = Arrays.copyOf(SHARE_LABEL, SHARE_LABEL.length + 2);
    info[SHARE_LABEL.length] = 1;
    info[SHARE_LABEL.length + 1] = (byte) (aggId == TwoAggregatorPrio3.LEADER ? 2 : 3);
    return info;
  }

  /** HPKE associated data of both input shares: task, report id, agency and public share, length-prefixed. */
  public byte[] inputShareAad() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    field(out, taskId.getBytes(StandardCharsets.UTF_8));
    field(out, reportId);
    field(out, agency.getBytes(StandardCharsets.UTF_8));
    field(out, publicShare);
    return out.toByteArray();
  }

  /** What the agency signs: a label and every field, length-prefixed. */
  public byte[] signedContent() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SIGNED_LABEL);
    out.writeBytes(inputShareAad());
    field(out, leaderShare);
    field(out, helperShare);
    return out.toByteArray();
  }

  /**
   * Aggregator {@code aggId}'s input share, opened with its HPKE key.
   *
   * @throws InvalidReportException (UNDECRYPTABLE) if it does not open
   */
  public byte[] openInputShare(int aggId, Hpke.KeyPair keys) throws InvalidReportException {
    try {
      return Hpke.open(keys, aggId == TwoAggregatorPrio3.LEADER ? leaderShare : helperShare, inputShareInfo(aggId),
          inputShareAad());
    } catch (GeneralSecurityException e) {
      throw new InvalidReportException(InvalidReportException.Reason.UNDECRYPTABLE, "the "
          + (aggId == TwoAggregatorPrio3.LEADER ? "leader" : "helper") + "'s input share does not decrypt");
    }
  }

  /** The agency's Ed25519 signature (64 bytes) over {@link #signedContent()}. */
  public byte[] sign(byte[] ed25519PrivateKey) {
    try {
      return new Ed25519Sign(ed25519PrivateKey).sign(signedContent());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
    }
  }

  /**
   * Checks the agency's signature.
   *
   * @throws InvalidReportException (BAD_SIGNATURE) if it does not verify under the key
   */
  public void verifySignature(byte[] ed25519PublicKey, byte[] signature) throws InvalidReportException {
    try {
      new Ed25519Verify(ed25519PublicKey).verify(signature, signedContent());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidReportException(InvalidReportException.Reason.BAD_SIGNATURE,
          "the report's signature does not verify under agency " + agency + "'s registered key");
    }
  }

  @Override
  public byte[] reportId() {
    return reportId.clone();
  }

  @Override
  public byte[] publicShare() {
    return publicShare.clone();
  }

  @Override
  public byte[] leaderShare() {
    return leaderShare.clone();
  }

  @Override
  public byte[] helperShare() {
    return helperShare.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Report that && taskId.equals(that.taskId) && Arrays.equals(reportId, that.reportId)
        && agency.equals(that.agency) && Arrays.equals(publicShare, that.publicShare)
        && Arrays.equals(leaderShare, that.leaderShare) && Arrays.equals(helperShare, that.helperShare);
  }

  @Override
  public int hashCode() {
    return Objects.hash(taskId, Arrays.hashCode(reportId), agency);
  }

  @Override
  public String toString() {
    return "Report[task=" + taskId + ", id=" + java.util.HexFormat.of().formatHex(reportId) + ", agency=" + agency
        + "]";
  }

  static void field(ByteArrayOutputStream out, byte[] value) {
    out.write(value.length >>> 24);
    out.write(value.length >>> 16);
    out.write(value.length >>> 8);
    out.write(value.length);
    out.writeBytes(value);
  }
}
