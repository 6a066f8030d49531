package org.pet.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What every {@link PrivacyAccountant} promises, checked on each implementation. */
class AccountantContractTest {

  private static final Mechanism QUARTER = Mechanism.laplace(0.25);

  static Stream<Arguments> badDeltas() {
    return Arrays.stream(AccountantKind.values()).flatMap(kind -> Stream.of(-1e-12, 1.0, 1.5, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY).map(delta -> Arguments.of(kind, delta)));
  }

  static Stream<Arguments> badTimes() {
    return Arrays.stream(AccountantKind.values())
        .flatMap(kind -> Stream.of(0, -1, Integer.MIN_VALUE).map(times -> Arguments.of(kind, times)));
  }

  @ParameterizedTest
  @EnumSource(AccountantKind.class)
  void spent_nothingCharged_isZeroEpsilon(AccountantKind kind) {
    PrivacyAccountant accountant = kind.create();
    assertThat(accountant.spent(0)).isEqualTo(PrivacyBudget.ZERO);
    assertThat(accountant.spent(1e-6).epsilon()).isZero();
  }

  @ParameterizedTest
  @MethodSource("badDeltas")
  void spent_badDelta_throwsNamingDelta(AccountantKind kind, double delta) {
    assertThatThrownBy(() -> kind.create().spent(delta))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`delta` must be in [0, 1), was " + delta);
  }

  @ParameterizedTest
  @EnumSource(AccountantKind.class)
  void charge_nullMechanism_throwsNamingMechanism(AccountantKind kind) {
    PrivacyAccountant accountant = kind.create();
    assertThatThrownBy(() -> accountant.charge(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`mechanism` must be non-null, was null");
    assertThatThrownBy(() -> accountant.canCharge(null, PrivacyBudget.pure(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`mechanism` must be non-null, was null");
    assertThatThrownBy(() -> accountant.tryCharge(null, PrivacyBudget.pure(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`mechanism` must be non-null, was null");
  }

  @ParameterizedTest
  @MethodSource("badTimes")
  void charge_badTimes_throwsNamingTimes(AccountantKind kind, int times) {
    PrivacyAccountant accountant = kind.create();
    assertThatThrownBy(() -> accountant.charge(QUARTER, times))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`times` must be >= 1, was " + times);
    assertThatThrownBy(() -> accountant.canCharge(QUARTER, times, PrivacyBudget.pure(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`times` must be >= 1, was " + times);
    assertThatThrownBy(() -> accountant.tryCharge(QUARTER, times, PrivacyBudget.pure(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`times` must be >= 1, was " + times);
    assertThat(accountant.spent(0)).isEqualTo(PrivacyBudget.ZERO);
  }

  @ParameterizedTest
  @EnumSource(AccountantKind.class)
  void canCharge_nullLimit_throwsNamingLimit(AccountantKind kind) {
    PrivacyAccountant accountant = kind.create();
    assertThatThrownBy(() -> accountant.canCharge(QUARTER, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`limit` must be non-null, was null");
    assertThatThrownBy(() -> accountant.tryCharge(QUARTER, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`limit` must be non-null, was null");
  }

  @ParameterizedTest
  @EnumSource(AccountantKind.class)
  void unsupportedMechanism_isRejectedByEveryMethod(AccountantKind kind) {
    PrivacyAccountant accountant = kind.create();
    assertThat(accountant.supports(kind.unsupported)).isFalse();
    assertThat(accountant.supports(kind.approximate)).isTrue();
    assertThat(accountant.supports(QUARTER)).isTrue();
    String prefix = "`mechanism` must be one " + accountant.getClass().getSimpleName() + " can compose";
    assertThatThrownBy(() -> accountant.charge(kind.unsupported))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(prefix);
    assertThatThrownBy(() -> accountant.canCharge(kind.unsupported, PrivacyBudget.pure(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(prefix);
    assertThatThrownBy(() -> accountant.tryCharge(kind.unsupported, PrivacyBudget.pure(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(prefix);
    assertThat(accountant.spent(0)).isEqualTo(PrivacyBudget.ZERO);
  }

  @ParameterizedTest
  @EnumSource(AccountantKind.class)
  void canCharge_pureLimit_trueExactlyUpToIt_andChangesNothing(AccountantKind kind) {
    PrivacyAccountant accountant = kind.create();
    accountant.charge(QUARTER, 3);
    PrivacyBudget before = accountant.spent(0);
    // 3 * 0.25 + 0.25 = 1 exactly.
    assertThat(accountant.canCharge(QUARTER, PrivacyBudget.pure(1))).isTrue();
    assertThat(accountant.canCharge(QUARTER, PrivacyBudget.pure(Math.nextDown(1.0)))).isFalse();
    assertThat(accountant.canCharge(QUARTER, 2, PrivacyBudget.pure(1.25))).isTrue();
    assertThat(accountant.canCharge(QUARTER, 2, PrivacyBudget.pure(1))).isFalse();
    assertThat(accountant.spent(0)).isEqualTo(before).isEqualTo(PrivacyBudget.pure(0.75));
  }

  @ParameterizedTest
  @EnumSource(AccountantKind.class)
  void canCharge_approximateLimit_trueExactlyUpToIt(AccountantKind kind) {
    PrivacyAccountant accountant = kind.create();
    accountant.charge(kind.approximate, 5);
    PrivacyAccountant twin = kind.create();
    twin.charge(kind.approximate, 5);
    twin.charge(kind.approximate);
    PrivacyBudget exact = twin.spent(1e-5);
    PrivacyBudget before = accountant.spent(1e-5);

    assertThat(accountant.canCharge(kind.approximate, exact)).isTrue();
    assertThat(accountant.canCharge(kind.approximate,
        new PrivacyBudget(Math.nextDown(exact.epsilon()), exact.delta()))).isFalse();
    assertThat(accountant.spent(1e-5)).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(AccountantKind.class)
  void tryCharge_chargesOnlyWithinTheLimit(AccountantKind kind) {
    PrivacyAccountant accountant = kind.create();
    assertThat(accountant.tryCharge(QUARTER, 4, PrivacyBudget.pure(1))).isTrue();
    assertThat(accountant.tryCharge(QUARTER, PrivacyBudget.pure(1.2))).isFalse();
    assertThat(accountant.spent(0)).isEqualTo(PrivacyBudget.pure(1));
    assertThat(accountant.tryCharge(QUARTER, PrivacyBudget.pure(1.25))).isTrue();
    assertThat(accountant.spent(0)).isEqualTo(PrivacyBudget.pure(1.25));
  }

  @ParameterizedTest
  @EnumSource(AccountantKind.class)
  void chargeTimes_equalsRepeatedCharges(AccountantKind kind) {
    PrivacyAccountant once = kind.create();
    PrivacyAccountant repeated = kind.create();
    once.charge(kind.approximate, 8);
    once.charge(QUARTER, 4);
    for (int i = 0; i < 8; i++) {
      repeated.charge(kind.approximate);
    }
    for (int i = 0; i < 4; i++) {
      repeated.charge(QUARTER);
    }
    assertThat(repeated.spent(1e-4).epsilon())
        .isCloseTo(once.spent(1e-4).epsilon(), within(1e-12));
    assertThat(repeated.spent(1e-4).delta()).isEqualTo(once.spent(1e-4).delta());
  }
}
