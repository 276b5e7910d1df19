package org.saliency4j.autodiff;

import java.util.ArrayList;
import java.util.List;

/**
 * What to compile: the scored output; the tensors whose activations and gradients are wanted (the
 * input and/or inner tensors); further tensors whose activations alone are wanted (no backward
 * work is added for them); the score kind; and the backward rules.
 */
public record GradientSpec(String output, List<String> gradientTaps, List<String> activationTaps, ScoreKind score, RuleSet rules) {
    public GradientSpec {
        List<String> withGradients = List.copyOf(gradientTaps);
        gradientTaps = withGradients;
        activationTaps = activationTaps.stream().filter(t -> !withGradients.contains(t)).distinct().toList();
    }

    public GradientSpec(String output, List<String> taps, ScoreKind score, RuleSet rules) {
        this(output, taps, List.of(), score, rules);
    }

    /** Every tensor whose activation is output: the gradient taps first. */
    public List<String> allTaps() {
        List<String> all = new ArrayList<>(gradientTaps);
        all.addAll(activationTaps);
        return all;
    }
}
