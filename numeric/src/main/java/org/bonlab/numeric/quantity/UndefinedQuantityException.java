package org.bonlab.numeric.quantity;

/**
 * A quantity has no finite value at the requested point (for instance a KL divergence whose first policy
 * charges an outcome the second one excludes). Carries the reason; engines never answer with NaN or a silent
 * infinity.
 */
public final class UndefinedQuantityException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    public UndefinedQuantityException(String reason) {
        super(reason);
    }
}
