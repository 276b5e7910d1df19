package org.saliency4j.metrics;

import java.util.List;
import org.saliency4j.autodiff.MaskUpsampling;
import org.saliency4j.autodiff.ScoreKind;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Targets;
import org.saliency4j.methods.path.Baselines;
import org.saliency4j.model.InputSpec;
import org.saliency4j.runtime.ExplainerRuntime;
import org.saliency4j.runtime.MaskSession;
import org.saliency4j.tensor.Tensor;

/**
 * What a metric measures: one input [1, ...] in the model's layout with its preprocessing, the
 * explained target class, and the map [H, W] at the input's resolution.
 *
 * @param image      the prepared image the input came from, to carry the map back onto it; null for tensors
 * @param annotation the image's objects, for the localisation metrics; null when it has none
 * @param maps       the same method's maps of other inputs or on another model, for the metrics that
 *                   re-explain; null when the map was made elsewhere
 */
public record MetricInput(
        ExplainerRuntime runtime,
        Preprocessing preprocessing,
        Tensor input,
        int target,
        Tensor map,
        PreparedImage image,
        ImageAnnotation annotation,
        MapSource maps) {

    /** An input with its map and nothing else: no image, annotation or method. */
    public static MetricInput of(
            ExplainerRuntime runtime, Preprocessing preprocessing, Tensor input, int target, Tensor map) {
        return new MetricInput(runtime, preprocessing, input, target, map, null, null, null);
    }

    public MetricInput withImage(PreparedImage value) {
        return new MetricInput(runtime, preprocessing, input, target, map, value, annotation, maps);
    }

    public MetricInput withAnnotation(ImageAnnotation value) {
        return new MetricInput(runtime, preprocessing, input, target, map, image, value, maps);
    }

    public MetricInput withMaps(MapSource value) {
        return new MetricInput(runtime, preprocessing, input, target, map, image, annotation, value);
    }

    /** A substrate for the input, one of the path methods' baselines (black, zeros, mean, blur, noise or a file). */
    public Tensor substrate(String kind, long seed) {
        InputSpec spec = preprocessing.input();
        Batch one = new Batch(runtime, spec, input, new int[] {target}, List.of(), preprocessing);
        return new Tensor(Baselines.of(kind, one, 0, seed), spec.batchShape(1));
    }

    /**
     * The target's score on each masked copy of the input, blended with the substrate in the
     * perturbation graph.
     *
     * @param masks [K, h, w], 1 keeping the input and 0 showing the substrate
     */
    public float[] maskedScores(Tensor substrate, Tensor masks, MaskUpsampling upsampling, ScoreKind score) {
        MaskSession session = runtime.maskSession(preprocessing.input(), upsampling, score);
        int copies = (int) masks.dim(0);
        return session.run(input, substrate, masks, Targets.oneHot(new int[] {target}, session.classes(), copies))
                .scores();
    }
}
