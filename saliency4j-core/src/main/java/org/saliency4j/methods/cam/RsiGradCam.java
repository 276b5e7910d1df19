package org.saliency4j.methods.cam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.image.ImageLoader;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.LayerMethod;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Samples;
import org.saliency4j.methods.path.Baselines;
import org.saliency4j.methods.path.PathPoints;
import org.saliency4j.methods.path.Quadrature;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Maps;
import org.saliency4j.tensor.Tensor;

/**
 * RSI-Grad-CAM (Lucas, Lerma, Furst, Raicu 2022): integrated gradients at a layer, as a
 * Riemann-Stieltjes sum of the layer's gradients against the increments of its activations along
 * the path from a baseline to the input: IGL = sum_k G_k' (A_k - A_{k-1}), with G_k' per the rule
 * (trapezoid: (G_{k-1} + G_k) / 2). Both of the authors' variants:
 * <ul>
 *   <li>keras (default): raw gradients; with the selection S = [A > 0][IGL > 0][A - A_0 > 0],
 *       w_c = mean_ij(S * IGL), map = ReLU(sum_c w_c A_c). This is the paper-era code (2022) and keeps
 *       the gradients as the integral defines them, so it is the default.</li>
 *   <li>pytorch: ReLU on every G_k before integrating; w_c = mean_ij(IGL), map = ReLU(mean_c w_c A_c).</li>
 * </ul>
 * A is the activation of the input itself (alpha = 1). Without ReLU or selection, sum(IGL) equals
 * score(x) - score(x0) up to the quadrature error; the manifest reports that gap.
 */
public final class RsiGradCam extends LayerMethod {
    public RsiGradCam() {
        super(
                "rsi-gradcam",
                "RSI-Grad-CAM (Lucas et al. 2022): IGL = Σ_k G'_k (A_k − A_{k−1}) along the straight "
                        + "path from the baseline "
                        + "(`steps` + 1 points, trapezoid G' by default). `variant=keras`: raw "
                        + "gradients, selection [A>0][IGL>0][A−A_0>0], "
                        + "w_c = mean_ij(S·IGL), map = ReLU(Σ_c w_c A_c); `variant=pytorch`: ReLU'd "
                        + "gradients, w_c = mean_ij IGL, "
                        + "map = ReLU(mean_c w_c A_c). A is the input's own activation. Keras is the "
                        + "default: it is the paper-era code "
                        + "and keeps the gradients the integral defines. The manifest reports the completeness gap "
                        + "Σ IGL(unselected) − (score(x) − score(x0)). `path=` takes a custom path as "
                        + "images (baseline first, input last)",
                List.of(
                        Parameter.score("probability"),
                        Parameter.integer("steps", 50, 1, 10000, "path steps (steps + 1 points, both ends included)"),
                        Quadrature.parameter("trapezoid", "left", "right", "midpoint", "trapezoid"),
                        Baselines.parameter("black"),
                        Parameter.choice(
                                "variant",
                                "keras",
                                "keras (raw gradients, selection mask, channel sum) or pytorch (ReLU'd "
                                        + "gradients, channel mean)",
                                "keras",
                                "pytorch"),
                        Parameter.list(
                                "path",
                                "optional custom path: image files, or one folder of them, baseline first, input last"),
                        Parameter.seed()));
    }

