import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeSet;
import org.bonlab.numeric.DoubleEvaluator;
import org.bonlab.numeric.policy.RankedPmf;
import org.bonlab.numeric.quantity.BestOfKl;
import org.bonlab.policy.Policy;

/**
 * The KL sweep's kernel alone, in one process: prepares zipf(L, s=1.1) once, then evaluates KL(pi_n || p) at the
 * distinct rounded values of logspace(0, 6, G), ROUNDS times; prints the CPU time (all threads) of the preparation, of
 * the first (cold) sweep and the fastest later one, the first sweep's wall time, and the sum of the KL values (the checksum the C kernel and the NumPy
 * peer print). Run by bench/kl-kernel.sh: java -cp "$(./bonlab classpath)" bench/KlSweep.java L G ROUNDS
 */
public class KlSweep {
    public static void main(String[] args) {
        int size = Integer.parseInt(args[0]);
        int grid = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        // CPU time of the whole process (every thread: the sweep splits large ranges into pieces on the common pool,
        // and the compiler threads count too), and wall time
        com.sun.management.OperatingSystemMXBean cpu =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        TreeSet<Double> ns = new TreeSet<>();
        for (int g = 0; g < grid; g++) {
            ns.add((double) Math.round(Math.pow(10, 6.0 * g / (grid - 1))));
        }
        long t0 = cpu.getProcessCpuTime();
        RankedPmf p = new DoubleEvaluator().pmf(Policy.zipf(size, 1.1), Map.of());
        BestOfKl kernel = new BestOfKl(p);
        long t1 = cpu.getProcessCpuTime();
        double checksum = 0;
        double cold = 0;
        double best = Double.POSITIVE_INFINITY;
        double coldWall = 0;
        for (int r = 0; r < rounds; r++) {
            long s = cpu.getProcessCpuTime();
            long wall = System.nanoTime();
            double sum = 0;
            for (double n : ns) {
                sum += kernel.kl(n);
            }
            double seconds = (cpu.getProcessCpuTime() - s) / 1e9;
            if (r == 0) {
                cold = seconds;
                coldWall = (System.nanoTime() - wall) / 1e9;
                checksum = sum;
            } else {
                best = Math.min(best, seconds);
            }
        }
        System.out.printf(java.util.Locale.ROOT, "bonlab L=%d grid=%d prep_s=%.3f sweep_s=%.3f warm_sweep_s=%.3f "
                + "sweep_wall_s=%.3f checksum=%.9f%n", size, ns.size(), (t1 - t0) / 1e9, cold, rounds > 1 ? best : cold,
                coldWall, checksum);
    }
}
