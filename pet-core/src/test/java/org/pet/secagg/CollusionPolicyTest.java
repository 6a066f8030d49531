package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A participant's collusion policy: which rounds it accepts, and how it refuses the others. */
class CollusionPolicyTest {

  private static List<String> ids(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "p" + i).toList();
  }

  private static SecAggParameters authenticated(int n, int t, int declaredColluders) {
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId("r").participants(ids(n)).threshold(t)
        .toleratedColluders(declaredColluders).vectorLength(1);
    ids(n).forEach(id -> builder.identityKey(id, IdentityKeyPair.generate().publicKey()));
    return builder.build();
  }

  private static SecAggParameters plain(int n, int t, int declaredColluders) {
    return SecAggParameters.builder().roundId("r").participants(ids(n)).threshold(t)
        .toleratedColluders(declaredColluders).vectorLength(1).build();
  }

  @ParameterizedTest
  @CsvSource({"1, 0", "2, 0", "3, 0", "4, 1", "6, 1", "7, 2", "9, 2", "10, 3", "100, 33"})
  void defaultColluders_isTheLargestBelowAThird(int n, int expected) {
    assertThat(CollusionPolicy.defaultColluders(n)).isEqualTo(expected);
    assertThat(3 * expected).isLessThan(n);
    assertThat(3 * (expected + 1)).isGreaterThanOrEqualTo(n);
    assertThat(CollusionPolicy.defaultPolicy().colludersFor(n)).isEqualTo(expected);
  }

  /** Never more than Bonawitz et al.'s floor(2n/3) + 1 under the default c. */
  @ParameterizedTest
  @CsvSource({"2, 0, 2", "3, 0, 2", "4, 1, 3", "5, 1, 4", "6, 1, 4", "7, 2, 5", "10, 3, 7", "5, 2, 4"})
  void minimumThreshold_authenticated_isTheSmallestTWith2tAboveNPlusC(int n, int c, int expected) {
    assertThat(CollusionPolicy.minimumThreshold(n, c, true)).isEqualTo(expected);
    assertThat(2 * expected).isGreaterThan(n + c);
    if (expected > 2) {
      assertThat(2 * (expected - 1)).isLessThanOrEqualTo(n + c);
    }
    if (c == CollusionPolicy.defaultColluders(n)) {
      assertThat(expected).isLessThanOrEqualTo(2 * n / 3 + 1);
    }
  }

  @Test
  void minimumThreshold_plain_isOneAboveTheColludersAndAtLeastTwo() {
    assertThat(CollusionPolicy.minimumThreshold(5, 0, false)).isEqualTo(2);
    assertThat(CollusionPolicy.minimumThreshold(5, 3, false)).isEqualTo(4);
  }

  @Test
  void check_thresholdTooSmallForTheColluders_refusedStatingTheBound() {
    SecAggParameters round = authenticated(4, 2, 0);
    assertThatThrownBy(() -> CollusionPolicy.defaultPolicy().check(round))
        .isInstanceOf(RoundRefusedException.class)
        .hasMessage("refusing round r: with 4 participants and up to 1 colluding agency the threshold must be at"
            + " least 3 (2t > n + c), was 2");
    assertThatThrownBy(() -> CollusionPolicy.tolerating(1).check(authenticated(5, 3, 1)))
        .isInstanceOf(RoundRefusedException.class)
        .hasMessage("refusing round r: with 5 participants and up to 1 colluding agency the threshold must be at"
            + " least 4 (2t > n + c), was 3");
  }

  @Test
  void check_noColludersAndThresholdAtHalf_refused() {
    assertThatThrownBy(() -> CollusionPolicy.tolerating(0).check(authenticated(4, 2, 0)))
        .isInstanceOf(RoundRefusedException.class)
        .hasMessageEndingWith("with 4 participants and up to 0 colluding agencies the threshold must be at least"
            + " 3 (2t > n + c), was 2");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void check_colludersAtLeastTheThreshold_refused(boolean isAuthenticated) {
    SecAggParameters round = isAuthenticated ? authenticated(3, 2, 1) : plain(3, 2, 1);
    assertThatThrownBy(() -> CollusionPolicy.tolerating(2).check(round))
        .isInstanceOf(RoundRefusedException.class)
        .hasMessage("refusing round r: with up to 2 colluding agencies the threshold must be at least 3 (c < t),"
            + " was 2");
  }

  @Test
  void check_roundDeclaresFewerColludersThanThePolicy_refused() {
    SecAggParameters round = authenticated(7, 6, 0);
    assertThatThrownBy(() -> CollusionPolicy.tolerating(2).check(round))
        .isInstanceOf(RoundRefusedException.class)
        .hasMessageStartingWith("refusing round r: it declares up to 0 colluding agencies, fewer than the 2 this"
            + " agency tolerates");
    CollusionPolicy.tolerating(2).check(authenticated(7, 6, 2));
    CollusionPolicy.tolerating(2).check(authenticated(7, 6, 3));
  }

  /** The plain variant assumes a server that follows the protocol: only c &lt; t is required. */
  @Test
  void check_plainRoundBelowTheAuthenticatedBound_accepted() {
    CollusionPolicy.tolerating(1).check(plain(5, 2, 1));
    CollusionPolicy.defaultPolicy().check(plain(4, 2, 1));
  }

  @ParameterizedTest
  @CsvSource({"3, 2", "4, 3", "5, 4", "7, 5", "10, 7"})
  void check_defaultRoundAtTheMinimumThreshold_acceptedByTheDefaultPolicy(int n, int t) {
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId("r").participants(ids(n)).threshold(t)
        .vectorLength(1);
    ids(n).forEach(id -> builder.identityKey(id, IdentityKeyPair.generate().publicKey()));
    SecAggParameters round = builder.build();
    assertThat(round.toleratedColluders()).isEqualTo(CollusionPolicy.defaultColluders(n));
    CollusionPolicy.defaultPolicy().check(round);
    new SecAggServer(round);
  }

  @Test
  void client_roundBelowThePolicy_refusedBeforeAnyKeyIsMade() {
    IdentityKeyPair identity = IdentityKeyPair.generate();
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId("r").participants(ids(4)).threshold(2)
        .toleratedColluders(0).vectorLength(1).identityKey("p1", identity.publicKey());
    ids(4).subList(1, 4).forEach(id -> builder.identityKey(id, IdentityKeyPair.generate().publicKey()));
    SecAggParameters round = builder.build();
    assertThatThrownBy(() -> new SecAggClient(round, "p1", new long[1], identity))
        .isInstanceOf(RoundRefusedException.class).hasMessageContaining("(2t > n + c), was 2");
    assertThatThrownBy(() -> new SecAggClient(round, "p1", new long[1], identity, CollusionPolicy.tolerating(0)))
        .isInstanceOf(RoundRefusedException.class).hasMessageContaining("at least 3 (2t > n + c)");
  }

  @Test
  void server_authenticatedRoundBelowItsDeclaredBound_refused() {
    assertThatThrownBy(() -> new SecAggServer(authenticated(5, 3, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refusing to run round r: with 5 participants and up to 1 colluding agency the threshold must"
            + " be at least 4 (2t > n + c), was 3");
  }

  @Test
  void tolerating_negative_throws() {
    assertThatThrownBy(() -> CollusionPolicy.tolerating(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`colluders` must be >= 0, was -1");
  }

  @Test
  void equalsAndToString_sayWhatIsTolerated() {
    assertThat(CollusionPolicy.tolerating(2)).isEqualTo(CollusionPolicy.tolerating(2))
        .isNotEqualTo(CollusionPolicy.defaultPolicy()).hasToString("CollusionPolicy{colluders=2}");
    assertThat(CollusionPolicy.defaultPolicy()).hasToString("CollusionPolicy{colluders=floor((n - 1) / 3)}");
  }

  @Test
  void parameters_declaredColludersAtLeastTheThreshold_rejected() {
    assertThatThrownBy(() -> plain(5, 3, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`toleratedColluders` must be in [0, threshold = 3), was 3");
  }

  @Test
  void parameters_negativeDeclaredColluders_rejectedAtOnce() {
    assertThatThrownBy(() -> SecAggParameters.builder().toleratedColluders(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`toleratedColluders` must be >= 0, was -1");
  }

  @Test
  void parameters_defaultColludersNotBelowTheThreshold_rejectedNamingTheDefault() {
    assertThatThrownBy(() -> SecAggParameters.builder().roundId("r").participants(ids(7)).threshold(2).vectorLength(1)
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`threshold` must exceed the default toleratedColluders = 2 for 7 participants");
  }
}
