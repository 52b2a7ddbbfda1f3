/**
 * KL divergence, the analytical formula, expected reward and win rates of finite ranked policies.
 */
package org.bonlab.numeric.quantity;
