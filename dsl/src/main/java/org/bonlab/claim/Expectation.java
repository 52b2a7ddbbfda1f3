package org.bonlab.claim;

/** The verdict a spec expects for a claim; {@code bonlab check} exits with 1 when one is not met. */
public enum Expectation {
    /** No expectation: any verdict is accepted. */
    NONE,
    /** The claim must not be falsified (PROVED or UNDECIDED). */
    NOT_FALSIFIED,
    /** The claim must be falsified with a re-checked counterexample. */
    FALSIFIED,
    /** The claim must be proved. */
    PROVED;

    /** Whether a verdict label (PROVED, FALSIFIED, UNDECIDED) meets this expectation. */
    public boolean isMetBy(String verdictLabel) {
        switch (this) {
            case NONE:
                return true;
            case NOT_FALSIFIED:
                return !verdictLabel.equals("FALSIFIED");
            default:
                return verdictLabel.equals(name());
        }
    }
}
