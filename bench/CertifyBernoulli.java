import java.util.Locale;
import org.bonlab.Bon;
import org.bonlab.claim.Claim;
import org.bonlab.claim.Family;
import org.bonlab.numeric.interval.IntervalCertifier;
import org.bonlab.policy.Policy;
import org.bonlab.policy.PolicyVar;

/**
 * Theorem 1 (Eq. (15) of Beirami et al.) certified over bernoulli(p), p in (0, 1), for n = 1..N, by interval
 * branch-and-bound over p at each n: run as a source file against a build of bonlab (bench/certify-bernoulli.sh),
 * with only the API that older builds have too, so the same program measures a baseline. After two warm-up
 * certifications, ROUNDS timed ones; prints the median of points and boxes per second of wall time.
 * Usage: java -cp BONLAB_CLASSPATH bench/CertifyBernoulli.java LABEL ROUNDS N THREADS
 */
public class CertifyBernoulli {
    public static void main(String[] args) throws Exception {
        String label = args[0];
        int rounds = Integer.parseInt(args[1]);
        long top = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);
        try { // builds with parallel certification take the thread count; older ones run on one thread
            Class.forName("org.bonlab.numeric.interval.SimplexCertifier").getMethod("useThreads", int.class)
                    .invoke(null, threads);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            if (threads != 1) {
                System.out.printf(Locale.ROOT, "%s: this build certifies on one thread only%n", label);
            }
        }
        PolicyVar p = Policy.variable("p");
        double[] rates = new double[rounds];
        long boxes = 0;
        for (int r = -2; r < rounds; r++) {
            // a claim of its own each time: certification results are cached per claim
            Claim thm1 = Bon.claim(Bon.kl(p.bestOf(Bon.n), p)).atMost(Bon.analyticalKl(Bon.n))
                    .forAll(p, new Family.Bernoulli()).forAll(Bon.n, 1, top).named("Thm 1, round " + r);
            long t0 = System.nanoTime();
            IntervalCertifier.Result result = IntervalCertifier.certify(thm1);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!(result instanceof IntervalCertifier.Result.Certified c)) {
                throw new IllegalStateException("not certified: " + result);
            }
            boxes = c.points();
            if (r >= 0) {
                rates[r] = boxes / seconds;
            }
        }
        java.util.Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%s threads=%d boxes=%d boxes_per_s=%.0f%n", label, threads, boxes,
                rates[rounds / 2]);
    }
}
