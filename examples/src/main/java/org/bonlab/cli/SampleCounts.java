package org.bonlab.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses {@code --n 1,2,10,1e6}: positive integers, exactly representable as doubles. */
final class SampleCounts {

    /** Beyond \( 2^{53} \), n must be a double exactly (e.g. 1e18 is; 10^18 + 1 is not). */
    private static final BigDecimal LARGEST_EXACT = new BigDecimal(1L << 53);

    private SampleCounts() {
    }

    static List<Double> parse(String list) {
        List<Double> out = new ArrayList<>();
        for (String raw : list.split(",", -1)) {
            String t = raw.strip();
            BigDecimal v;
            try {
                v = new BigDecimal(t);
            } catch (NumberFormatException e) {
                throw new BadInputException(String.format(Locale.ROOT,
                        "--n must list integers at least 1 (e.g. 1,2,10,1e6), but '%s' is not a number", t));
            }
            if (v.signum() <= 0 || v.stripTrailingZeros().scale() > 0) {
                throw new BadInputException(String.format(Locale.ROOT,
                        "--n must list integers at least 1, but has %s", t));
            }
            double d = v.doubleValue();
            if (!Double.isFinite(d) || v.compareTo(LARGEST_EXACT) > 0 && new BigDecimal(d).compareTo(v) != 0) {
                throw new BadInputException(String.format(Locale.ROOT,
                        "--n values above 2^53 must be exactly representable as doubles (such as 1e18), "
                                + "but %s is not", t));
            }
            out.add(d);
        }
        return out;
    }

    /** n as printed in the output: an integer without exponent. */
    static String format(double n) {
        return new BigDecimal(n).toPlainString();
    }
}
