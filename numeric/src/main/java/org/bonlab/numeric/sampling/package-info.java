/**
 * Seeded Monte Carlo: samplers for best-of-n (O(log L) per draw for any n) and soft best-of-n, the sampling
 * distribution of the KL estimators, and vBoN's empirical CDF with the Kolmogorov-Smirnov comparison.
 */
package org.bonlab.numeric.sampling;
