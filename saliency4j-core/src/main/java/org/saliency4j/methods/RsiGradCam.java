package org.saliency4j.methods;

import org.saliency4j.SaliencyException;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.image.ImageLoader;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
final class RsiGradCam extends NamedMethod {
    RsiGradCam() {
        super("rsi-gradcam", "RSI-Grad-CAM: layer integrated gradients as a Riemann-Stieltjes sum along the path from a baseline", true);
    }

    @Override
    public List<MethodParameter> parameters() {
        return List.of(Attributions.scoreParameter("probability"),
                new MethodParameter("steps", "50", "path steps (steps + 1 points, both ends included)"),
                new MethodParameter("rule", "trapezoid", "left, right, midpoint or trapezoid"),
                new MethodParameter("baseline", "black", Baselines.PARAMETER_HELP),
                new MethodParameter("variant", "keras", "keras (raw gradients, selection mask, channel sum) or pytorch (ReLU'd gradients, channel mean)"),
                new MethodParameter("path", "", "optional custom path: image files (comma-separated) or a folder of them, baseline first, input last"),
                new MethodParameter("seed", "0", "seed of the noise baseline"));
    }

    @Override
    public List<Explanation> explain(MethodInput input, MethodParameters parameters) {
        String rule = parameters.string("rule");
        String variant = parameters.string("variant");
        if (!List.of("left", "right", "midpoint", "trapezoid").contains(rule) || !List.of("keras", "pytorch").contains(variant)) {
            throw new SaliencyException(SaliencyException.Kind.BAD_OPTION, "rsi-gradcam takes rule left, right, midpoint or trapezoid and variant keras or pytorch.");
        }
        Tensor customPath = customPath(parameters.string("path"), input);
        if (customPath != null && (rule.equals("midpoint") || input.batchSize() != 1)) {
            throw new SaliencyException(SaliencyException.Kind.BAD_OPTION, "a custom path explains one input, with rule left, right or trapezoid.");
        }
        int steps = customPath != null ? (int) customPath.dim(0) - 1 : parameters.integer("steps");
        if (steps < 1) {
            throw new SaliencyException(SaliencyException.Kind.BAD_OPTION, "rsi-gradcam needs at least 1 step (2 path points).");
        }
        // midpoint needs the gradients halfway between the activation points: evaluate twice as densely
        int stride = rule.equals("midpoint") ? 2 : 1;
        double[] alphas = new double[stride * steps + 1];
        for (int j = 0; j < alphas.length; j++) {
            alphas[j] = (double) j / (stride * steps);
        }
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < input.batchSize(); n++) {
            float[] x = Samples.sample(input.inputs(), n);
            Tensor points = customPath != null ? customPath
                    : PathPoints.of(Baselines.of(parameters.string("baseline"), input, n, parameters.integer("seed")), x, alphas, input.spec());
            int count = (int) points.dim(0);
            GraphOutputs out = input.runPoints(points, input.targetWeightsOf(n, count), input.layers(), parameters.score(), RuleSet.standard());
            float scoreBaseline = out.scores()[0];
            float scoreInput = out.scores()[count - 1];
            List<Tensor> layerMaps = new ArrayList<>();
            List<Tensor> upsampled = new ArrayList<>();
            List<Map<String, Object>> completeness = new ArrayList<>();
            for (String layer : input.layers()) {
                Tensor a = out.activation(layer);
                LayerMaps.requireSpatial(layer, a);
                Tensor layerMap = layerMap(a, out.gradient(layer), steps, stride, rule, variant, completeness, scoreInput - scoreBaseline, layer);
                layerMaps.add(layerMap);
                upsampled.add(LayerMaps.upsample(layerMap, input.spec()));
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("scoreBaseline", scoreBaseline);
            details.put("completeness", completeness);
            if (input.layers().size() > 1) {
                details.put("combination", LayerMaps.COMBINATION);
            }
            result.add(new Explanation(LayerMaps.combine(upsampled), layerMaps, null, scoreInput, details));
        }
        return result;
    }

    private static Tensor layerMap(Tensor activations, Tensor gradients, int steps, int stride, String rule, String variant,
                                   List<Map<String, Object>> completeness, double scoreDifference, String layer) {
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
                    integral[i] += weightOf(rule, Math.max(gPrevious, 0), Math.max(gCurrent, 0), Math.max(gMiddle, 0)) * increment;
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
        float[] map = LayerMaps.relu(CamMethod.weightedChannelSum(finalActivation, weights, c, area));
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
    private static Tensor customPath(String spec, MethodInput input) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        List<Path> files = new ArrayList<>();
        Path dir = Path.of(spec);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new SaliencyException(SaliencyException.Kind.IO, "cannot list path folder " + dir + ": " + e.getMessage(), e);
            }
        } else {
            Arrays.stream(spec.split(",")).map(String::strip).map(Path::of).forEach(files::add);
        }
        if (files.size() < 2) {
            throw new SaliencyException(SaliencyException.Kind.BAD_OPTION, "a custom path needs at least 2 images (baseline first, input last).");
        }
        List<Tensor> points = new ArrayList<>();
        for (Path f : files) {
            points.add(PreparedImage.prepare(ImageLoader.read(f), input.preprocessing()).input());
        }
        Tensor stacked = Tensor.stack(points);
        return new Tensor(stacked.data(), input.spec().batchShape(points.size()));
    }
}
