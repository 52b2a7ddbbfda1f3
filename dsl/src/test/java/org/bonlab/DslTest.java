package org.bonlab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Range;
import org.bonlab.claim.Relation;
import org.bonlab.expr.Expr;
import org.bonlab.expr.Rational;
import org.bonlab.expr.Scalar;
import org.bonlab.policy.BestOf;
import org.bonlab.policy.Explicit;
import org.bonlab.policy.Policy;
import org.bonlab.policy.Reward;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DslTest {

    @Nested
    class Rationals {
        @Test
        void decimalTextIsExact() {
            assertEquals(Rational.of(1, 10), Rational.parse("0.1"));
            assertEquals(Rational.of(1, 4), Rational.parse("2.5e-1"));
            assertEquals(Rational.of(-1, 3), Rational.parse("2/-6"));
            assertEquals(new Rational(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(300)),
                    Rational.parse("1e-300"));
        }

        @Test
        void rejectsTextThatIsNotANumber() {
            NumberFormatException e = assertThrows(NumberFormatException.class, () -> Rational.parse("0.x5"));
            assertTrue(e.getMessage().contains("'0.x5'"));
        }

        @Test
        void arithmeticStaysExact() {
            Rational third = Rational.of(1, 3);
            assertEquals(Rational.ONE, third.plus(third).plus(third));
            assertEquals(Rational.of(1, 9), third.times(third));
            assertEquals(0.1, Rational.parse("0.1").toDouble());
        }
    }

    @Nested
    class Policies {
        @Test
        void probabilitiesMustSumToOne() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Policy.probabilities(0.5, 0.47));
            assertEquals("probabilities must sum to 1 within 1.0E-12, but sum to 0.97", e.getMessage());
        }

        @Test
        void exactProbabilitiesSumExactly() {
            Explicit p = Policy.probabilities("1/3", "1/3", "1/3");
            assertTrue(p.isExact());
            assertEquals(Rational.of(1, 3), p.probability(0));
        }

        @Test
        void rejectsNegativeProbability() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Policy.probabilities(1.5, -0.5));
            assertTrue(e.getMessage().contains("non-negative") && e.getMessage().contains("-0.5"), e.getMessage());
        }

        @Test
        void rejectsNonFiniteProbability() {
            assertThrows(IllegalArgumentException.class, () -> Policy.probabilities(Double.NaN, 1));
        }

        @Test
        void rejectsDuplicateOutcomes() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Explicit.of(List.of("a", "a"), List.of(Scalar.of(0.5), Scalar.of(0.5)), Reward.of(0, 1)));
            assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        }

        @Test
        void doublesWithoutScalarsAreTheSamePolicy() {
            double[] probs = {0.125, 0.375, 0.5};
            Explicit held = Explicit.ofDoubles(Explicit.numberedOutcomes(3), probs, Reward.of(2, 0, 1));
            Explicit scalars = Explicit.of(List.of("0", "1", "2"),
                    List.of(Scalar.of(0.125), Scalar.of(0.375), Scalar.of(0.5)), Reward.of(2, 0, 1));
            probs[0] = 0.25; // copied
            assertEquals(scalars, held);
            assertEquals(held, scalars);
            assertEquals(scalars.hashCode(), held.hashCode());
            assertEquals(Scalar.of(0.125), held.probability(0));
            assertFalse(held.isExact());
            assertEquals(held.withProbabilities(0.5, 0.25, 0.25), scalars.withProbabilities(0.5, 0.25, 0.25));
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                    () -> Explicit.ofDoubles(List.of("a", "b"), new double[] {1.5, -0.5}, Reward.of(0, 1)));
            assertEquals("probability must be finite and non-negative, but probability of outcome 'b' was -0.5",
                    negative.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> Explicit.ofDoubles(List.of("a", "b"), new double[] {Double.NaN, 1}, Reward.of(0, 1)));
            IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                    () -> Explicit.ofDoubles(List.of("a", "b"), new double[] {0.5, 0.47}, Reward.of(0, 1)));
            assertEquals("probabilities must sum to 1 within 1.0E-12, but sum to 0.97", sum.getMessage());
        }

        @Test
        void weightsAreNormalisedOnlyWhenAsked() {
            Explicit p = Policy.weights(1, 3).normalized();
            assertArrayEquals(new double[] {0.25, 0.75}, p.probabilitiesAsDoubles());
            assertThrows(IllegalArgumentException.class, () -> Policy.probabilities(1, 3));
        }

        @Test
        void coinIsExample1() {
            assertEquals(Expr.rational(1, 2), Policy.coin().p());
            assertEquals(2, Policy.coin().size());
            assertEquals(1.0, Policy.coin().reward().value(1));
        }

        @Test
        void bestOfNeedsAPositiveIntegerN() {
            assertThrows(IllegalArgumentException.class, () -> Policy.coin().bestOf(0));
            assertThrows(IllegalArgumentException.class, () -> Policy.coin().bestOf(Expr.constant(2.5)));
            BestOf b = Policy.coin().bestOf(Bon.n);
            assertEquals("bestOf(coin, n)", b.describe());
        }

        @Test
        void valuesAreImmutableAndCompareByValue() {
            double[] probs = {0.25, 0.75};
            Explicit p = Policy.probabilities(probs);
            probs[0] = 0.5;
            assertEquals(0.25, p.probabilitiesAsDoubles()[0]);
            assertEquals(Policy.probabilities(0.25, 0.75), p);
            assertNotEquals(p, p.withReward(1, 0));
        }
    }

    @Nested
    class Rewards {
        @Test
        void tiesAreBrokenByListingOrderByDefault() {
            assertArrayEquals(new int[] {1, 0, 2}, Reward.of(1, 0, 1).ranking());
        }

        @Test
        void ranksGiveTheRankingWithoutASort() {
            Reward r = Reward.ofRanks(2, 0, 3, 1);
            assertEquals(Reward.of(2, 0, 3, 1), r);
            assertEquals(Reward.of(2, 0, 3, 1).hashCode(), r.hashCode());
            assertArrayEquals(new int[] {1, 3, 0, 2}, r.ranking());
            assertArrayEquals(Reward.of(2, 0, 3, 1).ranking(), r.ranking());
            assertEquals(3.0, r.value(2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reward.ofRanks(0, 2, 0));
            assertEquals("ranks must be a permutation of 0..2, but have 0 at position 2", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Reward.ofRanks(0, 3));
            assertThrows(IllegalArgumentException.class, () -> Reward.ofRanks());
        }

        @Test
        void tieBreakOrderDecidesAmongEquals() {
            Reward r = Reward.of(1, 0, 1).withTieBreak(2, 1, 0);
            assertArrayEquals(new int[] {1, 2, 0}, r.ranking());
            assertTrue(r.ties(0, 2));
            assertFalse(r.isAscendingWithoutTies());
        }

        @Test
        void rejectsNanReward() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reward.of(0, Double.NaN));
            assertTrue(e.getMessage().contains("reward[1]"), e.getMessage());
        }

        @Test
        void tieBreakMustBeAPermutation() {
            assertThrows(IllegalArgumentException.class, () -> Reward.of(0, 0).withTieBreak(0, 0));
        }
    }

    @Nested
    class Expressions {
        @Test
        void operatorsBuildTreesWithoutEvaluating() {
            Expr e = Bon.n.plus(1).times(Bon.n).div(2L).minus(Expr.constant(3)).unaryMinus();
            assertEquals("-((n + 1)*n/2 - 3)", e.show());
        }

        @Test
        void analyticalFormulaIsEq5() {
            assertEquals("log(n) - (n - 1)/n", Bon.analyticalKl(Bon.n).show());
        }

        @Test
        void symbolNamesAreValidated() {
            assertThrows(IllegalArgumentException.class, () -> Expr.symbol("1n"));
        }
    }

    @Nested
    class Claims {
        @Test
        void claimsReadAsWritten() {
            Policy coin = Policy.coin();
            Claim c = Bon.claim(Bon.kl(coin.bestOf(Bon.n), coin)).atMost(Bon.analyticalKl(Bon.n))
                    .forAll(Bon.n, 1, 10).named("Thm 1");
            assertEquals(Relation.AT_MOST, c.relation());
            assertEquals("Thm 1: KL(bestOf(coin, n) || coin) <= log(n) - (n - 1)/n for n in {1, ..., 10}",
                    c.toString());
        }

        @Test
        void unboundedRangesOfIntegers() {
            Claim c = Bon.claim(Bon.n).atLeast(Expr.constant(1)).forAll(Bon.n, 1, Range.INFINITY);
            Range.Integers r = (Range.Integers) c.domain().get(0);
            assertTrue(r.unbounded());
            assertEquals(Long.MAX_VALUE, r.count());
            assertEquals(Long.MAX_VALUE, new Range.Integers(Bon.n, -5, Range.INFINITY).count()); // no overflow
            assertEquals(10, new Range.Integers(Bon.n, 1, 10).count());
            assertEquals("n >= 1 for n in {1, 2, ...}", c.statement());
            assertThrows(IllegalArgumentException.class, () -> c.forAll(Bon.symbol("m"), Range.INFINITY,
                    Range.INFINITY));
        }

        @Test
        void rejectsEmptyRangeAndRepeatedSymbol() {
            Claim c = Bon.claim(Bon.n).atLeast(Expr.constant(1));
            assertThrows(IllegalArgumentException.class, () -> c.forAll(Bon.n, 5, 1));
            assertThrows(IllegalArgumentException.class, () -> c.forAll(Bon.n, 1, 5).forAll(Bon.n, 1, 5));
        }
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("a definition with a term at y outside any expectation or sum is refused when written")
    void unboundOutcomeInADefinition() {
        org.bonlab.policy.Policy coin = org.bonlab.policy.Policy.coin();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Bon.define("bad", "test", Bon.log(Bon.prob(coin))));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("definition bad: coin(y)")
                && e.getMessage().contains("y is unbound"), e.getMessage());
        Bon.define("good", "test", Bon.expectation(coin, Bon.log(Bon.prob(coin)))); // bound: accepted
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("a definition taking the log of a term that can be negative is refused when written, "
            + "naming the definition and the range; ratios, abs and terms with a symbolic n are accepted")
    void logOfPossiblyNegativeTerm() {
        org.bonlab.policy.Policy p = org.bonlab.policy.Policy.coin();
        org.bonlab.policy.Policy q = p.bestOf(Bon.n);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Bon.define("log gap", "test", Bon.expectation(q, Bon.log(Bon.prob(q).minus(Bon.prob(p))))));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("definition log gap: log(")
                && e.getMessage().contains("ranges over [-1, 1]"), e.getMessage());
        IllegalArgumentException root = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Bon.define("root gap", "test", Bon.sumOverOutcomes(p,
                        Bon.log(Bon.sqrt(Bon.prob(q)).minus(Bon.sqrt(Bon.prob(p))).plus(Expr.rational(1, 2))))));
        org.junit.jupiter.api.Assertions.assertTrue(root.getMessage().contains("ranges over [-0.5, 1.5]"),
                root.getMessage());
        Bon.define("ratio", "test", Bon.expectation(q, Bon.log(Bon.prob(q).div(Bon.prob(p)))));
        Bon.define("abs", "test", Bon.expectation(q, Bon.log(Bon.abs(Bon.prob(q).minus(Bon.prob(p))))));
        Bon.define("one minus", "test", Bon.expectation(q, Bon.log(Expr.constant(1).minus(Bon.prob(p)))));
        Definitions.lemma2Bound(p, Bon.n); // log((1 - (1 - p(y))^n)/p(y)): the sign depends on n, accepted
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.DisplayName("rationals to decimals: terminating ones exactly (no long division), others rounded")
    void rationalToDecimal() {
        assertEquals(0.1, org.bonlab.expr.Rational.parse("0.1").toDouble());
        assertEquals(1.07507052765554e-06, org.bonlab.expr.Rational.parse("1.07507052765554e-06").toDouble());
        assertEquals(0.075, org.bonlab.expr.Rational.of(3, 40).toDouble());
        assertEquals(-0.075, org.bonlab.expr.Rational.of(-3, 40).toDouble());
        assertEquals(1.0 / 3, org.bonlab.expr.Rational.of(1, 3).toDouble());
        assertEquals(new java.math.BigDecimal("0.3333333333"),
                org.bonlab.expr.Rational.of(1, 3).toBigDecimal(new java.math.MathContext(10)));
        String hundredPlaces = "0." + "0".repeat(99) + "7"; // 5^100 in the denominator: beyond the table
        assertEquals(7e-100, org.bonlab.expr.Rational.parse(hundredPlaces).toDouble());
        assertEquals(new java.math.BigDecimal("1.2345678901234567890123456789"),
                org.bonlab.expr.Rational.parse("1.2345678901234567890123456789").toBigDecimal());
    }

    @Test
    void rationalToDoubleIsCorrectlyRounded() {
        // against the JDK's correctly rounded decimal parser, on decimals of 17 to 25 digits across the whole range
        // (normal, subnormal, near overflow), and on exact ties between two doubles (1 + 2^-53 rounds to even: 1)
        java.util.Random rng = new java.util.Random(5);
        for (int k = 0; k < 20_000; k++) {
            StringBuilder digits = new StringBuilder();
            int count = 17 + rng.nextInt(9);
            digits.append(1 + rng.nextInt(9)).append('.');
            for (int d = 1; d < count; d++) {
                digits.append(rng.nextInt(10));
            }
            String text = digits + "e" + (rng.nextInt(630) - 320);
            assertEquals(Double.parseDouble(text), Rational.parse(text).toDouble(), text);
        }
        assertEquals(1.0, new Rational(java.math.BigInteger.ONE.shiftLeft(53).add(java.math.BigInteger.ONE),
                java.math.BigInteger.ONE.shiftLeft(53)).toDouble());
        // 1 + 3 * 2^-53 lies halfway between 1 + 2^-52 (odd) and 1 + 2^-51 (even): the even one
        assertEquals(Math.nextUp(Math.nextUp(1.0)), new Rational(java.math.BigInteger.ONE.shiftLeft(53).add(java.math.BigInteger.valueOf(3)),
                java.math.BigInteger.ONE.shiftLeft(53)).toDouble());
        assertEquals(-1.0 / 3, Rational.of(-1, 3).toDouble());
        assertEquals(Double.MIN_VALUE, Rational.parse("4.9406564584124654e-324").toDouble());
    }

    @Test
    void rankingSortsByRewardThenListingOrder() {
        // against a plain sort of boxed indices (the definition of the order), on sizes around the insertion-sort
        // cut-off and with many ties, NaN-free rewards including -0.0 and 0.0
        java.util.Random rng = new java.util.Random(11);
        for (int size : new int[] {1, 2, 23, 24, 25, 100, 1000, 5001}) {
            double[] values = new double[size];
            for (int k = 0; k < size; k++) {
                values[k] = rng.nextInt(7) == 0 ? (rng.nextBoolean() ? -0.0 : 0.0) : rng.nextInt(10) - 3;
            }
            Reward r = Reward.of(values);
            Integer[] expected = new Integer[size];
            for (int k = 0; k < size; k++) {
                expected[k] = k;
            }
            java.util.Arrays.sort(expected, (a, b) -> {
                int c = Double.compare(values[a], values[b]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            int[] ranking = r.ranking();
            assertArrayEquals(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), ranking);
            ranking[0] = -1; // callers get copies
            assertEquals(expected[0], r.ranking()[0]);
        }
    }

    @Test
    void rankingWithATieBreakOrderAndWideRewards() {
        // the insertion sort (up to 48 outcomes) and the radix sort against the comparator that defines the order:
        // rewards across the whole double range (both signs, subnormals, -0.0 and 0.0, many ties), a random tie-break
        // permutation
        java.util.Random rng = new java.util.Random(13);
        for (int size : new int[] {2, 3, 12, 48, 49, 257, 4000}) {
            double[] values = new double[size];
            for (int k = 0; k < size; k++) {
                int kind = rng.nextInt(5);
                values[k] = kind == 0 ? (rng.nextBoolean() ? -0.0 : 0.0)
                        : kind == 1 ? (rng.nextBoolean() ? -1 : 1) * Double.MIN_VALUE * rng.nextInt(3)
                        : kind == 2 ? rng.nextInt(4) - 2
                        : (rng.nextBoolean() ? -1 : 1) * Math.scalb(rng.nextDouble(), rng.nextInt(2000) - 1000);
            }
            int[] tieBreak = new int[size];
            for (int k = 0; k < size; k++) {
                tieBreak[k] = k;
            }
            for (int k = size - 1; k > 0; k--) {
                int j = rng.nextInt(k + 1);
                int t = tieBreak[k];
                tieBreak[k] = tieBreak[j];
                tieBreak[j] = t;
            }
            Reward r = Reward.of(values).withTieBreak(tieBreak);
            Integer[] expected = new Integer[size];
            for (int k = 0; k < size; k++) {
                expected[k] = k;
            }
            java.util.Arrays.sort(expected, (a, b) -> {
                int c = Double.compare(values[a], values[b]);
                return c != 0 ? c : Integer.compare(r.tieBreakRank(a), r.tieBreakRank(b));
            });
            assertArrayEquals(java.util.Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), r.ranking());
        }
    }

    @Test
    void decimalTextOfEveryShapeParsesAsBigDecimalDoes() {
        // the long-based reader of short decimals against BigDecimal (the definition), on signs, points, exponents,
        // leading and trailing zeros and lengths around its 18-digit limit, and against the gcd of BigInteger
        java.util.Random rng = new java.util.Random(17);
        String[] fixed = {"0", "-0", "+0.000", "007", "1.", ".5", "1e0", "1E+3", "-2.50e-3", "123456789012345678",
            "1234567890123456789", "0.000000000000000000000001", "9.99999999999999999e17", "1e17", "1e18", "1e-399",
            "1e-400", "5e-0001", "0e9999"};
        for (String text : fixed) {
            assertEquals(Rational.of(new java.math.BigDecimal(text)), Rational.parse(text), text);
        }
        for (int k = 0; k < 20_000; k++) {
            StringBuilder b = new StringBuilder();
            if (rng.nextInt(4) == 0) {
                b.append(rng.nextBoolean() ? '-' : '+');
            }
            int before = rng.nextInt(6);
            int after = rng.nextInt(22);
            for (int d = 0; d < before; d++) {
                b.append(rng.nextInt(10));
            }
            if (after > 0 || before == 0) {
                b.append('.');
                for (int d = 0; d < Math.max(after, 1); d++) {
                    b.append(rng.nextInt(3) == 0 ? '0' : (char) ('0' + rng.nextInt(10)));
                }
            }
            if (rng.nextBoolean()) {
                b.append(rng.nextBoolean() ? 'e' : 'E').append(rng.nextInt(3) == 0 ? "-" : rng.nextBoolean() ? "+" : "")
                        .append(rng.nextInt(40));
            }
            String text = b.toString();
            Rational expected = Rational.of(new java.math.BigDecimal(text));
            Rational parsed = Rational.parse(text);
            assertEquals(expected, parsed, text);
            assertEquals(expected.numerator().gcd(expected.denominator()), java.math.BigInteger.ONE, text);
            assertEquals(new java.math.BigDecimal(text).doubleValue(), parsed.toDouble(), text);
        }
        for (String bad : new String[] {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "1e5.0", "--1", "1f"}) {
            assertThrows(NumberFormatException.class, () -> Rational.parse(bad), bad);
        }
        // lowest terms against BigInteger.gcd, with a long-sized operand beside one of up to 200 bits
        for (int k = 0; k < 20_000; k++) {
            java.math.BigInteger small = java.math.BigInteger.valueOf(rng.nextLong() >> rng.nextInt(63));
            java.math.BigInteger large = new java.math.BigInteger(1 + rng.nextInt(200), rng)
                    .multiply(java.math.BigInteger.valueOf(1 + rng.nextInt(1000))).add(java.math.BigInteger.ONE);
            if (rng.nextBoolean()) {
                large = large.negate();
            }
            boolean smallOnTop = rng.nextBoolean() || small.signum() == 0;
            java.math.BigInteger top = smallOnTop ? small : large;
            java.math.BigInteger bottom = smallOnTop ? large : small;
            Rational q = new Rational(top, bottom);
            // the same value (cross products), in lowest terms, with a positive denominator
            assertEquals(top.multiply(q.denominator()), bottom.multiply(q.numerator()));
            assertEquals(java.math.BigInteger.ONE, q.numerator().gcd(q.denominator()));
            assertEquals(1, q.denominator().signum());
        }
        java.math.BigInteger big = java.math.BigInteger.valueOf(6).pow(30);
        assertEquals(new Rational(java.math.BigInteger.valueOf(-4), java.math.BigInteger.valueOf(6)), Rational.of(-2, 3));
        assertEquals(new Rational(big, big.multiply(java.math.BigInteger.TEN)), Rational.of(1, 10));
    }

    @Test
    @org.junit.jupiter.api.DisplayName("spike and geometric with a symbolic parameter: described, bound to numbers, "
            + "probabilities refused until bound, expressions other than symbols refused")
    void symbolicSpikeAndGeometric() {
        Expr.Sym eps = Bon.symbol("eps");
        var spike = Policy.spike(5, eps);
        assertEquals("spike(L=5, tops=[eps])", spike.describe());
        assertFalse(spike.isNumeric());
        assertEquals(List.of(eps), spike.symbols());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> spike.probability(4));
        assertTrue(e.getMessage().contains("spike top eps is a symbol"), e.getMessage());
        var bound = spike.bind(s -> Rational.of(1, 10));
        assertEquals(Policy.spike(5, "0.1"), bound);
        assertEquals(Rational.parse("0.225"), bound.probability(0)); // (1 - 1/10)/4
        assertEquals("(1 - eps)/4", spike.probabilityExpr(0).show());
        assertEquals(eps, spike.probabilityExpr(4));
        assertThrows(IllegalArgumentException.class,
                () -> new org.bonlab.policy.Spike(5, List.of(eps.plus(1L))));
        assertThrows(IllegalArgumentException.class, () -> Policy.spike(5, "0.7", "0.4"));

        Expr.Sym r = Bon.symbol("r");
        var geometric = Policy.geometric(4, r);
        assertEquals("geometric(L=4, r=r)", geometric.describe());
        assertThrows(IllegalStateException.class, geometric::ratioValue);
        assertEquals(Policy.geometric(4, Rational.of(1, 2)), geometric.bind(s -> Rational.of(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> new org.bonlab.policy.Geometric(4, r.times(2L)));
    }

    @Test
    @org.junit.jupiter.api.DisplayName("substituting a family's symbolic parameter: a number binds it (and is checked), "
            + "a symbol renames it, other expressions are refused; only the named symbol changes")
    void substitutingAFamilyParameter() {
        Expr.Sym p = Expr.symbol("p");
        Expr.Sym q = Expr.symbol("q");
        Expr.Sym eps = Expr.symbol("eps");
        Expr kl = Bon.kl(Policy.bernoulli(p).bestOf(Bon.n), Policy.bernoulli(p));
        Expr bound = org.bonlab.claim.Binding.substitute(kl, p, Expr.constant(Rational.of(1, 3)));
        assertEquals(Bon.kl(Policy.bernoulli(Rational.of(1, 3)).bestOf(Bon.n), Policy.bernoulli(Rational.of(1, 3))),
                bound);
        assertEquals(Bon.kl(Policy.bernoulli(q).bestOf(Bon.n), Policy.bernoulli(q)),
                org.bonlab.claim.Binding.substitute(kl, p, q));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> org.bonlab.claim.Binding.substitute(kl, p, Expr.constant(2)));
        assertEquals("bernoulli p must be in [0, 1], but was 2", outside.getMessage());
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> org.bonlab.claim.Binding.substitute(kl, p, q.times(2L)));
        assertTrue(notANumber.getMessage().startsWith("the family parameter p can be replaced only by a number or a "
                + "symbol"), notANumber.getMessage());
        // a spike with two symbolic tops: fixing one leaves the other
        org.bonlab.policy.Spike two = new org.bonlab.policy.Spike(5, List.of(eps, q));
        Expr reward = Bon.expectedReward(two);
        Expr fixed = org.bonlab.claim.Binding.substitute(reward, eps, Expr.constant(Rational.of(1, 10)));
        assertEquals(Bon.expectedReward(new org.bonlab.policy.Spike(5, List.of(Expr.constant(Rational.of(1, 10)), q))),
                fixed);
        assertThrows(IllegalArgumentException.class,
                () -> org.bonlab.claim.Binding.substitute(reward, eps, Expr.constant(Rational.of(3, 2))));
        // the geometric's ratio
        Expr g = Bon.expectedReward(Policy.geometric(4, q));
        assertEquals(Bon.expectedReward(Policy.geometric(4, Rational.of(1, 2))),
                org.bonlab.claim.Binding.substitute(g, q, Expr.constant(Rational.of(1, 2))));
        assertThrows(IllegalArgumentException.class,
                () -> org.bonlab.claim.Binding.substitute(g, q, Expr.constant(-1)));
    }
}
