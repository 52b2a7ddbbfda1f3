/**
 * The numeric engine: evaluates policies and quantities of a spec in double precision with stable formulas.
 */
package org.bonlab.numeric;
