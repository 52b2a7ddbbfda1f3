package org.bonlab.symbolic;

import java.util.Locale;

/** How a symbolic statement was established. Only {@link Proved} is a proof. */
public sealed interface Verification permits Verification.Proved, Verification.CheckedNumerically,
        Verification.Unverified {

    /** One line for reports. */
    String describe();

    /** An exact argument: a symbolic identity reduced to 0, or a theorem with its hypotheses checked. */
    record Proved(String argument) implements Verification {
        @Override
        public String describe() {
            return "proved: " + argument;
        }
    }

    /** Evidence, not proof: agreement at finitely many points. */
    record CheckedNumerically(int points, double maxRelativeError, String how) implements Verification {
        @Override
        public String describe() {
            return String.format(Locale.ROOT, "checked numerically at %d point%s (max relative error %.2e; %s)",
                    points, points == 1 ? "" : "s", maxRelativeError, how);
        }
    }

    /** Neither proved nor confirmed, with the reason. */
    record Unverified(String reason) implements Verification {
        @Override
        public String describe() {
            return "unverified: " + reason;
        }
    }
}
