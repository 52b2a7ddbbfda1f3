/**
 * bonlab's specification language: {@link org.bonlab.Bon} for quantities and claims,
 * {@link org.bonlab.policy.Policy} for policies.
 */
@NullMarked
package org.bonlab;

import org.jspecify.annotations.NullMarked;
