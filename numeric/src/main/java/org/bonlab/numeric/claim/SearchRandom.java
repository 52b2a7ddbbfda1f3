package org.bonlab.numeric.claim;

import java.util.SplittableRandom;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The random source of the counterexample search: the JDK's {@link SplittableRandom} (SplitMix64, one 64-bit state
 * and a few multiplications per draw) behind Commons Math's {@link RandomGenerator} interface, which the search's
 * samplers take. Its doubles cost far less than Well19937c's (a policy takes some 17 of them), which counts when a
 * search draws millions of small policies ({@code bench/claims-vs-numpy.sh}); its statistical quality is ample for
 * choosing where to look (a counterexample is re-checked whatever drew it). Seeded: the same seed gives the same draws
 * on the same JDK.
 */
final class SearchRandom implements RandomGenerator {

    private SplittableRandom source;

    SearchRandom(long seed) {
        source = new SplittableRandom(seed);
    }

    @Override
    public void setSeed(int seed) {
        setSeed((long) seed);
    }

    @Override
    public void setSeed(int[] seed) {
        long s = 0;
        for (int v : seed) {
            s = s * 0x9E3779B97F4A7C15L + v;
        }
        setSeed(s);
    }

    @Override
    public void setSeed(long seed) {
        source = new SplittableRandom(seed);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        source.nextBytes(bytes);
    }

    @Override
    public int nextInt() {
        return source.nextInt();
    }

    @Override
    public int nextInt(int n) {
        return source.nextInt(n);
    }

    @Override
    public long nextLong() {
        return source.nextLong();
    }

    @Override
    public boolean nextBoolean() {
        return source.nextBoolean();
    }

    @Override
    public float nextFloat() {
        return source.nextFloat();
    }

    @Override
    public double nextDouble() {
        return source.nextDouble();
    }

    /** A standard normal variate by the JDK's ziggurat ({@code java.util.random.RandomGenerator.nextGaussian}). */
    @Override
    public double nextGaussian() {
        return source.nextGaussian();
    }
}
