/**
 * Policies over finite outcomes: base policies (explicit PMFs, the coin, uniform) with their rewards, and
 * derived policies (best-of-n, worst-of-n).
 */
@NullMarked
package org.bonlab.policy;

import org.jspecify.annotations.NullMarked;
