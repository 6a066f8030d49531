package org.pet.examples;

import java.util.Locale;
import java.util.random.RandomGenerator;
import org.pet.dp.DiscreteGaussianNoise;
import org.pet.dp.DiscreteLaplaceNoise;
import org.pet.dp.GaussianNoise;
import org.pet.dp.LaplaceNoise;
import org.pet.dp.Noise;
import picocli.CommandLine.ITypeConverter;

/** The noise mechanisms a command can choose by name ({@code --noise discrete-laplace}). */
enum NoiseKind {
  LAPLACE,
  GAUSSIAN,
  DISCRETE_LAPLACE,
  DISCRETE_GAUSSIAN;

  /** The mechanism, with secure randomness unless {@code random} (for reproducible tests only) is given. */
  Noise create(RandomGenerator random) {
    return switch (this) {
      case LAPLACE -> random == null ? new LaplaceNoise() : new LaplaceNoise(random);
      case GAUSSIAN -> random == null ? new GaussianNoise() : new GaussianNoise(random);
      case DISCRETE_LAPLACE -> random == null ? new DiscreteLaplaceNoise() : new DiscreteLaplaceNoise(random);
      case DISCRETE_GAUSSIAN -> random == null ? new DiscreteGaussianNoise() : new DiscreteGaussianNoise(random);
    };
  }

  /** Reads {@code laplace}, {@code gaussian}, {@code discrete-laplace} or {@code discrete-gaussian}. */
  static final class Converter implements ITypeConverter<NoiseKind> {
    @Override
    public NoiseKind convert(String value) {
      try {
        return valueOf(value.strip().replace('-', '_').toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value
            + "' is not one of laplace, gaussian, discrete-laplace, discrete-gaussian");
      }
    }
  }
}