    @Override
    protected List<LayerSample> layerSamples(Batch batch, MethodParameters parameters) {
        String rule = parameters.string("rule");
        String variant = parameters.string("variant");
        Tensor customPath = customPath(parameters, batch);
        if (customPath != null && rule.equals("midpoint")) {
            throw parameters.invalid("rule", "left, right or trapezoid with a custom path");
        }
        if (customPath != null && batch.batchSize() != 1) {
            throw parameters.invalid("path", "given only when one input is explained");
        }
        int steps = customPath != null ? (int) customPath.dim(0) - 1 : parameters.integer("steps");
        // midpoint needs the gradients halfway between the activation points: evaluate twice as densely
        int stride = rule.equals("midpoint") ? 2 : 1;
        double[] alphas = new double[stride * steps + 1];
        for (int j = 0; j < alphas.length; j++) {
            alphas[j] = (double) j / (stride * steps);
        }
        boolean reluGradients = variant.equals("pytorch");
        int count = customPath != null ? (int) customPath.dim(0) : alphas.length;
        int per = batch.spec().elementsPerSample();
        List<LayerSample> result = new ArrayList<>();
        for (int n = 0; n < batch.batchSize(); n++) {
            float[] x = Samples.sample(batch.inputs(), n);
            float[] x0 = customPath != null
                    ? null
                    : Baselines.of(parameters.string("baseline"), batch, n, parameters.integer("seed"));
            List<LayerIntegral> integrals = new ArrayList<>();
            float scoreBaseline = 0;
            float scoreInput = 0;
            // the path goes through the model a chunk of the internal batch size at a time, so memory
            // does not grow with the steps; each layer's sums take the points in order
            for (int start = 0; start < count; start += batch.chunkSize()) {
                int end = Math.min(count, start + batch.chunkSize());
                Tensor points = customPath != null
                        ? new Tensor(
                                Arrays.copyOfRange(customPath.data(), start * per, end * per),
                                batch.spec().batchShape(end - start))
                        : PathPoints.of(x0, x, Arrays.copyOfRange(alphas, start, end), batch.spec());
                GraphOutputs out = batch.runPoints(
                        points,
                        batch.targetWeightsOf(n, end - start),
                        batch.layers(),
                        parameters.score(),
                        RuleSet.standard());
                for (int l = 0; l < batch.layers().size(); l++) {
                    Tensor a = out.activation(batch.layers().get(l));
                    requireSpatial(batch.layers().get(l), a);
                    if (integrals.size() == l) {
                        integrals.add(new LayerIntegral(a, stride, rule, reluGradients));
                    }
                    for (int k = 0; k < end - start; k++) {
                        integrals
                                .get(l)
                                .add(
                                        start + k,
                                        a.slice(k).data(),
                                        out.gradient(batch.layers().get(l))
                                                .slice(k)
                                                .data());
                    }
                }
                if (start == 0) {
                    scoreBaseline = out.scores()[0];
                }
                scoreInput = out.scores()[end - start - 1];
            }
            List<Tensor> layerMaps = new ArrayList<>();
            List<Map<String, Object>> completeness = new ArrayList<>();
            for (int l = 0; l < integrals.size(); l++) {
                layerMaps.add(integrals.get(l).map());
                Map<String, Object> check = new LinkedHashMap<>();
                double total = integrals.get(l).unselectedSum();
                check.put("layer", batch.layers().get(l));
                check.put("sumOfUnselectedIntegral", total);
                check.put("scoreDifference", (double) (scoreInput - scoreBaseline));
                check.put("gap", total - (scoreInput - scoreBaseline));
                completeness.add(check);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("scoreBaseline", scoreBaseline);
            details.put("completeness", completeness);
            result.add(new LayerSample(layerMaps, scoreInput, details));
            batch.sampleDone();
        }
        return result;
    }

    /**
     * One layer's Riemann-Stieltjes sums along the path, fed the points in order and keeping only
     * the last {@code stride + 1} of them: IGL = sum_k G'_k (A_k - A_{k-1}) with G' per the rule, raw
     * (for the completeness check) and as the variant integrates it.
     */
    private static final class LayerIntegral {
        private final int channels;
        private final int height;
        private final int width;
        private final int stride;
        private final String rule;
        private final boolean reluGradients;
        private final float[][] activations;
        private final float[][] gradients;
        private final double[] integral;
        private final double[] raw;
        private float[] first;
        private float[] last;

        LayerIntegral(Tensor layer, int stride, String rule, boolean reluGradients) {
            this.channels = (int) layer.dim(1);
            this.height = (int) layer.dim(2);
            this.width = (int) layer.dim(3);
            this.stride = stride;
            this.rule = rule;
            this.reluGradients = reluGradients;
            this.activations = new float[stride + 1][];
            this.gradients = new float[stride + 1][];
            int per = channels * height * width;
            this.integral = new double[per];
            this.raw = new double[per];
        }

        /** Point j of the path: its activation and gradient at the layer. */
        void add(int j, float[] a, float[] g) {
            activations[j % (stride + 1)] = a;
            gradients[j % (stride + 1)] = g;
            if (j == 0) {
                first = a;
            }
            last = a;
            if (j == 0 || j % stride != 0) {
                return;
            }
            float[] aPrevious = activations[(j - stride) % (stride + 1)];
            float[] gPrevious = gradients[(j - stride) % (stride + 1)];
            float[] gMiddle = stride == 2 ? gradients[(j - 1) % (stride + 1)] : null;
            for (int i = 0; i < integral.length; i++) {
                double increment = a[i] - aPrevious[i];
                double previous = gPrevious[i];
                double current = g[i];
                double middle = gMiddle != null ? gMiddle[i] : 0;
                raw[i] += weightOf(rule, previous, current, middle) * increment;
                if (reluGradients) {
                    integral[i] += weightOf(rule, Math.max(previous, 0), Math.max(current, 0), Math.max(middle, 0))
                            * increment;
                } else {
                    integral[i] = raw[i];
                }
            }
        }

        /**
         * keras: w_c = mean_ij(S * IGL), map = ReLU(sum_c w_c A_c); pytorch: w_c = mean_ij(IGL), map =
         * ReLU(mean_c w_c A_c).
         */
        Tensor map() {
            int area = height * width;
            float[] weights = new float[channels];
            for (int ch = 0; ch < channels; ch++) {
                double sum = 0;
                for (int i = 0; i < area; i++) {
                    int idx = ch * area + i;
                    double value = integral[idx];
                    if (!reluGradients) {
                        boolean selected = last[idx] > 0 && value > 0 && last[idx] - first[idx] > 0;
                        value = selected ? value : 0;
                    }
                    sum += value;
                }
                weights[ch] = (float) (sum / area);
                if (reluGradients) {
                    weights[ch] /= channels; // the channel mean of w_c * A_c
                }
            }
            return new Tensor(Maps.relu(Maps.weightedChannelSum(last, weights, channels, area)), height, width);
        }

        double unselectedSum() {
            return Arrays.stream(raw).sum();
        }
    }

    private static double weightOf(String rule, double previous, double current, double middle) {
        return switch (rule) {
            case "left" -> previous;
            case "right" -> current;
            case "midpoint" -> middle;
            default -> 0.5 * (previous + current);
        };
    }

    /** The custom path's images, preprocessed, as a batch; null if none was given. */
    private static Tensor customPath(MethodParameters parameters, Batch batch) {
        List<String> given = parameters.list("path");
        if (given.isEmpty()) {
            return null;
        }
        List<Path> files = new ArrayList<>();
        Path dir = Path.of(given.get(0));
        if (given.size() == 1 && Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new SaliencyException(
                        SaliencyException.Kind.IO, "cannot list path folder " + dir + ": " + IoErrors.reason(e), e);
            }
        } else {
            given.stream().map(Path::of).forEach(files::add);
        }
        if (files.size() < 2) {
            throw parameters.invalid("path", "at least 2 images (baseline first, input last)");
        }
        List<Tensor> points = new ArrayList<>();
        for (Path f : files) {
            points.add(PreparedImage.prepare(ImageLoader.read(f), batch.preprocessing())
                    .input());
        }
        Tensor stacked = Tensor.stack(points);
        return new Tensor(stacked.data(), batch.spec().batchShape(points.size()));
    }
}
