package org.saliency4j.methods.optimisation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.autodiff.MaskUpsampling;
import org.saliency4j.methods.BaseMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Samples;
import org.saliency4j.methods.Seeds;
import org.saliency4j.methods.path.Baselines;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.LinearResize;
import org.saliency4j.tensor.Tensor;

/**
 * The base of the I-GOS family: masks [s, s] (1 keeps the image), upsampled bilinearly with
 * align_corners=true to the input, optimised by {@link MaskOptimiser}. The map is 1 - up(M), so high
 * is salient as in every other method, and the layer map 1 - M at the mask's resolution. The details
 * hold the loss, the masked input's score and the step of each iteration, the final masked input's
 * score, and the seed of the input's noise.
 */
abstract class MaskMethod extends BaseMethod {
    MaskMethod(String name, String description, List<Parameter> parameters) {
        super(name, description, false, parameters);
    }

    /** The parameters every member shares, around each one's own. */
    static List<Parameter> parameters(String penalty, String noiseMode, List<String> noiseModes, Parameter... own) {
        List<Parameter> all = new ArrayList<>(List.of(own));
        all.addAll(List.of(
                Parameter.integer("size", 28, 1, 4096, "the mask's side s (s x s, upsampled to the input)"),
                Parameter.number("l1", 1, 0, Double.POSITIVE_INFINITY, "weight of mean |1 - M|"),
                Parameter.number("tv", 20, 0, Double.POSITIVE_INFINITY, "weight of the " + penalty),
                Parameter.integer("iterations", 15, 1, 10000, "descent steps"),
                Parameter.integer("steps", 20, 1, 10000, "points S of the path integral"),
                Parameter.number(
                        "noise", 0.2, 0, Double.POSITIVE_INFINITY, "sigma of the Gaussian noise added to each point"),
                Parameter.choice(
                        "noise-mode",
                        noiseMode,
                        "the noise as the authors' code draws it (see the method's notes)",
                        noiseModes.toArray(String[]::new)),
                Baselines.parameter("blur"),
                Parameter.seed()));
        return all;
    }

    /** The family has no score parameter: it always scores the target's probability. */
    @Override
    public final String scoreKind(MethodParameters p) {
        return "probability";
    }

    /** The objective of one input, [C, H, W] in the model's input space. */
    abstract MaskObjective objective(MethodParameters p, float[] chw, InputSpec spec, LinearResize up);

    /** The parameters of iGOS+ and iGOS++: the bilateral total variation, their noise, first step 1000. */
    static List<Parameter> bilateralParameters() {
        return parameters(
                "bilateral total variation (sigma 0.01)",
                PathNoise.ALL_CHANNELS,
                List.of(PathNoise.ALL_CHANNELS, PathNoise.AUTHORS),
                Parameter.number("alpha", 1000, 0, Double.POSITIVE_INFINITY, "the line search's first step"));
    }

    /** The line search's first step. */
    double alpha(MethodParameters p) {
        return p.number("alpha");
    }

    /** The noise mode, all-channels or authors. */
    String noiseMode(MethodParameters p) {
        return p.string("noise-mode");
    }

    /** Further maps written beside the map, from the optimised masks. */
    Map<String, Tensor> extraMaps(float[][] masks, LinearResize up) {
        return Map.of();
    }

    @Override
    public final List<Explanation> explain(Batch batch, MethodParameters p) {
        InputSpec spec = batch.spec();
        int size = p.integer("size");
        if (size > spec.height() || size > spec.width()) {
            throw p.invalid("size", "at most the input's size, " + spec.height() + " x " + spec.width());
        }
        int n = batch.batchSize();
        float[][] inputs = new float[n][];
        float[][] baselines = new float[n][];
        long[] seeds = new long[n];
        LinearResize up = MaskUpsampling.BILINEAR_ALIGN_CORNERS.resize(size, size, spec.height(), spec.width());
        List<MaskObjective> objectives = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs[i] = Samples.sample(batch.inputs(), i);
            baselines[i] = Baselines.of(p.string("baseline"), batch, i, p.integer("seed"));
            seeds[i] = Seeds.forSample(p.integer("seed"), inputs[i]);
            objectives.add(objective(p, Samples.toChw(inputs[i], spec).data(), spec, up));
        }
        MaskOptimiser.Settings settings = new MaskOptimiser.Settings(
                size, p.integer("iterations"), alpha(p), new PathNoise(noiseMode(p), p.number("noise"), spec));
        List<MaskOptimiser.Outcome> outcomes =
                new MaskOptimiser(batch, settings, inputs, baselines, seeds).run(objectives, name());
        List<Explanation> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MaskOptimiser.Outcome o = outcomes.get(i);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("loss", o.losses());
            details.put("score", o.scores());
            details.put("step", o.steps());
            details.put("finalScore", o.finalScore());
            details.put("noiseSeed", seeds[i]);
            Tensor map = new Tensor(inverted(up.apply(o.result())), spec.height(), spec.width());
            Tensor layer = new Tensor(inverted(o.result()), size, size);
            result.add(
                    new Explanation(map, List.of(layer), null, o.scores().get(0), details, extraMaps(o.masks(), up)));
        }
        return result;
    }

    /** 1 - M: high where the mask shows the baseline, i.e. salient. */
    static float[] inverted(float[] m) {
        float[] out = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = 1 - m[i];
        }
        return out;
    }
}
