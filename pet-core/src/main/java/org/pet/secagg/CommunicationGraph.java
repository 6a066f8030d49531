package org.pet.secagg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who masks with whom in a round: the complete graph of the original protocol, or for SecAgg+ (Bell,
 * Bonawitz, Gascon, Lepoint and Raykova, CCS 2020) a k-regular Harary graph whose vertices are the
 * participants in a public pseudorandom order derived from the round id - so nobody, the server included,
 * chooses who neighbours whom, and anybody can recompute it.
 *
 * <p><b>Derivation</b> (normative; docs/PROTOCOL.md has test vectors). With participants p_0..p_(n-1) in
 * round order and an even k, 2 &lt;= k &lt; n - 1:
 * <ol>
 *   <li>seed = SHA-256("pet/secagg+/graph/v1" || 0x00 || UTF-8(round id));</li>
 *   <li>the words w_0, w_1, ... of {@link Prg} on that seed drive a Fisher-Yates shuffle of the indices
 *       0..n-1: for i = n-1 down to 1, j is the next word w (as an unsigned 64-bit integer) for which
 *       w &lt; 2^64 - (2^64 mod (i + 1)), reduced mod (i + 1) (rejection sampling, so j is uniform), and
 *       positions i and j are swapped;</li>
 *   <li>the participant at ring position r is the one whose index the shuffle left at r; it neighbours the
 *       participants at positions r +- 1, ..., r +- k/2 (mod n).</li>
 * </ol>
 * For k &gt;= n - 1 the graph is complete (every other participant is a neighbour). Immutable.
 */
public final class CommunicationGraph {

  private static final byte[] DOMAIN = "pet/secagg+/graph/v1".getBytes(StandardCharsets.US_ASCII);

  private final ParticipantList participants;
  private final int degree;
  /** The round index of the participant at each ring position; null for the complete graph. */
  private final int[] order;
  /** The ring position of each participant (by round index); null for the complete graph. */
  private final int[] positionOf;

  private CommunicationGraph(ParticipantList participants, int degree, int[] order) {
    this.participants = participants;
    this.degree = degree;
    this.order = order;
    if (order == null) {
      positionOf = null;
    } else {
      positionOf = new int[order.length];
      for (int position = 0; position < order.length; position++) {
        positionOf[order[position]] = position;
      }
    }
  }

  /**
   * The complete graph on the participants: every pair masks together (the original protocol).
   *
   * @throws IllegalArgumentException if the participants are fewer than 2 or repeat
   */
  public static CommunicationGraph complete(List<String> participants) {
    ParticipantList ids = distinct(participants, 2);
    return new CommunicationGraph(ids, ids.size() - 1, null);
  }

  /**
   * The k-regular Harary graph on the participants in the round's pseudorandom order (see the class
   * documentation); complete when {@code k >= n - 1}.
   *
   * @throws IllegalArgumentException if the participants are fewer than 3 or repeat, or k is odd or below 2
   */
  public static CommunicationGraph harary(List<String> participants, int k, String roundId) {
    Objects.requireNonNull(roundId, "roundId");
    ParticipantList ids = distinct(participants, 3);
    int n = ids.size();
    if (k < 2 || k % 2 != 0) {
      throw new IllegalArgumentException("`neighbours` must be even and >= 2, was " + k);
    }
    if (k >= n - 1) {
      return new CommunicationGraph(ids, n - 1, null);
    }
    return new CommunicationGraph(ids, k, shuffledIndices(n, roundId));
  }

