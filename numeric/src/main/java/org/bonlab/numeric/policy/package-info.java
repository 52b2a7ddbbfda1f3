/**
 * Ranked PMFs in log space and the transforms of the papers (best-of-n, worst-of-n), computed stably.
 */
package org.bonlab.numeric.policy;
