/**
 * High-precision evaluation (apfloat) of the same expressions, for cross-checks and for re-checking
 * counterexamples. Independent of the double-precision algorithms.
 */
package org.bonlab.numeric.precise;
