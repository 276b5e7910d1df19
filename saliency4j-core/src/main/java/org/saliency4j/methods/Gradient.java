package org.saliency4j.methods;

import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.runtime.GraphOutputs;

import java.util.List;

/**
 * Vanilla gradient saliency (Simonyan et al. 2014): the attribution is d(score)/d(input); the map
 * is its largest absolute value over the channels.
 */
final class Gradient extends NamedMethod {
    Gradient() {
        super("gradient", "vanilla gradient: d(score)/d(input); map = max |gradient| over channels", false);
    }

    @Override
    public List<MethodParameter> parameters() {
        return List.of(Attributions.scoreParameter("logit"));
    }

    @Override
    public List<Explanation> explain(MethodInput input, MethodParameters parameters) {
        GraphOutputs out = input.run(List.of(input.inputName()), parameters.score(), RuleSet.standard());
        return Attributions.ofGradients(input, out.gradient(input.inputName()), out.scores(), MapReduction.MAX_ABS);
    }
}
