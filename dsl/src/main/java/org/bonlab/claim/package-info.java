/**
 * Claims {@code lhs REL rhs} over a domain of symbols: the conjectures and theorems that engines check.
 */
package org.bonlab.claim;
