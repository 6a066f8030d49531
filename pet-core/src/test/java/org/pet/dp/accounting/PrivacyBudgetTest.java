package org.pet.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivacyBudgetTest {

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, -1e-300, -1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void constructor_badEpsilon_throwsNamingEpsilon(double epsilon) {
    assertThatThrownBy(() -> new PrivacyBudget(epsilon, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`epsilon` must be");
    assertThatThrownBy(() -> PrivacyBudget.pure(epsilon))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`epsilon` must be");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, -1e-12, 1, 1.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void constructor_badDelta_throwsNamingDelta(double delta) {
    assertThatThrownBy(() -> new PrivacyBudget(1, delta))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`delta` must be in [0, 1), was " + delta);
  }

  @Test
  void constructor_boundaryValues_areAccepted() {
    assertThat(new PrivacyBudget(0, 0)).isEqualTo(PrivacyBudget.ZERO);
    assertThat(new PrivacyBudget(Double.MAX_VALUE, Math.nextDown(1.0)).delta()).isLessThan(1);
  }

  @Test
  void pure_hasZeroDelta() {
    assertThat(PrivacyBudget.pure(2)).isEqualTo(new PrivacyBudget(2, 0));
    assertThat(PrivacyBudget.pure(2).isPure()).isTrue();
    assertThat(new PrivacyBudget(2, 1e-9).isPure()).isFalse();
  }

  @Test
  void covers_comparesBothParameters() {
    PrivacyBudget limit = new PrivacyBudget(1, 1e-6);
    assertThat(limit.covers(limit)).isTrue();
    assertThat(limit.covers(PrivacyBudget.pure(1))).isTrue();
    assertThat(limit.covers(new PrivacyBudget(Math.nextUp(1.0), 1e-6))).isFalse();
    assertThat(limit.covers(new PrivacyBudget(0.5, Math.nextUp(1e-6)))).isFalse();
    assertThat(PrivacyBudget.pure(1).covers(new PrivacyBudget(0.5, 1e-300))).isFalse();
  }

  @Test
  void covers_null_throwsNamingOther() {
    assertThatThrownBy(() -> PrivacyBudget.ZERO.covers(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`other` must be non-null, was null");
  }
}
