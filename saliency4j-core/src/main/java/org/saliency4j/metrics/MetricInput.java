package org.saliency4j.metrics;

import org.saliency4j.image.Preprocessing;
import org.saliency4j.runtime.ExplainerRuntime;
import org.saliency4j.tensor.Tensor;

/**
 * What a metric measures: one input [1, ...] in the model's layout with its preprocessing, the
 * explained target class, and the map [H, W] at the input's resolution.
 *
 * @param image whether the input was an image (its preprocessing then says what a pixel of 0 is)
 */
public record MetricInput(
        ExplainerRuntime runtime, Preprocessing preprocessing, Tensor input, int target, Tensor map, boolean image) {}
