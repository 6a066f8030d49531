package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/** The proposal magnitude computed with shifts is floor((u + numerator v) / denominator) exactly. */
class DiscreteLaplaceSamplerProperties {

  @Property(tries = 500)
  void magnitude_isTheExactFloorQuotient(
      @ForAll @DoubleRange(min = -12, max = 30) double log2Scale,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long uSeed,
      @ForAll @LongRange(min = 0, max = 1000) long v) {
    DiscreteLaplaceSampler sampler = DiscreteLaplaceSampler.withScale(Math.pow(2, log2Scale), null);
    long u = uSeed % sampler.numerator();
    BigInteger exact = BigInteger.valueOf(sampler.numerator()).multiply(BigInteger.valueOf(v))
        .add(BigInteger.valueOf(u)).divide(BigInteger.valueOf(sampler.denominator()));
    assertThat(sampler.magnitude(u, v)).isEqualTo(exact.longValueExact());
  }
}
