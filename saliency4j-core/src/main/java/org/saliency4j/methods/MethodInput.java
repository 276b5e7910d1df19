package org.saliency4j.methods;

import org.saliency4j.model.InputSpec;
import org.saliency4j.runtime.ExplainerRuntime;
import org.saliency4j.tensor.Tensor;

/**
 * What a method explains: a batch of N inputs in the model's layout, a target class per input,
 * and (for layer methods) the resolved layer tensor.
 */
public record MethodInput(ExplainerRuntime runtime, InputSpec spec, Tensor inputs, int[] targets, String layer) {

    public int batchSize() {
        return targets.length;
    }

    /** One-hot score weights [N, K]: the score of sample n is its target's logit or probability. */
    public Tensor targetWeights(int classes) {
        float[] w = new float[targets.length * classes];
        for (int n = 0; n < targets.length; n++) {
            w[n * classes + targets[n]] = 1f;
        }
        return new Tensor(w, targets.length, classes);
    }
}
