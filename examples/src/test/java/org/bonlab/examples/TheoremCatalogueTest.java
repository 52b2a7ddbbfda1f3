package org.bonlab.examples;

import static org.bonlab.numeric.claim.ClaimAssertions.assertThatClaim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.numeric.claim.ConjectureSearch;
import org.bonlab.numeric.claim.Verdict;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TheoremCatalogueTest {

    static final int EVALUATIONS = 2_000;

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L, 5L, 8L, 13L, 21L, 34L, 55L, 89L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("the catalogue is green under 10 seeds: no true theorem falsified, every false claim falsified")
    void catalogueUnderTenSeeds(long seed) {
        for (TheoremCatalogue.Entry e : TheoremCatalogue.entries()) {
            Verdict v = org.bonlab.symbolic.SymbolicProver.check(e.claim(),
                    new ConjectureSearch(seed, EVALUATIONS, null));
            assertEquals(e.expected(), v.label(), () -> v.report());
            if (v instanceof Verdict.Falsified f) {
                assertTrue(f.recheck().startsWith("re-checked at 50 digits"), f.recheck());
                // shrunk: a reader can re-check it by hand (under 60 characters a policy)
                assertTrue(f.counterexample().policies().length() < 60 * Math.max(1, e.claim().policies().size()),
                        f.evidence());
            }
        }
    }

    @Test
    @DisplayName("the catalogue as reproduce prints it: a header and an ok line for every entry, none FAIL")
    void printedSection() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(TheoremCatalogue.run(out, 1, 500, null));
        List<String> lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals("Theorem catalogue (seed 1, 500 evaluations per claim, policies on up to "
                + TheoremCatalogue.MAX_OUTCOMES + " outcomes)", lines.get(0));
        List<TheoremCatalogue.Entry> entries = TheoremCatalogue.entries();
        assertEquals(1 + 2 * entries.size(), lines.size(), String.join("\n", lines));
        for (int i = 0; i < entries.size(); i++) {
            String head = lines.get(1 + 2 * i);
            assertTrue(head.startsWith("ok   " + entries.get(i).expected()) && head.contains(entries.get(i).claim()
                    .name()), head);
            assertTrue(!lines.get(2 + 2 * i).isBlank(), "evidence of " + head);
        }
    }

    @Test
    @DisplayName("assertThatClaim: passes on Thm 1 (isProved too), and fails on a false claim with the report and the "
            + "seed, and isProved on an UNDECIDED one")
    void assertions() {
        PolicyVar p = Policy.variable("p");
        Claim thm1 = Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.analyticalKl(Bon.n))
                .forAll(p, Family.simplex(8)).forAll(Bon.n, 1, 10_000).named("Thm 1");
        assertThatClaim(thm1).withSeed(4).isNotFalsified();
        Claim wrong = Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.constant(0))
                .forAll(p, Family.simplex(8)).forAll(Bon.n, 1, 10_000).named("KL is never positive");
        assertThatClaim(wrong).withSeed(4).isFalsified();
        AssertionError e = assertThrows(AssertionError.class, () -> assertThatClaim(wrong).withSeed(4)
                .isNotFalsified());
        assertTrue(e.getMessage().contains("KL is never positive") && e.getMessage().contains("seed 4")
                && e.getMessage().contains("counterexample"), e.getMessage());
        // Thm 1 is PROVED over the simplex by data processing, and raised by 10^-9 through it; Pinsker's inequality
        // 2 TV^2 <= KL holds but no argument takes it, and the search leaves it UNDECIDED, which isProved rejects
        assertThatClaim(thm1).isProved();
        Claim raised = Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.analyticalKl(Bon.n)
                .plus(org.bonlab.expr.Expr.rational(1, 1_000_000_000))).forAll(p, Family.simplex(8))
                .forAll(Bon.n, 1, 10_000).named("Thm 1 raised");
        assertThatClaim(raised).isProved();
        org.bonlab.expr.Expr tv = org.bonlab.Definitions.totalVariation(p.bestOf(Bon.n), p);
        Claim pinsker = Bon.claim(tv.times(tv).times(2L)).atMost(Bon.kl(p.bestOf(Bon.n), p))
                .forAll(p, Family.simplex(8)).forAll(Bon.n, 1, 100).named("Pinsker");
        AssertionError undecided = assertThrows(AssertionError.class, () -> assertThatClaim(pinsker).isProved());
        assertTrue(undecided.getMessage().contains("UNDECIDED"), undecided.getMessage());
    }

    @Test
    @DisplayName("searches are reproducible: the same seed gives the same verdict and evidence")
    void reproducible() {
        List<TheoremCatalogue.Entry> entries = TheoremCatalogue.entries();
        Claim c = entries.get(2).claim();
        assertEquals(new ConjectureSearch(9, 500, null).check(c), new ConjectureSearch(9, 500, null).check(c));
    }

    @Test
    @DisplayName("version map: the v3 numbers (Thm 3.1, 3.4, 3.6, Conjecture 4.4, Thm 5.3, 5.4) name catalogue entries")
    void versionMap() {
        java.util.List<String> names = TheoremCatalogue.entries().stream().map(e -> e.claim().name()).toList();
        for (String v3 : new String[] {"v3 Thm 3.1", "v3 Thm 3.4", "v3 Thm 3.6", "v3 Conjecture 4.4", "v3 Thm 5.3",
            "v3 Thm 5.4"}) {
            assertTrue(names.stream().anyMatch(n -> n.contains(v3)), v3 + " in " + names);
        }
    }
}
