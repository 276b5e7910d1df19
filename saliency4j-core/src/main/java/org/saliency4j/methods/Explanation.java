package org.saliency4j.methods;

import java.util.List;
import java.util.Map;
import org.saliency4j.tensor.Tensor;

/**
 * One method's result for one input.
 *
 * @param map         [H, W] at the model's input resolution, raw (not normalised)
 * @param layerMaps   per layer, [h, w] at the layer's resolution before upsampling (layer methods); else empty
 * @param attribution [C, H, W] signed input attribution (input-level methods); else null
 * @param score       the target's score (logit or probability, as the method used)
 * @param details     method-specific numbers for the manifest (e.g. a completeness gap)
 * @param extraMaps   further maps written beside the map, by name (e.g. a refinement's base map)
 */
public record Explanation(
        Tensor map,
        List<Tensor> layerMaps,
        Tensor attribution,
        float score,
        Map<String, Object> details,
        Map<String, Tensor> extraMaps) {

    public Explanation(
            Tensor map, List<Tensor> layerMaps, Tensor attribution, float score, Map<String, Object> details) {
        this(map, layerMaps, attribution, score, details, Map.of());
    }

    /** An input-level method's explanation: its attribution [C, H, W] and the map the reduction makes of it. */
    public static Explanation ofAttribution(
            Tensor attribution, MapReduction reduction, float score, Map<String, Object> details) {
        return new Explanation(reduction.apply(attribution), List.of(), attribution, score, details);
    }
}
