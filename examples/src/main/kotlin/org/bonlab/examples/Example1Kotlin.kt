package org.bonlab.examples

import java.io.PrintStream
import org.bonlab.Bon
import org.bonlab.expr.Expr
import org.bonlab.numeric.DoubleEvaluator
import org.bonlab.numeric.claim.ClaimChecker
import org.bonlab.policy.Policy

/**
 * Example 1 of Beirami et al. as a Kotlin spec, with operator syntax: the gap between the analytical
 * formula (Eq. 5) and the exact KL (Eq. 6), and the claim that it is never negative (Theorem 1).
 */
object Example1Kotlin {

    @JvmStatic
    fun main(args: Array<String>) {
        run(System.out)
    }

    /** Prints the gap table and the verdict; returns whether the claim was not falsified. */
    @JvmStatic
    fun run(out: PrintStream): Boolean {
        val n = Bon.n
        val coin = Policy.coin()
        val kl = Bon.kl(coin.bestOf(n), coin)
        val gap = Bon.analyticalKl(n) - kl                   // Expr.minus
        val midpoint = (kl + Bon.analyticalKl(n)) / 2L       // Expr.plus, Expr.div
        val boundedByLog2 = Bon.log(Bon.constant(2)) - kl    // Example 1: KL <= log 2 for every n

        out.println("Example 1 in Kotlin: gap = (log n - (n-1)/n) - KL(pi_n || p)")
        val ev = DoubleEvaluator()
        for (k in listOf(1, 2, 5, 10, 100, 1000)) {
            val at = mapOf(n to k.toDouble())
            out.println(String.format(java.util.Locale.ROOT, "  n = %4d  gap = %.12f  midpoint = %.12f  log 2 - KL = %.12f",
                k, ev.evaluate(gap, at), ev.evaluate(midpoint, at), ev.evaluate(boundedByLog2, at)))
        }
        val claim = Bon.claim(gap).atLeast(Expr.constant(0L)).forAll(n, 1, 100_000)
            .named("Theorem 1 as a non-negative gap (Kotlin)")
        val verdict = ClaimChecker().check(claim)
        out.print(verdict.report())
        return verdict.label() != "FALSIFIED"
    }
}
