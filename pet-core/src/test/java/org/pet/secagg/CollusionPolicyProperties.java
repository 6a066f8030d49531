package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The bound 2t &gt; n + c of {@link CollusionPolicy} is exactly where a malicious server can no longer
 * have two survivor sets signed by t participants each: checked by brute force over every way the honest
 * participants can sign, for every (n, t, c) with n &lt;= 9.
 */
class CollusionPolicyProperties {

  /**
   * The server's best equivocation: S1 = every participant, S2 = every participant but the victim v (the
   * largest sets each can be, so every possible signer is a member). Each colluder signs both; each honest
   * participant signs at most one, and v never S2 (a participant refuses a set without itself). A split
   * exists if some assignment gives both sets t signatures; then each group, with the colluders' shares,
   * also supplies t shares of v's seed and of v's key.
   */
  @Property(generation = GenerationMode.EXHAUSTIVE, tries = 1000)
  void authenticatedBound_acceptsExactlyWhenNoTwoSetSplitExists(
      @ForAll @IntRange(min = 2, max = 9) int n, @ForAll @IntRange(min = 2, max = 9) int t,
      @ForAll @IntRange(min = 0, max = 8) int c) {
    Assume.that(t <= n && c < n);
    boolean splitPossible = splitPossible(n, t, c);
    assertThat(splitPossible).isEqualTo(2 * t <= n + c);
    assertThat(accepts(n, t, c)).isEqualTo(!splitPossible);
    assertThat(t >= CollusionPolicy.minimumThreshold(n, c, true)).isEqualTo(!splitPossible);
  }

  /** Whether some assignment of the n - c honest participants (v among them) to S1, S2 or neither works. */
  private static boolean splitPossible(int n, int t, int c) {
    int honest = n - c;
    int assignments = (int) Math.pow(3, honest);
    for (int code = 0; code < assignments; code++) {
      int first = c;
      int second = c;
      int rest = code;
      boolean valid = true;
      for (int agency = 0; agency < honest; agency++) {
        int choice = rest % 3;
        rest /= 3;
        if (choice == 1) {
          first++;
        } else if (choice == 2) {
          valid &= agency != 0; // agency 0 is the victim
          second++;
        }
      }
      if (valid && first >= t && second >= t) {
        return true;
      }
    }
    return false;
  }

  /** Whether a participant tolerating c colluders takes part in an authenticated round declaring them. */
  private static boolean accepts(int n, int t, int c) {
    List<String> ids = IntStream.rangeClosed(1, n).mapToObj(i -> "p" + i).toList();
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId("r").participants(ids).threshold(t)
        .toleratedColluders(Math.min(c, t - 1)).vectorLength(1);
    ids.forEach(id -> builder.identityKey(id, new byte[32]));
    try {
      CollusionPolicy.tolerating(c).check(builder.build());
      return true;
    } catch (RoundRefusedException e) {
      return false;
    }
  }
}
