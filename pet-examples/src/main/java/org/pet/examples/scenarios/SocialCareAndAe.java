package org.pet.examples.scenarios;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.pet.linkage.PsiRecord;

/**
 * The two registers the data-linkage scenario links, generated deterministically from a seed: a council's
 * children known to social care, and an NHS trust's children who attended its A&amp;E this year with their
 * number of attendances. Both are keyed by NHS-number-like identifiers in the range 999 000 0000 to
 * 999 999 9999, which the NHS reserves for test data, each with a valid modulus 11 check digit. The council
 * writes them as people read them ({@code "999 123 4567"}), the trust as its systems store them
 * ({@code "9991234567"}): the same child matches only after normalisation.
 *
 * <p>Children known to social care attend A&amp;E more often than others, and a few of them many times, so
 * some attendance counts exceed the session's cap and are clamped.
 *
 * @param socialCare the council's NHS numbers, with spaces, sorted
 * @param attendances the trust's NHS numbers, without spaces, each with this year's attendances, sorted
 */
record SocialCareAndAe(List<String> socialCare, List<PsiRecord> attendances) {

  /** The chance that a child known to social care attended A&amp;E this year. */
  static final double ATTENDANCE_RATE_KNOWN = 0.3;

  SocialCareAndAe {
    socialCare = List.copyOf(socialCare);
    attendances = List.copyOf(attendances);
  }

  /**
   * {@code children} children known to social care and {@code patients} A&amp;E patients drawn from
   * {@code seed}; about {@value #ATTENDANCE_RATE_KNOWN} of the children are among the patients.
   *
   * @throws IllegalArgumentException unless {@code 1 <= children <= patients <= 500,000}
   */
  static SocialCareAndAe generate(long seed, int children, int patients) {
    if (children < 1 || children > patients || patients > 500_000) {
      throw new IllegalArgumentException("need 1 <= children <= patients <= 500000, were " + children + " and "
          + patients);
    }
    SplittableRandom random = new SplittableRandom(seed);
    Set<String> used = new HashSet<>();
    List<String> socialCare = new ArrayList<>(children);
    List<PsiRecord> attendances = new ArrayList<>(patients);
    for (int child = 0; child < children; child++) {
      String number = nhsNumber(random, used);
      socialCare.add(number.substring(0, 3) + " " + number.substring(3, 6) + " " + number.substring(6));
      if (random.nextDouble() < ATTENDANCE_RATE_KNOWN) {
        // Geometric with ratio 0.65: mean 2.9 attendances, more than 10 for about 1.3% of these children.
        attendances.add(new PsiRecord(number, 1 + geometric(random, 0.65)));
      }
    }
    while (attendances.size() < patients) {
      // Other children: mean 1.5 attendances, more than 3 for about 4% of them.
      attendances.add(new PsiRecord(nhsNumber(random, used), 1 + geometric(random, 0.35)));
    }
    socialCare.sort(Comparator.naturalOrder());
    attendances.sort(Comparator.comparing(PsiRecord::identifier));
    return new SocialCareAndAe(socialCare, attendances);
  }

  /** A fresh NHS-number-like identifier: 999, six random digits and the modulus 11 check digit. */
  private static String nhsNumber(SplittableRandom random, Set<String> used) {
    while (true) {
      String body = String.format(Locale.ROOT, "999%06d", random.nextInt(1_000_000));
      int check = checkDigit(body);
      if (check < 10 && used.add(body + check)) {
        return body + check;
      }
    }
  }

  /** The NHS number's check digit of its first nine digits: 10 means the number is not valid. */
  static int checkDigit(String nineDigits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (nineDigits.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - sum % 11;
    return check == 11 ? 0 : check;
  }

  /** The number of failures before the first success when each trial fails with probability {@code ratio}. */
  private static long geometric(SplittableRandom random, double ratio) {
    return (long) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(ratio));
  }

  /** The trust's records of the children the council also knows, matched on the NHS number's digits. */
  List<PsiRecord> inBoth() {
    Set<String> known = new HashSet<>();
    socialCare.forEach(number -> known.add(number.replace(" ", "")));
    return attendances.stream().filter(record -> known.contains(record.identifier())).toList();
  }

  /** The attendances of the children in both registers, each child's clamped to {@code maxValue}. */
  long attendancesInBoth(long maxValue) {
    return inBoth().stream().mapToLong(record -> Math.min(record.value(), maxValue)).sum();
  }

  /** How many children in both registers attended more than {@code maxValue} times. */
  long aboveCap(long maxValue) {
    return inBoth().stream().filter(record -> record.value() > maxValue).count();
  }
}
