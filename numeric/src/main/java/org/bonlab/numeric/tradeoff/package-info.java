/**
 * Tradeoff curves of inference-time alignment methods (expected reward and win rate against KL to the base
 * policy) and the distance of best-of-n from the exact frontiers.
 */
package org.bonlab.numeric.tradeoff;
