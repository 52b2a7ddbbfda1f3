/**
 * Numeric checking of claims: exhaustive or sampled evaluation over a domain, counterexamples that are
 * re-checked, and verdicts that carry their evidence.
 */
package org.bonlab.numeric.claim;
