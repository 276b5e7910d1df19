package org.saliency4j.methods;

import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.runtime.GraphOutputs;

import java.util.List;
import java.util.function.Supplier;

/**
 * Guided Backprop (Springenberg et al. 2015) and DeconvNet (Zeiler and Fergus 2014): the input
 * gradient with the rectifiers' backward rules swapped, in one compiled graph (no second model).
 */
final class ModifiedBackprop extends NamedMethod {
    private final Supplier<RuleSet> rules;

    private ModifiedBackprop(String name, String description, Supplier<RuleSet> rules) {
        super(name, description, false);
        this.rules = rules;
    }

    static ModifiedBackprop guided() {
        return new ModifiedBackprop("guided-backprop", "Guided Backprop: rectifiers pass positive gradients where their input was positive; map = max |.| over channels", RuleSet::guided);
    }

    static ModifiedBackprop deconvnet() {
        return new ModifiedBackprop("deconvnet", "DeconvNet: rectifiers pass positive gradients whatever their input; map = max |.| over channels", RuleSet::deconvnet);
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
