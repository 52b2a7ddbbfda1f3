/**
 * Seeded Monte Carlo: samplers for best-of-n (O(log L) per draw for any n) and soft best-of-n, the sampling
 * distribution of the KL estimators, vBoN's empirical CDF with the Kolmogorov-Smirnov comparison, and estimates of
 * best-of-n from logged samples of the reference policy with bootstrap intervals over prompts ({@link
 * org.bonlab.numeric.sampling.LoggedBestOf}).
 */
package org.bonlab.numeric.sampling;
