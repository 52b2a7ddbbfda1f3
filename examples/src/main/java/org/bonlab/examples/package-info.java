/**
 * Spec scripts that reproduce the papers' results with bonlab's DSL and engines.
 */
package org.bonlab.examples;
