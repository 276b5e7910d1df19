package org.saliency4j.methods;

import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.runtime.GradientSession;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Vanilla gradient saliency (Simonyan et al. 2014): the attribution is d(score)/d(input); the map
 * is its largest absolute value over the channels.
 */
public final class Gradient implements AttributionMethod {

    @Override
    public String name() {
        return "gradient";
    }

    @Override
    public String description() {
        return "vanilla gradient: d(score)/d(input); map = max |gradient| over channels";
    }

    @Override
    public boolean usesLayer() {
        return false;
    }

    @Override
    public List<MethodParameter> parameters() {
        return List.of(new MethodParameter("score", "logit", "what is differentiated: logit or probability"));
    }

    @Override
    public List<Explanation> explain(MethodInput input, MethodParameters parameters) {
        String x = input.runtime().model().inputName();
        GradientSession session = input.runtime().session(input.spec(), List.of(x), parameters.score(), RuleSet.standard());
        GraphOutputs out = session.run(input.inputs(), input.targetWeights(session.classes()));
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < input.batchSize(); n++) {
            Tensor attribution = Attributions.sampleChw(out.gradient(x), n, input.spec());
            result.add(new Explanation(Attributions.maxAbsOverChannels(attribution), null, attribution, out.scores()[n], Map.of()));
        }
        return result;
    }
}
