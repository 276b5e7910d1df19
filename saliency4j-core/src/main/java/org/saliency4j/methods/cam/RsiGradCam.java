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
        List<LayerSample> result = new ArrayList<>();
        for (int n = 0; n < batch.batchSize(); n++) {
            float[] x = Samples.sample(batch.inputs(), n);
            Tensor points = customPath != null
                    ? customPath
                    : PathPoints.of(
                            Baselines.of(parameters.string("baseline"), batch, n, parameters.integer("seed")),
                            x,
                            alphas,
                            batch.spec());
            int count = (int) points.dim(0);
            GraphOutputs out = batch.runPoints(
                    points, batch.targetWeightsOf(n, count), batch.layers(), parameters.score(), RuleSet.standard());
            float scoreBaseline = out.scores()[0];
            float scoreInput = out.scores()[count - 1];
            List<Tensor> layerMaps = new ArrayList<>();
            List<Map<String, Object>> completeness = new ArrayList<>();
            for (String layer : batch.layers()) {
                Tensor a = out.activation(layer);
                requireSpatial(layer, a);
                layerMaps.add(layerMap(
                        a,
                        out.gradient(layer),
                        steps,
                        stride,
                        rule,
                        variant,
                        completeness,
                        scoreInput - scoreBaseline,
                        layer));
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("scoreBaseline", scoreBaseline);
            details.put("completeness", completeness);
            result.add(new LayerSample(layerMaps, scoreInput, details));
        }
        return result;
    }

    private static Tensor layerMap(
            Tensor activations,
            Tensor gradients,
            int steps,
            int stride,
            String rule,
            String variant,
            List<Map<String, Object>> completeness,
            double scoreDifference,
            String layer) {
        int c = (int) activations.dim(1);
        int h = (int) activations.dim(2);
        int w = (int) activations.dim(3);
        int per = c * h * w;
        float[] a = activations.data();
        float[] g = gradients.data();
        boolean reluGradients = variant.equals("pytorch");
        double[] integral = new double[per];
        double[] raw = new double[per];
        for (int k = 1; k <= steps; k++) {
            int previous = (k - 1) * stride;
            int current = k * stride;
            for (int i = 0; i < per; i++) {
                double increment = a[current * per + i] - a[previous * per + i];
                double gPrevious = g[previous * per + i];
                double gCurrent = g[current * per + i];
                double gMiddle = stride == 2 ? g[(current - 1) * per + i] : 0;
                raw[i] += weightOf(rule, gPrevious, gCurrent, gMiddle) * increment;
                if (reluGradients) {
                    integral[i] += weightOf(rule, Math.max(gPrevious, 0), Math.max(gCurrent, 0), Math.max(gMiddle, 0))
                            * increment;
                } else {
                    integral[i] = raw[i];
                }
            }
        }
        int last = stride * steps;
        int area = h * w;
        float[] weights = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int i = 0; i < area; i++) {
                int idx = ch * area + i;
                double value = integral[idx];
                if (!reluGradients) {
                    boolean selected = a[last * per + idx] > 0 && value > 0 && a[last * per + idx] - a[idx] > 0;
                    value = selected ? value : 0;
                }
                sum += value;
            }
            weights[ch] = (float) (sum / area);
            if (reluGradients) {
                weights[ch] /= c; // the channel mean of w_c * A_c
            }
        }
        float[] finalActivation = Arrays.copyOfRange(a, last * per, (last + 1) * per);
        float[] map = Maps.relu(CamMethod.weightedChannelSum(finalActivation, weights, c, area));
        double total = Arrays.stream(raw).sum();
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("layer", layer);
        check.put("sumOfUnselectedIntegral", total);
        check.put("scoreDifference", scoreDifference);
        check.put("gap", total - scoreDifference);
        completeness.add(check);
        return new Tensor(map, h, w);
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
