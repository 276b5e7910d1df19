package org.saliency4j.methods.optimisation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.saliency4j.autodiff.RuleSet;
import org.saliency4j.methods.BaseMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.methods.Samples;
import org.saliency4j.methods.Targets;
import org.saliency4j.model.InputSpec;
import org.saliency4j.runtime.GraphOutputs;
import org.saliency4j.tensor.Tensor;

/**
 * Extremal Perturbation (Fong, Patrick, Vedaldi 2019), as TorchRay's {@code extremal_perturbation}
 * computes it: a smooth mask (see {@link SmoothMaskGenerator}) of parameters initialised to 1 picks
 * how blurred each pixel is (see {@link BlurPyramid}); the energy reward + regul is maximised, with
 * the reward the target's logit on the preserved input (variant preserve), minus it on the deleted
 * one (delete), or their difference (dual), and regul = -lambda mean((sort(m) - r)^2) pulling the
 * sorted mask (with its margin) to a reference of (1 - area) zeros then ones; lambda starts at 300
 * and grows by 1.0035 per iteration. SGD with learning rate 0.01, momentum 0.9 and dampening 0.9,
 * parameters clamped to [0, 1] after each step; on even iterations the input is flipped
 * horizontally. The map is the mask of the last iteration (generated before its step, as TorchRay
 * returns it). d(logit)/d(input) comes from ONNX Runtime for all inputs of the batch in one call per
 * iteration; the mask, the pyramid and their gradients are computed here, in double precision.
 */
public final class ExtremalPerturbation extends BaseMethod {
    static final double MOMENTUM = 0.9;

    public ExtremalPerturbation() {
        super(
                "extremal-perturbation",
                "Extremal Perturbation: the smooth mask of a given area whose blur-perturbed input keeps the target's "
                        + "logit highest (TorchRay's); map = the mask",
                false,
                List.of(
                        Parameter.score("logit"),
                        Parameter.number("area", 0.1, 1e-6, 1 - 1e-6, "the mask's target area a"),
                        Parameter.choice(
                                "variant",
                                "preserve",
                                "preserve (keep the area), delete (remove it) or dual (both)",
                                "preserve",
                                "delete",
                                "dual"),
                        Parameter.integer("iterations", 800, 1, 100_000, "the number of SGD steps"),
                        Parameter.integer("step", 7, 1, 1024, "the mask parameters' grid step in pixels"),
                        Parameter.number("sigma", 21, 1e-3, 1e4, "the mask's smoothing radius in pixels"),
                        Parameter.integer("levels", 8, 2, 64, "the blur pyramid's number of levels L"),
                        Parameter.number("max-blur", 20, 0, 1e4, "the most blurred level's sigma in pixels"),
                        Parameter.bool("jitter", true, "flip the input horizontally on even iterations"),
                        Parameter.number("learning-rate", 0.01, 1e-9, 1e6, "SGD's learning rate"),
                        Parameter.number("area-weight", 300, 0, 1e9, "lambda at the first iteration"),
                        Parameter.number("area-growth", 1.0035, 1, 10, "lambda's factor per iteration")));
    }

    /** One input's optimisation state. */
    private static final class State {
        final BlurPyramid pyramid;
        double[] parameters;
        double[] velocity;
        /** This iteration's mask with its margin (unclamped, then clamped), cropped mask, and each copy's values. */
        double[] full;

        double[] clampedFull;
        double[] mask;
        double[][] values;
        final List<Double> loss = new ArrayList<>();
        double reward;
        double regul;

        State(BlurPyramid pyramid, int size) {
            this.pyramid = pyramid;
            this.parameters = new double[size];
            Arrays.fill(parameters, 1);
        }
    }

