package org.bonlab.numeric.claim;

import java.util.Objects;
import org.bonlab.claim.Claim;

/**
 * Assertions on claims for a user's own test suite, in the style of AssertJ:
 * {@code assertThatClaim(claim).withSeed(7).isNotFalsified()}. A failure throws {@link AssertionError} (so JUnit,
 * TestNG and plain Java report it) with a readable report: the claim as written, the verdict, the
 * counterexample or smallest margin, and the seed. No test framework is needed on the class path.
 */
public final class ClaimAssertions {

    private final Claim claim;
    private final long seed;
    private final int evaluations;

    private ClaimAssertions(Claim claim, long seed, int evaluations) {
        this.claim = Objects.requireNonNull(claim, "claim");
        this.seed = seed;
        this.evaluations = evaluations;
    }

    public static ClaimAssertions assertThatClaim(Claim claim) {
        return new ClaimAssertions(claim, 1, ConjectureSearch.DEFAULT_EVALUATIONS);
    }

    public ClaimAssertions withSeed(long newSeed) {
        return new ClaimAssertions(claim, newSeed, evaluations);
    }

    public ClaimAssertions withEvaluations(int newEvaluations) {
        return new ClaimAssertions(claim, seed, newEvaluations);
    }

    /** The verdict, for further inspection. */
    public Verdict verdict() {
        return new ConjectureSearch(seed, evaluations, null).check(claim);
    }

    /**
     * Passes unless a counterexample is found, or the claim is undefined at every point evaluated (then nothing
     * was checked: a mistake in the claim, never a pass).
     */
    public Verdict isNotFalsified() {
        return expect(verdict(), v -> !(v instanceof Verdict.Falsified) && !isVacuous(v),
                "not to be falsified (and to be defined somewhere)");
    }

    /** Whether {@code v} checked nothing: the claim was undefined at every point evaluated. */
    public static boolean isVacuous(Verdict v) {
        return v instanceof Verdict.Undecided u && u.vacuous();
    }

    /** Passes only with a re-checked counterexample. */
    public Verdict isFalsified() {
        return expect(verdict(), v -> v instanceof Verdict.Falsified, "to be falsified");
    }

    /** Passes only with a sound argument. */
    public Verdict isProved() {
        return expect(verdict(), v -> v instanceof Verdict.Proved, "to be proved");
    }

    private Verdict expect(Verdict v, java.util.function.Predicate<Verdict> ok, String what) {
        if (!ok.test(v)) {
            throw new AssertionError("Expecting claim " + what + ", but it was " + v.label() + " (seed " + seed
                    + ")\n" + v.report());
        }
        return v;
    }
}
