package org.bonlab.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bonlab.expr.Scalar;
import org.jspecify.annotations.Nullable;

/**
 * An explicit probability mass function over named outcomes, with a reward.
 *
 * <p>Probabilities are exact ({@link org.bonlab.expr.Rational}) where the user wrote exact numbers, doubles
 * otherwise. They must be finite, non-negative and sum to 1 within {@link #SUM_TOLERANCE}; nothing is
 * normalised silently (use {@link Weights#normalized()} for that). Immutable.
 */
public final class Explicit implements BasePolicy {

    /** How far the probabilities may sum from 1. */
    public static final double SUM_TOLERANCE = 1e-12;

    private final @Nullable String label;
    private final List<String> outcomes;
    private final Column probabilities;
    private final Reward reward;
    /** The nearest doubles of the probabilities, converted once (an exact rational's conversion is a division). */
    private final double[] asDoubles;

    /**
     * The probabilities as written: scalars, or decimals held as an unscaled long and a number of places each (a PMF
     * file of 10^6 rows: 12 bytes a row instead of a rational and its two objects).
     */
    private sealed interface Column permits Scalars, Decimals, Doubles {
        int size();

        Scalar get(int i);

        boolean exact();
    }

    private record Scalars(Scalar[] values) implements Column {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public Scalar get(int i) {
            return values[i];
        }

        @Override
        public boolean exact() {
            return Arrays.stream(values).allMatch(Scalar::isExact);
        }
    }

    /** Probabilities that are doubles, held as the array {@link #asDoubles} itself (no object per outcome). */
    private record Doubles(double[] values) implements Column {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public Scalar get(int i) {
            return Scalar.of(values[i]);
        }

        @Override
        public boolean exact() {
            return false;
        }
    }

    private record Decimals(long[] unscaled, int[] places) implements Column {
        @Override
        public int size() {
            return unscaled.length;
        }

        @Override
        public Scalar get(int i) {
            return org.bonlab.expr.Rational.decimal(unscaled[i], places[i]);
        }

        @Override
        public boolean exact() {
            return true;
        }
    }

    private Explicit(@Nullable String label, List<String> outcomes, Column probabilities, Reward reward,
            double[] asDoubles) {
        this.label = label;
        this.outcomes = outcomes;
        this.probabilities = probabilities;
        this.reward = reward;
        this.asDoubles = asDoubles;
    }

    /** The lists "0", "1", ..., "L-1" for small L, built once: {@link #numberedOutcomes}. */
    private static final List<?>[] NUMBERED = new List<?>[65];

    static {
        for (int size = 0; size < NUMBERED.length; size++) {
            NUMBERED[size] = numbered(size);
        }
    }

    private static List<String> numbered(int size) {
        String[] names = new String[size];
        for (int i = 0; i < size; i++) {
            names[i] = Integer.toString(i);
        }
        return List.of(names);
    }

