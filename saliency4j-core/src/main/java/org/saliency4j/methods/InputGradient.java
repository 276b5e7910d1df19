package org.saliency4j.methods;

import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.runtime.GraphOutputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Methods whose attribution is the input gradient under a rule set, optionally times the input:
 * the vanilla gradient (Simonyan et al. 2014); Guided Backprop (Springenberg et al. 2015) and
 * DeconvNet (Zeiler and Fergus 2014), whose rectifier rules are swapped in the one compiled graph
 * (no second model); and gradient x input (Shrikumar et al. 2016, Captum's InputXGradient).
 */
final class InputGradient extends NamedMethod {
    private final Supplier<RuleSet> rules;
    private final boolean timesInput;
    private final MapReduction reduction;

    private InputGradient(String name, String description, Supplier<RuleSet> rules, boolean timesInput, MapReduction reduction) {
        super(name, description, false);
        this.rules = rules;
        this.timesInput = timesInput;
        this.reduction = reduction;
    }

    static InputGradient vanilla() {
        return new InputGradient("gradient", "vanilla gradient: d(score)/d(input); map = max |gradient| over channels",
                RuleSet::standard, false, MapReduction.MAX_ABS);
    }

    static InputGradient timesInput() {
        return new InputGradient("gradient-x-input", "gradient x input: x * d(score)/dx; map = |sum over channels|",
                RuleSet::standard, true, MapReduction.ABS_SUM);
    }

    static InputGradient guided() {
        return new InputGradient("guided-backprop", "Guided Backprop: rectifiers pass positive gradients where their input was positive; map = max |.| over channels",
                RuleSet::guided, false, MapReduction.MAX_ABS);
    }

    static InputGradient deconvnet() {
        return new InputGradient("deconvnet", "DeconvNet: rectifiers pass positive gradients whatever their input; map = max |.| over channels",
                RuleSet::deconvnet, false, MapReduction.MAX_ABS);
    }

    @Override
    public List<MethodParameter> parameters() {
        return List.of(Attributions.scoreParameter("logit"));
    }

    @Override
    public List<Explanation> explain(MethodInput input, MethodParameters parameters) {
        GraphOutputs out = input.run(List.of(input.inputName()), parameters.score(), rules.get());
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < input.batchSize(); n++) {
            float[] attribution = Samples.sample(out.gradient(input.inputName()), n);
            if (timesInput) {
                float[] x = Samples.sample(input.inputs(), n);
                for (int i = 0; i < x.length; i++) {
                    attribution[i] *= x[i];
                }
            }
            result.add(Attributions.explanation(input, attribution, reduction, out.scores()[n], Map.of()));
        }
        return result;
    }
}
