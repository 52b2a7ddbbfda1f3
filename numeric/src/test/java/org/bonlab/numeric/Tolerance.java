package org.bonlab.numeric;

import java.util.Locale;

/**
 * The accuracy promised for double-precision values against the 60-digit reference: {@value #RELATIVE}
 * relative, or {@value #ABSOLUTE} absolute where the reference is below {@value #SMALL} in magnitude.
 */
public final class Tolerance {

    public static final double RELATIVE = 1e-12;
    public static final double ABSOLUTE = 1e-15;
    public static final double SMALL = 1e-3;

    private Tolerance() {
    }

    /** Null when {@code actual} is within tolerance of {@code expected}, otherwise a message saying by how much not. */
    public static String check(double expected, double actual) {
        double err = Math.abs(actual - expected);
        boolean ok = Math.abs(expected) < SMALL ? err <= ABSOLUTE : err <= RELATIVE * Math.abs(expected);
        return ok ? null : String.format(Locale.ROOT, "expected %.17g but got %.17g (error %.3g, relative %.3g)",
                expected, actual, err, err / Math.abs(expected));
    }
}
