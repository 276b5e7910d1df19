package org.saliency4j.metrics;

import java.util.List;
import org.saliency4j.runtime.ExplainerRuntime;
import org.saliency4j.tensor.Tensor;

/** The maps [H, W] the evaluated method, with its parameters and layers, gives for other inputs or targets. */
@FunctionalInterface
public interface MapSource {
    /**
     * @param runtime the model to explain: the evaluated one, or a changed copy (randomised weights)
     * @param inputs  [K, ...] in the model's layout
     * @param targets one class per input
     */
    List<Tensor> maps(ExplainerRuntime runtime, Tensor inputs, int[] targets);
}
