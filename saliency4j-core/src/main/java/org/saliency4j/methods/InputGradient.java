package org.saliency4j.methods;

import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.runtime.GraphOutputs;

import java.util.List;
import java.util.function.Supplier;

/**
 * Methods whose attribution is the input gradient under a rule set: the vanilla gradient
 * (Simonyan et al. 2014), and Guided Backprop (Springenberg et al. 2015) and DeconvNet (Zeiler and
 * Fergus 2014), whose rectifier rules are swapped in the one compiled graph (no second model).
 * The map is max_c |attribution|.
 */
final class InputGradient extends NamedMethod {
    private final Supplier<RuleSet> rules;

    private InputGradient(String name, String description, Supplier<RuleSet> rules) {
        super(name, description, false);
        this.rules = rules;
    }

    static InputGradient vanilla() {
        return new InputGradient("gradient", "vanilla gradient: d(score)/d(input); map = max |gradient| over channels", RuleSet::standard);
    }

    static InputGradient guided() {
        return new InputGradient("guided-backprop", "Guided Backprop: rectifiers pass positive gradients where their input was positive; map = max |.| over channels", RuleSet::guided);
    }

    static InputGradient deconvnet() {
        return new InputGradient("deconvnet", "DeconvNet: rectifiers pass positive gradients whatever their input; map = max |.| over channels", RuleSet::deconvnet);
    }

    @Override
    public List<MethodParameter> parameters() {
        return List.of(Attributions.scoreParameter("logit"));
    }

    @Override
    public List<Explanation> explain(MethodInput input, MethodParameters parameters) {
        GraphOutputs out = input.run(List.of(input.inputName()), parameters.score(), rules.get());
        return Attributions.ofGradients(input, out.gradient(input.inputName()), out.scores(), MapReduction.MAX_ABS);
    }
}
