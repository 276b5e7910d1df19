package org.saliency4j.methods.optimisation;

import java.util.SplittableRandom;
import org.saliency4j.model.InputSpec;

/**
 * The Gaussian noise the I-GOS family adds to each path point, in the model's input space.
 * {@code all-channels} draws N(0, sigma^2) for every value, as the iGOS++ authors' code does and the
 * I-GOS paper means. {@code authors} is what the original I-GOS code really draws: its
 * {@code noise + cv2.randn(noise, 0, 0.2)} fills the array in place and adds it to itself, and a
 * scalar standard deviation reaches only OpenCV's first channel, so the first channel gets
 * N(0, (2 sigma)^2) and the others none (measured: standard deviations 0.3995, 0, 0).
 */
record PathNoise(String mode, double sigma, InputSpec spec) {
    static final String ALL_CHANNELS = "all-channels";
    static final String AUTHORS = "authors";

    boolean none() {
        return sigma == 0;
    }

    /** One copy's noise, from its own seeded stream, into {@code into} from {@code offset}. */
    void fill(long seed, float[] into, int offset) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = spec.elementsPerSample();
        if (mode.equals(ALL_CHANNELS)) {
            for (int i = 0; i < n; i++) {
                into[offset + i] = (float) (sigma * random.nextGaussian());
            }
            return;
        }
        int hw = spec.height() * spec.width();
        boolean nchw = spec.layout() == InputSpec.Layout.NCHW;
        for (int i = 0; i < hw; i++) {
            into[offset + (nchw ? i : i * spec.channels())] = (float) (2 * sigma * random.nextGaussian());
        }
    }
}
