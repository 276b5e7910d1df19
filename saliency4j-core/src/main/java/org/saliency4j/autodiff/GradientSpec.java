package org.saliency4j.autodiff;

import java.util.ArrayList;
import java.util.List;

/**
 * What to compile: the scored output; the tensors whose activations and gradients are wanted (the
 * input and/or inner tensors); further tensors whose activations alone are wanted; tensors of which
 * only a channel summary is wanted (the channel sum [N, 1, h, w] and the maximum per sample, small
 * outputs for refinements such as Gradual Extrapolation); the score kind; and the backward rules.
 * No backward work is added for activation or summary taps.
 */
public record GradientSpec(
        String output,
        List<String> gradientTaps,
        List<String> activationTaps,
        List<String> summaryTaps,
        ScoreKind score,
        RuleSet rules) {
    public GradientSpec {
        summaryTaps = List.copyOf(summaryTaps);
        List<String> withGradients = List.copyOf(gradientTaps);
        gradientTaps = withGradients;
        activationTaps = activationTaps.stream()
                .filter(t -> !withGradients.contains(t))
                .distinct()
                .toList();
    }

    public GradientSpec(String output, List<String> taps, ScoreKind score, RuleSet rules) {
        this(output, taps, List.of(), List.of(), score, rules);
    }

    /** Every tensor whose activation is output: the gradient taps first. */
    public List<String> allTaps() {
        List<String> all = new ArrayList<>(gradientTaps);
        all.addAll(activationTaps);
        return all;
    }
}
