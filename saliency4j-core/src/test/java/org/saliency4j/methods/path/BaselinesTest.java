package org.saliency4j.methods.path;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Batch;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Tensor;

class BaselinesTest {
    @Test
    void theMeanBaselineFillsEachChannelWithItsMean() {
        InputSpec spec = new InputSpec(3, 5, 4, InputSpec.Layout.NCHW);
        float[] x = new float[2 * 3 * 20];
        Random random = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() + i % 60 / 20; // channel c is about c
        }
        Batch batch = new Batch(
                null, spec, new Tensor(x, 2, 3, 5, 4), new int[] {0, 0}, List.of(), Preprocessing.defaults(spec));
        float[] mean = Baselines.of("mean", batch, 1, 0);
        for (int c = 0; c < 3; c++) {
            double expected = 0;
            for (int i = 0; i < 20; i++) {
                expected += x[60 + c * 20 + i] / 20.0;
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(expected, mean[c * 20 + i], 1e-6, "channel " + c);
            }
        }
    }
}
