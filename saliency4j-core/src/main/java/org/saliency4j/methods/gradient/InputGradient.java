package org.saliency4j.methods.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.methods.BaseMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MapReduction;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Samples;
import org.saliency4j.runtime.GraphOutputs;

/**
 * Methods whose attribution is the input gradient under a rule set, optionally times the input:
 * the vanilla gradient (Simonyan et al. 2014); Guided Backprop (Springenberg et al. 2015) and
 * DeconvNet (Zeiler and Fergus 2014), whose rectifier rules are swapped in the one compiled graph
 * (no second model); and gradient x input (Shrikumar et al. 2016, Captum's InputXGradient).
 */
public final class InputGradient extends BaseMethod {
    private final Supplier<RuleSet> rules;
    private final boolean timesInput;
    private final MapReduction reduction;

    private InputGradient(
            String name, String description, Supplier<RuleSet> rules, boolean timesInput, MapReduction reduction) {
        super(name, description, false, List.of(Parameter.score("logit")));
        this.rules = rules;
        this.timesInput = timesInput;
        this.reduction = reduction;
    }

    public static InputGradient vanilla() {
        return new InputGradient(
                "gradient",
                "vanilla gradient (Simonyan et al. 2014): attribution = d(score)/dx; map = max_c |a|",
                RuleSet::standard,
                false,
                MapReduction.MAX_ABS);
    }

    public static InputGradient timesInput() {
        return new InputGradient(
                "gradient-x-input",
                "x · d(score)/dx (Captum's InputXGradient); map = |Σ_c a|",
                RuleSet::standard,
                true,
                MapReduction.ABS_SUM);
    }

    public static InputGradient guided() {
        return new InputGradient(
                "guided-backprop",
                "gradient with rectifiers passing positive gradients where their input was positive "
                        + "(ReLU and Clip rules swapped, no second model); map = max_c |a|",
                RuleSet::guided,
                false,
                MapReduction.MAX_ABS);
    }

    public static InputGradient deconvnet() {
        return new InputGradient(
                "deconvnet",
                "gradient with rectifiers passing positive gradients whatever their input",
                RuleSet::deconvnet,
                false,
                MapReduction.MAX_ABS);
    }

    @Override
    public List<Explanation> explain(Batch batch, MethodParameters parameters) {
        GraphOutputs out = batch.run(List.of(batch.inputName()), parameters.score(), rules.get());
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < batch.batchSize(); n++) {
            float[] attribution = Samples.sample(out.gradient(batch.inputName()), n);
            if (timesInput) {
                float[] x = Samples.sample(batch.inputs(), n);
                for (int i = 0; i < x.length; i++) {
                    attribution[i] *= x[i];
                }
            }
            result.add(Explanation.ofAttribution(
                    Samples.toChw(attribution, batch.spec()), reduction, out.scores()[n], Map.of()));
        }
        return result;
    }
}
