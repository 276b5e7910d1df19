package org.saliency4j.autodiff;

import java.util.ArrayList;
import java.util.List;
import org.saliency4j.model.BiasLayer;

/**
 * What to compile: the scored output; the tensors whose activations and gradients are wanted (the
 * input and/or inner tensors); further tensors whose activations alone are wanted; tensors of which
 * only a channel summary is wanted (the channel sum [N, 1, h, w] and the maximum per sample, small
 * outputs for refinements such as Gradual Extrapolation); bias layers, of which only FullGrad's
 * bias-gradient map is wanted (sum_c of |b_c d(score)/d(output_c)|, each channel min-max normalised,
 * [N, 1, h, w]); the score kind; and the backward rules. No backward work is added for activation
 * or summary taps.
 */
public record GradientSpec(
        String output,
        List<String> gradientTaps,
        List<String> activationTaps,
        List<String> summaryTaps,
        List<BiasLayer> biasLayers,
        ScoreKind score,
        RuleSet rules) {
    public GradientSpec {
        summaryTaps = List.copyOf(summaryTaps);
        biasLayers = List.copyOf(biasLayers);
        List<String> withGradients = List.copyOf(gradientTaps);
        gradientTaps = withGradients;
        activationTaps = activationTaps.stream()
                .filter(t -> !withGradients.contains(t))
                .distinct()
                .toList();
    }

    public GradientSpec(String output, List<String> taps, ScoreKind score, RuleSet rules) {
        this(output, taps, List.of(), List.of(), List.of(), score, rules);
    }

    public GradientSpec(
            String output,
            List<String> gradientTaps,
            List<String> activationTaps,
            List<String> summaryTaps,
            ScoreKind score,
            RuleSet rules) {
        this(output, gradientTaps, activationTaps, summaryTaps, List.of(), score, rules);
    }

    /** The tensors the reverse pass must reach: the gradient taps, then the bias layers' outputs. */
    public List<String> backwardTargets() {
        List<String> all = new ArrayList<>(gradientTaps);
        biasLayers.forEach(b -> all.add(b.tensor()));
        return all;
    }

    /** Every tensor whose activation is output: the gradient taps first. */
    public List<String> allTaps() {
        List<String> all = new ArrayList<>(gradientTaps);
        all.addAll(activationTaps);
        return all;
    }
}
