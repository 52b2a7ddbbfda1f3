/**
 * Claims {@code lhs REL rhs} over a domain of symbols: the conjectures and theorems that engines check.
 */
@NullMarked
package org.bonlab.claim;

import org.jspecify.annotations.NullMarked;
