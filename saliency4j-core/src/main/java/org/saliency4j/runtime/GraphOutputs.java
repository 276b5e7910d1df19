package org.saliency4j.runtime;

import org.saliency4j.tensor.Tensor;

import java.util.List;

/**
 * What one run gives a method, for a batch of N samples: logits and probabilities [N, K], the
 * score [N], and per requested tap its activation and d(score)/d(tap) (null for an
 * activations-only run), batch-first.
 */
public record GraphOutputs(Tensor logits, Tensor probabilities, float[] scores, List<String> taps,
                           List<Tensor> activations, List<Tensor> gradients) {

    public Tensor activation(String tap) {
        return activations.get(indexOf(tap));
    }

    public Tensor gradient(String tap) {
        return gradients.get(indexOf(tap));
    }

    private int indexOf(String tap) {
        int i = taps.indexOf(tap);
        if (i < 0) {
            throw new IllegalArgumentException("tensor '" + tap + "' was not requested; requested: " + taps);
        }
        return i;
    }
}
