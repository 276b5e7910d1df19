package org.saliency4j.methods;

import org.saliency4j.tensor.Tensor;

import java.util.Map;

/**
 * One method's result for one input.
 *
 * @param map         [H, W] at the model's input resolution, raw (not normalised)
 * @param layerMap    [h, w] at the layer's resolution before upsampling, for layer methods; else null
 * @param attribution [C, H, W] signed input attribution, for input-level methods; else null
 * @param score       the target's score (logit or probability, as the method used)
 * @param details     method-specific numbers for the manifest (e.g. a completeness gap)
 */
public record Explanation(Tensor map, Tensor layerMap, Tensor attribution, float score, Map<String, Object> details) {
}