    /**
     * The outcome names "0", "1", ..., "size-1": for policies made in bulk (a counterexample search draws millions),
     * the same immutable list for a size up to 64, whose names {@link #of} need not check for duplicates.
     */
    @SuppressWarnings("unchecked")
    public static List<String> numberedOutcomes(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be non-negative, but was " + size);
        }
        return size < NUMBERED.length ? (List<String>) NUMBERED[size] : numbered(size);
    }

    /**
     * A validated PMF.
     *
     * @throws IllegalArgumentException naming the parameter, the value and the rule when the input is not a PMF
     */
    public static Explicit of(List<String> outcomes, List<? extends Scalar> probabilities, Reward reward) {
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(reward, "reward");
        Scalar[] probs = probabilities.toArray(new Scalar[0]);
        double[] doubles = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            Scalar s = Objects.requireNonNull(probs[i], "probability");
            doubles[i] = s.toDouble();
            if (doubles[i] < 0 || (s.isExact() && s.toRational().signum() < 0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "probability must be non-negative, but probability of outcome '%s' was %s",
                        i < outcomes.size() ? outcomes.get(i) : Integer.toString(i), s));
            }
        }
        return validated(outcomes, new Scalars(probs), reward, doubles);
    }

    /**
     * A validated PMF whose probabilities are the given doubles (as {@link #of} with {@link Scalar#of(double)} each,
     * without an object per outcome: a counterexample search makes millions of small policies).
     *
     * @throws IllegalArgumentException naming the parameter, the value and the rule when the input is not a PMF
     */
    public static Explicit ofDoubles(List<String> outcomes, double[] probabilities, Reward reward) {
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(reward, "reward");
        double[] doubles = probabilities.clone();
        for (int i = 0; i < doubles.length; i++) {
            if (!(doubles[i] >= 0) || doubles[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "probability must be finite and non-negative, but probability of outcome '%s' was %s",
                        i < outcomes.size() ? outcomes.get(i) : Integer.toString(i), doubles[i]));
            }
        }
        return validated(outcomes, new Doubles(doubles), reward, doubles);
    }

    /**
     * A validated PMF whose probability i is the decimal {@code unscaled[i] * 10^-places[i]} exactly (a PMF file's
     * column), held without an object per outcome. Same rules as {@link #of}.
     *
     * @throws IllegalArgumentException naming the parameter, the value and the rule when the input is not a PMF
     */
    public static Explicit ofDecimals(List<String> outcomes, long[] unscaled, int[] places, Reward reward) {
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(reward, "reward");
        if (unscaled.length != places.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "unscaled values and places must have the same length, but have %d and %d", unscaled.length,
                    places.length));
        }
        long[] u = unscaled.clone();
        int[] k = places.clone();
        double[] doubles = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            if (u[i] < 0 || k[i] < 0 || k[i] >= 400) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "probability must be a non-negative decimal with 0 to 399 places, but probability of outcome "
                                + "'%s' was %de-%d", i < outcomes.size() ? outcomes.get(i) : Integer.toString(i),
                        u[i], k[i]));
            }
            doubles[i] = org.bonlab.expr.Rational.nearestDouble(u[i], k[i]);
        }
        return validated(outcomes, new Decimals(u, k), reward, doubles);
    }

    private static Explicit validated(List<String> outcomes, Column probs, Reward reward, double[] doubles) {
        // an immutable list of names is kept as it is (a PMF file's names without a string each); others copied
        boolean knownDistinct = outcomes.size() < NUMBERED.length && outcomes == NUMBERED[outcomes.size()];
        List<String> names = knownDistinct || outcomes instanceof OutcomeNames ? outcomes : List.copyOf(outcomes);
        if (probs.size() == 0) {
            throw new IllegalArgumentException("probabilities must list at least one outcome, but listed none");
        }
        if (names.size() != probs.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "outcomes and probabilities must have the same length, but have %d and %d",
                    names.size(), probs.size()));
        }
        if (reward.size() != probs.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "reward must have one value per outcome (%d), but has %d", probs.size(), reward.size()));
        }
        if (!knownDistinct) {
            requireDistinct(names);
        }
        checkSum(doubles);
        return new Explicit(null, names, probs, reward, doubles);
    }

    /**
     * Names must be distinct: an open-addressing table of positions keyed by the names' hashes (no entry objects;
     * for 10^6 names a hash map's 10^6 entries and boxed positions cost a collection).
     */
    private static void requireDistinct(List<String> names) {
        int size = names.size();
        int capacity = Integer.highestOneBit(Math.max(4, size) * 2 - 1) << 1;
        int[] table = new int[capacity]; // position + 1, 0 for empty
        int mask = capacity - 1;
        OutcomeNames bytes = names instanceof OutcomeNames o ? o : null; // hashed and compared without strings
        for (int i = 0; i < size; i++) {
            int hash = bytes != null ? bytes.hash(i) : names.get(i).hashCode();
            int slot = (hash * 0x9E3779B9) >>> 1 & mask;
            while (table[slot] != 0) {
                int before = table[slot] - 1;
                if (bytes != null ? bytes.same(before, i) : names.get(before).equals(names.get(i))) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "outcome names must be distinct, but '%s' appears at positions %d and %d", names.get(i),
                            before, i));
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
    }

    private static void checkSum(double[] probs) {
        // Neumaier's compensated sum of the nearest doubles (exact rationals convert correctly rounded): within
        // about 1e-15 of the exact sum, far inside the tolerance, so the check itself is not a source of error
        double s = 0;
        double c = 0;
        for (double v : probs) {
            double t = s + v;
            double u = t - s;
            c += (s - (t - u)) + (v - u); // the rounding error of s + v, exactly (Knuth's TwoSum: no branch)
            s = t;
        }
        double total = s + c;
        double deviation = Math.abs(total - 1);
        if (!(deviation <= SUM_TOLERANCE)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "probabilities must sum to 1 within %s, but sum to %s", SUM_TOLERANCE, Double.toString(total)));
        }
    }

    /** The same PMF with another reward (same number of outcomes). */
    public Explicit withReward(Reward newReward) {
        Objects.requireNonNull(newReward, "reward");
        if (newReward.size() != probabilities.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "reward must have one value per outcome (%d), but has %d", probabilities.size(),
                    newReward.size()));
        }
        return new Explicit(label, outcomes, probabilities, newReward, asDoubles);
    }

    /** The same PMF with reward values (ties broken by listing order unless {@link #withTieBreak} says otherwise). */
    public Explicit withReward(double... values) {
        return withReward(Reward.of(values));
    }

    /** Ties broken in the given order of outcome names, from the lowest-ranked to the highest. */
    public Explicit withTieBreak(String... outcomesLowToHigh) {
        int[] order = new int[outcomesLowToHigh.length];
        for (int i = 0; i < order.length; i++) {
            int idx = outcomes.indexOf(outcomesLowToHigh[i]);
            if (idx < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "tie-break order must name known outcomes, but '%s' is not one of %s",
                        outcomesLowToHigh[i], outcomes));
            }
            order[i] = idx;
        }
        return withReward(reward.withTieBreak(order));
    }

    /**
     * Another PMF on the same outcomes with the same reward, e.g. a \( \pi_\theta \) for the vBoN bounds.
     */
    public Explicit withProbabilities(double... newProbabilities) {
        Explicit e = ofDoubles(outcomes, newProbabilities, reward);
        return label == null ? e : e.named(label + "'");
    }

    /** The same PMF under a display name. */
    public Explicit named(String name) {
        return new Explicit(Objects.requireNonNull(name, "name"), outcomes, probabilities, reward, asDoubles);
    }

    @Override
    public int size() {
        return probabilities.size();
    }

    @Override
    public String outcome(int i) {
        return outcomes.get(i);
    }

    public List<String> outcomes() {
        return outcomes;
    }

    /** The probability of outcome i as written. */
    public Scalar probability(int i) {
        return probabilities.get(i);
    }

    /** All probabilities as doubles (a fresh copy). */
    public double[] probabilitiesAsDoubles() {
        return asDoubles.clone();
    }

    /** The probability of outcome i as the nearest double (no copy of the others). */
    public double probabilityAsDouble(int i) {
        return asDoubles[i];
    }

    /** Whether every probability is an exact rational. */
    public boolean isExact() {
        return probabilities.exact();
    }

    @Override
    public Reward reward() {
        return reward;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitExplicit(this);
    }

    @Override
    public String describe() {
        return label != null ? label : "pmf(L=" + probabilities.size() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Explicit e && Objects.equals(label, e.label) && outcomes.equals(e.outcomes)
                && sameProbabilities(e) && reward.equals(e.reward);
    }

    private boolean sameProbabilities(Explicit e) {
        if (probabilities instanceof Scalars a && e.probabilities instanceof Scalars b) {
            return Arrays.equals(a.values(), b.values());
        }
        if (probabilities instanceof Doubles a && e.probabilities instanceof Doubles b) {
            return Arrays.equals(a.values(), b.values());
        }
        if (probabilities instanceof Decimals a && e.probabilities instanceof Decimals b
                && Arrays.equals(a.unscaled(), b.unscaled()) && Arrays.equals(a.places(), b.places())) {
            return true;
        }
        if (probabilities.size() != e.probabilities.size() || !Arrays.equals(asDoubles, e.asDoubles)) {
            return false;
        }
        for (int i = 0; i < probabilities.size(); i++) {
            if (!probabilities.get(i).equals(e.probabilities.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The hash, computed once: an explicit policy of 10^6 outcomes is a key of the engines' caches. */
    private int hash;

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            // the doubles stand for the probabilities: equal probabilities have equal doubles, and hashing a double
            // is far cheaper than hashing a rational's two big integers
            h = Objects.hash(label, outcomes, Arrays.hashCode(asDoubles), reward);
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    @Override
    public String toString() {
        return describe();
    }
}
