package org.saliency4j.methods;

import java.util.Arrays;

/**
 * Per-sample random streams: the user's seed mixed with the sample's content, so that a sample
 * gets the same noise whatever batch or position it comes in, and different samples get different noise.
 */
public final class Seeds {
    private Seeds() {}

    public static long forSample(long seed, float[] sample) {
        long h = seed * 0x9E3779B97F4A7C15L + Arrays.hashCode(sample);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }
}
