package org.saliency4j.example;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.methods.BaseMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MapReduction;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Samples;
import org.saliency4j.runtime.GraphOutputs;

/** A method written outside the library, as a user would: the squared input gradient. */
public final class SquaredGradient extends BaseMethod {
    public SquaredGradient() {
        super(
                "example-squared-gradient",
                "the input gradient squared; map = max_c g²",
                false,
                List.of(Parameter.score("logit")));
    }

    @Override
    public List<Explanation> explain(Batch batch, MethodParameters parameters) {
        GraphOutputs out = batch.run(List.of(batch.inputName()), parameters.score(), RuleSet.standard());
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < batch.batchSize(); n++) {
            float[] g = Samples.sample(out.gradient(batch.inputName()), n);
            for (int i = 0; i < g.length; i++) {
                g[i] *= g[i];
            }
            result.add(Explanation.ofAttribution(
                    Samples.toChw(g, batch.spec()), MapReduction.MAX_ABS, out.scores()[n], Map.of()));
        }
        return result;
    }
}