  /** The ring order: {@code order[r]} is the index (in round order) of the participant at position r. */
  static int[] shuffledIndices(int n, String roundId) {
    byte[] seed;
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(DOMAIN);
      sha256.update((byte) 0);
      seed = sha256.digest(roundId.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
    Prg prg = Prg.fromSeed(seed);
    long[] words = prg.expand(2 * n + 16);
    int next = 0;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i >= 1; i--) {
      long bound = i + 1L;
      // Accept w < 2^64 - (2^64 mod bound): the largest multiple of bound that fits, as an unsigned long
      // (0 when bound divides 2^64, i.e. every word is accepted). 2^64 mod bound = (2^64 - bound) mod bound.
      long rejectFrom = -Long.remainderUnsigned(-bound, bound);
      long word;
      do {
        if (next == words.length) {
          words = prg.expand(2 * words.length); // a longer expansion of the same stream: next stays valid
        }
        word = words[next++];
      } while (rejectFrom != 0 && Long.compareUnsigned(word, rejectFrom) >= 0);
      int j = (int) Long.remainderUnsigned(word, bound);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  private static ParticipantList distinct(List<String> participants, int minimum) {
    ParticipantList ids = ParticipantList.of(participants);
    if (ids.size() < minimum || !ids.distinct()) {
      throw new IllegalArgumentException("this communication graph needs at least " + minimum
          + " distinct participants, had " + ids);
    }
    return ids;
  }

  /** The participants, in round order. */
  public List<String> participants() {
    return participants;
  }

  /** k: every participant's number of neighbours (n - 1 for the complete graph). */
  public int degree() {
    return degree;
  }

  /** Whether every pair of participants are neighbours. */
  public boolean isComplete() {
    return positionOf == null;
  }

  /**
   * The participants {@code participant} masks with and shares its secrets among, sorted.
   *
   * @throws IllegalArgumentException if {@code participant} is not in the round
   */
  public SortedSet<String> neighbours(String participant) {
    int index = indexOf(participant);
    SortedSet<String> result = new TreeSet<>();
    for (int other : neighbourIndices(index)) {
      result.add(participants.get(other));
    }
    return Collections.unmodifiableSortedSet(result);
  }

  /** Whether the two participants are neighbours (never a participant and itself). */
  public boolean adjacent(String a, String b) {
    int i = indexOf(a);
    int j = indexOf(b);
    if (i == j) {
      return false;
    }
    if (isComplete()) {
      return true;
    }
    int distance = Math.floorMod(positionOf[i] - positionOf[j], participants.size());
    return Math.min(distance, participants.size() - distance) <= degree / 2;
  }

  /**
   * The members of {@code stage} in {@code participant}'s closed neighbourhood (its neighbours and itself,
   * the holders of its secrets' shares), in round order. Linear in the stage for the complete graph and in
   * k otherwise, so callers can use it for every participant of a large round.
   */
  List<String> closedNeighbourhoodIn(String participant, Set<String> stage) {
    int index = indexOf(participant);
    List<String> members = new ArrayList<>();
    if (isComplete()) {
      for (String id : participants) {
        if (stage.contains(id)) {
          members.add(id);
        }
      }
      return members;
    }
    int[] around = neighbourIndices(index);
    int[] closed = Arrays.copyOf(around, around.length + 1);
    closed[around.length] = index;
    Arrays.sort(closed);
    for (int other : closed) {
      String id = participants.get(other);
      if (stage.contains(id)) {
        members.add(id);
      }
    }
    return members;
  }

  /** The round indices (0-based) of a participant's neighbours. */
  private int[] neighbourIndices(int index) {
    int n = participants.size();
    if (isComplete()) {
      int[] others = new int[n - 1];
      for (int i = 0, j = 0; i < n; i++) {
        if (i != index) {
          others[j++] = i;
        }
      }
      return others;
    }
    int[] result = new int[degree];
    int position = positionOf[index];
    for (int step = 1, j = 0; step <= degree / 2; step++) {
      result[j++] = order[Math.floorMod(position + step, n)];
      result[j++] = order[Math.floorMod(position - step, n)];
    }
    return result;
  }

  private int indexOf(String participant) {
    int index = participants.indexOf(participant);
    if (index < 0) {
      throw new IllegalArgumentException("unknown participant " + participant);
    }
    return index;
  }
}
