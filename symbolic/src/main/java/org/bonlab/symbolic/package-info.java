/**
 * The symbolic engine: closed forms of best-of-n quantities with symbolic n (through Symja), their
 * presentation in the papers' vocabulary, limits, LaTeX, and the cross-checks that stand behind each result.
 * No Symja type leaves this package.
 */
package org.bonlab.symbolic;
