package org.bonlab.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bonlab.expr.Scalar;

/**
 * Non-negative weights in ascending reward order. Not a policy: {@link #normalized()} makes one, so that
 * normalisation is always visible in a spec.
 */
public final class Weights {

    private final double[] weights;

    Weights(double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("weights must list at least one outcome, but listed none");
        }
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(Double.isFinite(weights[i]) && weights[i] >= 0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "weight must be finite and non-negative, but weight[%d] was %s", i, weights[i]));
            }
            total += weights[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("weights must not all be zero, but sum to 0");
        }
        this.weights = weights.clone();
    }

    /** The policy with probabilities proportional to the weights. */
    public Explicit normalized() {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        List<Scalar> probs = new ArrayList<>(weights.length);
        List<String> names = new ArrayList<>(weights.length);
        for (int i = 0; i < weights.length; i++) {
            probs.add(Scalar.of(weights[i] / total));
            names.add(Integer.toString(i));
        }
        return Explicit.of(names, probs, Reward.ascending(weights.length));
    }
}
