package org.saliency4j.runtime;

import java.util.Collection;
import java.util.Map;
import org.saliency4j.tensor.Tensor;

/**
 * What one run gives a method, for a batch of N samples: logits and probabilities [N, K], the
 * score [N], the activation of every requested tensor, and d(score)/d(tensor) for those whose
 * gradients were requested; batch-first.
 */
public record GraphOutputs(
        Tensor logits,
        Tensor probabilities,
        float[] scores,
        Map<String, Tensor> activations,
        Map<String, Tensor> gradients,
        Map<String, ChannelSummary> summaries,
        Map<String, Tensor> biasGradientMaps) {

    /** A tensor's channel sum [N, 1, h, w] and its maximum per sample [N, 1]. */
    public record ChannelSummary(Tensor channelSum, Tensor maximum) {}

    public ChannelSummary summary(String tap) {
        ChannelSummary s = summaries.get(tap);
        if (s == null) {
            throw new IllegalArgumentException(
                    "no channel summary of '" + tap + "' was requested; requested: " + summaries.keySet());
        }
        return s;
    }

    public Tensor biasGradientMap(String layer) {
        return get(biasGradientMaps, layer, "bias-gradient map");
    }

    public boolean hasSummaries(Collection<String> taps) {
        return summaries.keySet().containsAll(taps);
    }

    public Tensor activation(String tap) {
        return get(activations, tap, "activation");
    }

    public Tensor gradient(String tap) {
        return get(gradients, tap, "gradient");
    }

    public boolean hasActivations(Collection<String> taps) {
        return activations.keySet().containsAll(taps);
    }

    private static Tensor get(Map<String, Tensor> values, String tap, String what) {
        Tensor t = values.get(tap);
        if (t == null) {
            throw new IllegalArgumentException(
                    "the " + what + " of '" + tap + "' was not requested; requested: " + values.keySet());
        }
        return t;
    }
}