    @Override
    public List<Explanation> explain(Batch batch, MethodParameters p) {
        InputSpec spec = batch.spec();
        SmoothMaskGenerator generator =
                new SmoothMaskGenerator(spec.height(), spec.width(), p.integer("step"), p.number("sigma"));
        if (!generator.covers()) {
            throw p.invalid(
                    "sigma", "large enough for the mask's margin to cover the input at this step (try sigma >= step)");
        }
        String variant = p.string("variant");
        int[] signs = variant.equals("preserve")
                ? new int[] {1}
                : variant.equals("delete") ? new int[] {-1} : new int[] {1, -1};
        int inputs = batch.batchSize();
        State[] states = new State[inputs];
        for (int n = 0; n < inputs; n++) {
            float[] chw = Samples.toChw(Samples.sample(batch.inputs(), n), spec).data();
            states[n] = new State(
                    new BlurPyramid(
                            chw,
                            spec.channels(),
                            spec.height(),
                            spec.width(),
                            p.integer("levels"),
                            p.number("max-blur")),
                    generator.parameterHeight() * generator.parameterWidth());
        }
        double[] reference = reference(generator.fullSize(), p.number("area"));
        Tensor weights = Targets.oneHot(batch.targets(), batch.classes(), signs.length);
        double lambda = p.number("area-weight");
        int iterations = p.integer("iterations");
        for (int t = 0; t < iterations; t++) {
            boolean flip = p.bool("jitter") && t % 2 == 0;
            float[][] rows = new float[inputs * signs.length][];
            IntStream.range(0, inputs).parallel().forEach(n -> {
                State s = states[n];
                s.full = generator.generate(s.parameters);
                s.clampedFull = clamped(s.full);
                s.mask = generator.crop(s.clampedFull);
                s.values = new double[signs.length][];
                for (int r = 0; r < signs.length; r++) {
                    s.values[r] = signs[r] > 0 ? s.mask : complement(s.mask);
                    float[] x = s.pyramid.apply(s.values[r]);
                    rows[n * signs.length + r] = Samples.fromChw(flip ? flipped(x, spec) : x, spec);
                }
            });
            GraphOutputs out = batch.runPoints(
                    Samples.batch(rows, spec), weights, List.of(batch.inputName()), p.score(), RuleSet.standard());
            Tensor gradients = out.gradient(batch.inputName());
            double weight = lambda;
            double rate = p.number("learning-rate");
            boolean first = t == 0;
            IntStream.range(0, inputs).parallel().forEach(n -> {
                State s = states[n];
                double[] atMask = new double[s.mask.length];
                double reward = 0;
                for (int r = 0; r < signs.length; r++) {
                    int row = n * signs.length + r;
                    reward += signs[r] * out.scores()[row];
                    float[] g = Samples.toChw(gradients.slice(row).data(), spec).data();
                    double[] dv = s.pyramid.backward(s.values[r], flip ? flipped(g, spec) : g);
                    // d(-energy)/dm: the reward's sign, and dv/dm = -1 for the deleted copy
                    for (int i = 0; i < dv.length; i++) {
                        atMask[i] -= dv[i];
                    }
                }
                double[] gradient = new double[s.full.length];
                generator.uncrop(atMask, gradient);
                s.regul = areaTerm(s.clampedFull, reference, weight, gradient);
                s.reward = reward;
                s.loss.add(-(reward + s.regul));
                for (int i = 0; i < gradient.length; i++) {
                    if (s.full[i] < 0 || s.full[i] > 1) {
                        gradient[i] = 0;
                    }
                }
                step(s, generator.backward(s.parameters, gradient), rate, first);
            });
            lambda *= p.number("area-growth");
            batch.progress((double) inputs / iterations);
        }
        float[] scores = batch.activations(List.of()).scores();
        List<Explanation> result = new ArrayList<>();
        for (int n = 0; n < inputs; n++) {
            State s = states[n];
            float[] map = new float[s.mask.length];
            double area = 0;
            for (int i = 0; i < map.length; i++) {
                map[i] = (float) s.mask[i];
                area += s.mask[i] / map.length;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("loss", s.loss);
            details.put("reward", s.reward);
            details.put("regulariser", s.regul);
            details.put("maskArea", area);
            details.put(
                    "constrainedArea", Arrays.stream(s.clampedFull).average().orElse(0));
            result.add(
                    new Explanation(new Tensor(map, spec.height(), spec.width()), List.of(), null, scores[n], details));
        }
        return result;
    }

    /** (1 - area) of the mask's values 0, then 1: what the sorted mask is pulled to. */
    static double[] reference(int size, double area) {
        double[] r = new double[size];
        Arrays.fill(r, (int) (size * (1 - area)), size, 1);
        return r;
    }

    /**
     * The area regulariser -lambda mean((sort(m) - r)^2) of the clamped mask, adding the gradient of
     * its negation (what is minimised) to {@code gradient}.
     */
    static double areaTerm(double[] mask, double[] reference, double lambda, double[] gradient) {
        Integer[] order = new Integer[mask.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(mask[a], mask[b]));
        double sum = 0;
        for (int i = 0; i < order.length; i++) {
            double d = mask[order[i]] - reference[i];
            sum += d * d;
            gradient[order[i]] += 2 * lambda * d / mask.length;
        }
        return -lambda * sum / mask.length;
    }

    /** SGD with momentum 0.9 and dampening 0.9 (the first step takes the gradient itself), then the clamp. */
    private static void step(State s, double[] gradient, double rate, boolean first) {
        if (first) {
            s.velocity = gradient;
        } else {
            for (int i = 0; i < gradient.length; i++) {
                s.velocity[i] = MOMENTUM * s.velocity[i] + (1 - MOMENTUM) * gradient[i];
            }
        }
        for (int i = 0; i < s.parameters.length; i++) {
            s.parameters[i] = Math.min(1, Math.max(0, s.parameters[i] - rate * s.velocity[i]));
        }
    }

    private static double[] clamped(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.min(1, Math.max(0, v[i]));
        }
        return out;
    }

    private static double[] complement(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = 1 - v[i];
        }
        return out;
    }

    /** [C, H, W] mirrored left to right (its own inverse). */
    private static float[] flipped(float[] chw, InputSpec spec) {
        int w = spec.width();
        float[] out = new float[chw.length];
        for (int row = 0; row < chw.length / w; row++) {
            for (int x = 0; x < w; x++) {
                out[row * w + x] = chw[row * w + w - 1 - x];
            }
        }
        return out;
    }
}
