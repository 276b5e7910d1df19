package org.saliency4j.autodiff;

import java.util.List;

/**
 * A model rewritten to compute, besides its logits, the softmax probabilities, the score
 * sum_k w[n, k] * s[n, k] for per-sample weights w (a one-hot target, usually), the activation of
 * every tap, d(score)/d(tap) for the first {@code gradientTaps} of them, and for each summary tap
 * its channel sum [N, 1, h, w] and per-sample maximum [N, 1], and for each bias layer (named by its
 * output tensor) FullGrad's bias-gradient map [N, 1, h, w]. The serialised model is only needed to
 * open a session; the {@link Signature} is what a session keeps.
 */
public record CompiledGraph(byte[] model, Signature signature) {
    /** The input's name and what the outputs hold, for reading them back. */
    public record Signature(
            String input, List<String> taps, int gradientTaps, List<String> summaryTaps, List<String> biasTaps) {}

    public static final String SCORE_WEIGHTS = "s4j_score_weights";
    public static final String LOGITS = "s4j_logits";
    public static final String PROBABILITIES = "s4j_probabilities";
    public static final String SCORE = "s4j_score";

    public static String activation(int tap) {
        return "s4j_activation_" + tap;
    }

    public static String gradient(int tap) {
        return "s4j_gradient_" + tap;
    }

    public static String channelSum(int tap) {
        return "s4j_channel_sum_" + tap;
    }

    public static String maximum(int tap) {
        return "s4j_max_" + tap;
    }

    public static String biasGradientMap(int layer) {
        return "s4j_bias_gradient_" + layer;
    }
}
