package org.saliency4j.autodiff;

import java.util.List;

/**
 * What to compile: the scored output, the tensors whose activations (and, if {@code gradients},
 * gradients) are wanted (the input and/or inner tensors), the score kind, and the backward rules.
 */
public record GradientSpec(String output, List<String> taps, ScoreKind score, RuleSet rules, boolean gradients) {
    public GradientSpec {
        taps = List.copyOf(taps);
    }

    public GradientSpec(String output, List<String> taps, ScoreKind score, RuleSet rules) {
        this(output, taps, score, rules, true);
    }
}
