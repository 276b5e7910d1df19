package org.saliency4j.methods.refine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.SaliencyException;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Refinement;
import org.saliency4j.model.Layers;
import org.saliency4j.model.TensorInfo;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Resampler;
import org.saliency4j.tensor.Tensor;

/**
 * Gradual Extrapolation (Szandala 2021) as a refinement of any method's map, written METHOD+ge.
 * The coarse map (a layer method's layer map, else the map) is carried from the deepest level of
 * the pyramid to the shallowest: at each level, bilinear resize (align_corners=false, no
 * antialiasing, so the first step may shrink) to the level's size, then multiply by the level's
 * channel-summed activation divided by the level's maximum activation. Last: z-score (unbiased
 * std), clip to [-1, 1], min-max to [0, 1]. The level activations come from the base method's own
 * pass where it has one (no second forward pass); path methods get one forward pass more.
 *
 * <p>The authors take maxima, means and ranges over the whole batch, so one image's map depends on
 * the others; {@code ge-normalise=image} (default) does it per image, {@code batch} reproduces theirs.
 */
public final class GradualExtrapolation implements AttributionMethod {
    private static final List<Parameter> OWN = List.of(
            Parameter.list(
                    "ge-levels",
                    "pyramid tensors (default: every MaxPool and strided Conv output, and the input of the "
                            + "first; one per resolution)"),
            Parameter.choice(
                    "ge-normalise",
                    "image",
                    "image (per image) or batch (the authors' batch-global maxima and statistics)",
                    "image",
                    "batch"));

    /** METHOD+ge: any method's map refined by Gradual Extrapolation. */
    public static final Refinement REFINEMENT =
            new Refinement("+ge", "refined by Gradual Extrapolation (Szandala 2021)", OWN, GradualExtrapolation::new);

    private final AttributionMethod base;

    GradualExtrapolation(AttributionMethod base) {
        this.base = base;
    }

    @Override
    public String name() {
        return base.name() + REFINEMENT.suffix();
    }

    @Override
    public String description() {
        return base.description() + "; refined by Gradual Extrapolation";
    }

    @Override
    public boolean usesLayer() {
        return base.usesLayer();
    }

    @Override
    public String scoreKind(MethodParameters parameters) {
        return base.scoreKind(parameters);
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(base.parameters());
        all.addAll(OWN);
        return all;
    }

    @Override
    public List<Explanation> explain(Batch batch, MethodParameters parameters) {
        String normalise = parameters.string("ge-normalise");
        List<String> levels = levels(batch, parameters.list("ge-levels"));
        Batch withLevels = batch.withChannelSummaries(levels);
        Map<String, String> baseValues = new LinkedHashMap<>(parameters.asMap());
        OWN.forEach(p -> baseValues.remove(p.name()));
        List<Explanation> coarse = base.explain(withLevels, MethodParameters.of(base, baseValues));
        GraphOutputs summaries = withLevels.summaries(levels);

        int n = batch.batchSize();
        List<float[]> maps = new ArrayList<>();
        int h = 0;
        int w = 0;
        for (Explanation e : coarse) {
            Tensor start = e.layerMaps().size() == 1 ? e.layerMaps().get(0) : e.map();
            maps.add(start.data());
            h = (int) start.dim(0);
            w = (int) start.dim(1);
        }
        boolean perImage = normalise.equals("image");
        for (int l = levels.size() - 1; l >= 0; l--) {
            GraphOutputs.ChannelSummary level = summaries.summary(levels.get(l));
            int lh = (int) level.channelSum().dim(2);
            int lw = (int) level.channelSum().dim(3);
            float[] maxima = level.maximum().data();
            float batchMax = Float.NEGATIVE_INFINITY;
            for (float m : maxima) {
                batchMax = Math.max(batchMax, m);
            }
            for (int s = 0; s < n; s++) {
                float[] resized = Resampler.interpolate(maps.get(s), h, w, lh, lw);
                float[] channelSum = level.channelSum().slice(s).data();
                float max = perImage ? maxima[s] : batchMax;
                for (int i = 0; i < resized.length; i++) {
                    resized[i] *= max != 0 ? channelSum[i] / max : 0f;
                }
                maps.set(s, resized);
            }
            h = lh;
            w = lw;
        }
        normalise(maps, perImage);
        List<Explanation> result = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            float[] refined = h == batch.spec().height() && w == batch.spec().width()
                    ? maps.get(s)
                    : Resampler.interpolate(
                            maps.get(s),
                            h,
                            w,
                            batch.spec().height(),
                            batch.spec().width());
            Explanation e = coarse.get(s);
            Map<String, Object> details = new LinkedHashMap<>(e.details());
            details.put("geLevels", levels);
            details.put("geNormalise", normalise);
            result.add(new Explanation(
                    new Tensor(refined, batch.spec().height(), batch.spec().width()),
                    e.layerMaps(),
                    e.attribution(),
                    e.score(),
                    details,
                    Map.of("baseMap", e.map())));
        }
        return result;
    }

    private static List<String> levels(Batch batch, List<String> given) {
        if (!given.isEmpty()) {
            Layers layers = new Layers(batch.runtime().analysis(batch.spec()));
            return given.stream().map(name -> layers.resolve(name).name()).toList();
        }
        List<String> found = ExtrapolationLevels.find(batch.runtime().analysis(batch.spec())).stream()
                .map(TensorInfo::name)
                .toList();
        if (found.isEmpty()) {
            throw new SaliencyException(
                    SaliencyException.Kind.UNKNOWN_LAYER,
                    SaliencyException.Topic.LAYERS,
                    "the model has no MaxPool or "
                            + "strided Conv to build the Gradual Extrapolation pyramid from; name the "
                            + "levels with the parameter ge-levels=T1,T2,...");
        }
        return found;
    }

    /** z-score with the unbiased std, clip to [-1, 1], min-max to [0, 1]; per map or over all maps. */
    static void normalise(List<float[]> maps, boolean perImage) {
        List<List<float[]>> groups = perImage ? maps.stream().map(List::of).toList() : List.of(maps);
        for (List<float[]> group : groups) {
            double sum = 0;
            long count = 0;
            for (float[] m : group) {
                for (float v : m) {
                    sum += v;
                }
                count += m.length;
            }
            double mean = sum / count;
            double squares = 0;
            for (float[] m : group) {
                for (float v : m) {
                    squares += (v - mean) * (v - mean);
                }
            }
            double std = Math.sqrt(squares / Math.max(1, count - 1));
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float[] m : group) {
                for (int i = 0; i < m.length; i++) {
                    // a constant map has no spread: it becomes zeros, never NaN
                    m[i] = std > 0 ? (float) Math.max(-1, Math.min(1, (m[i] - mean) / std)) : 0f;
                    lo = Math.min(lo, m[i]);
                    hi = Math.max(hi, m[i]);
                }
            }
            for (float[] m : group) {
                for (int i = 0; i < m.length; i++) {
                    m[i] = hi > lo ? (m[i] - lo) / (hi - lo) : 0f;
                }
            }
        }
    }
}
