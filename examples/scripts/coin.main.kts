// A Kotlin script against bonlab: the fair coin's best-of-n KL beside Eq. (5), and Theorem 1 checked on it.
// Run with kotlinc on bonlab's class path:  kotlinc -cp "$(./bonlab classpath)" -script examples/scripts/coin.main.kts
import org.bonlab.Bon
import org.bonlab.claim.Family
import org.bonlab.numeric.DoubleEvaluator
import org.bonlab.numeric.claim.ConjectureSearch
import org.bonlab.policy.Policy

val coin = Policy.coin()
val kl = Bon.kl(coin.bestOf(Bon.n), coin)
val ev = DoubleEvaluator()
val rows = (1L..4L).map { n ->
    val at = mapOf(Bon.n to n.toDouble())
    "n = $n: KL = ${ev.evaluate(kl, at)}, log n - (n-1)/n = ${ev.evaluate(Bon.analyticalKl(Bon.n), at)}"
}
rows.forEach(::println)
val p = Policy.variable("p")
val theorem1 = Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.analyticalKl(Bon.n))
    .forAll(p, Family.Named(coin)).forAll(Bon.n, 1, 1000).named("Theorem 1 on the coin")
val verdict = ConjectureSearch(1).check(theorem1)
println("${theorem1.name()}: ${verdict.label()}")
verdict.label()
