/**
 * Real-valued expressions over symbols and quantities (KL, win rate, the analytical formula). Expressions are
 * immutable trees; engines evaluate, derive and render them.
 */
@NullMarked
package org.bonlab.expr;

import org.jspecify.annotations.NullMarked;
