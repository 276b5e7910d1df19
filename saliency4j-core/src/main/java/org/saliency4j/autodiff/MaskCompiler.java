package org.saliency4j.autodiff;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.ModelAnalysis;
import org.saliency4j.onnx.Attr;
import org.saliency4j.tensor.LinearResize;

/**
 * Compiles perturbation graphs: the model fed masked copies of its inputs, built inside the graph,
 * so that only the small masks travel from Java.
 *
 * <p>The metrics' graph takes images x and substrates b [R, C, H, W] (model layout), masks m
 * [R, K, h, w] at any resolution and score weights [R * K, classes]. Each mask is resized to
 * H x W, and the copies x * up(m) + b * (1 - up(m)) are stacked to [R * K, C, H, W] and run
 * through the model. Outputs: logits, probabilities and the score of every copy.
 *
 * <p>The mask optimisers' graph (I-GOS and its relatives) also takes factor masks f [R, K, h, w],
 * whose upsampling multiplies the masks' (U = up(m) * up(f), the product of iGOS++'s two masks), and
 * noise [R * K, C, H, W] added to each copy. Its gradient form also outputs d(score)/dm and
 * d(score)/df [R, K, h, w]: the model's reverse pass to its input, then the blend's and the
 * resize's, written here (the resize's transpose needs the masks' size, fixed per graph).
 */
public final class MaskCompiler {
    public static final String IMAGE = "s4j_image";
    public static final String SUBSTRATE = "s4j_substrate";
    public static final String MASKS = "s4j_masks";
    public static final String FACTORS = "s4j_factors";
    public static final String NOISE = "s4j_noise";
    public static final String MASK_GRADIENT = "s4j_mask_gradient";
    public static final String FACTOR_GRADIENT = "s4j_factor_gradient";

    private MaskCompiler() {}

    /** The metrics' forward graph. */
    public static byte[] compile(ModelAnalysis analysis, String output, ScoreKind score, MaskUpsampling upsampling) {
        return build(analysis, output, score, upsampling, false, null);
    }

    /** The mask optimisers' forward graph, for masks of any size. */
    public static byte[] compileOptimisation(
            ModelAnalysis analysis, String output, ScoreKind score, MaskUpsampling upsampling) {
        return build(analysis, output, score, upsampling, true, null);
    }

    /** The mask optimisers' graph with the gradients at masks of h x w. */
    public static byte[] compileOptimisationGradient(
            ModelAnalysis analysis, String output, ScoreKind score, MaskUpsampling upsampling, int h, int w) {
        return build(analysis, output, score, upsampling, true, new int[] {h, w});
    }

    private static byte[] build(
            ModelAnalysis analysis,
            String output,
            ScoreKind score,
            MaskUpsampling upsampling,
            boolean optimisation,
            int[] gradientMaskSize) {
        GraphProto graph = analysis.proto().getGraph();
        InputSpec spec = analysis.input();
        String input = analysis.model().inputName();
        boolean nchw = spec.layout() == InputSpec.Layout.NCHW;
        GraphBuilder b = new GraphBuilder();

        // sizes [R, K, H, W] from the masks' own shape, so that one graph takes any number of masks
        String shape = b.node("Shape", List.of(MASKS));
        String leading = b.node("Slice", List.of(shape, b.ints(0), b.ints(2)));
        String sizes = b.node("Concat", List.of(leading, b.ints(spec.height(), spec.width())), Attr.i("axis", 0));
        String upMasks = resize(b, MASKS, sizes, upsampling);
        String upFactors = optimisation ? resize(b, FACTORS, sizes, upsampling) : null;
        String mask = optimisation ? b.node("Mul", List.of(upMasks, upFactors)) : upMasks;
        // masks broadcast over the channels: [R, K, 1, H, W] (NCHW) or [R, K, H, W, 1] (NHWC)
        String masks = b.node("Unsqueeze", List.of(mask, b.ints(nchw ? 2 : 4)));
        String image = b.node("Unsqueeze", List.of(IMAGE, b.ints(1)));
        String substrate = b.node("Unsqueeze", List.of(SUBSTRATE, b.ints(1)));
        String difference = b.node("Sub", List.of(image, substrate));
        String blended = b.node("Add", List.of(substrate, b.node("Mul", List.of(difference, masks))));
        long[] perSample = spec.batchShape(1);
        String copies = b.ints(-1, perSample[1], perSample[2], perSample[3]);
        if (optimisation) {
            b.namedNode("Add", List.of(b.node("Reshape", List.of(blended, copies)), NOISE), input);
        } else {
            b.namedNode("Reshape", List.of(blended, copies), input);
        }
        int frontEnd = b.nodes().size();

        GradientCompiler.scoreHead(b, output, score);
        if (gradientMaskSize != null) {
            Map<String, String> gradients = GradientCompiler.gradients(
                    analysis, new GradientSpec(output, List.of(input), score, RuleSet.standard()), b);
            String atInput = gradients.get(input);
            if (atInput == null) {
                b.namedNode("Identity", List.of(b.zerosLike(MASKS)), MASK_GRADIENT);
                b.namedNode("Identity", List.of(b.zerosLike(FACTORS)), FACTOR_GRADIENT);
            } else {
                String rows = b.node(
                        "Concat",
                        List.of(leading, b.ints(perSample[1], perSample[2], perSample[3])),
                        Attr.i("axis", 0));
                String perCopy = b.node("Reshape", List.of(atInput, rows));
                // d(score)/dU = sum over the channels of (x - b) * d(score)/d(input), [R, K, H, W]
                String atMask = b.node(
                        "ReduceSum",
                        List.of(b.node("Mul", List.of(perCopy, difference)), b.ints(nchw ? 2 : 4)),
                        Attr.i("keepdims", 0));
                LinearResize resize =
                        upsampling.resize(gradientMaskSize[0], gradientMaskSize[1], spec.height(), spec.width());
                b.namedNode(
                        "Identity",
                        List.of(resizeBack(b, b.node("Mul", List.of(atMask, upFactors)), resize)),
                        MASK_GRADIENT);
                b.namedNode(
                        "Identity",
                        List.of(resizeBack(b, b.node("Mul", List.of(atMask, upMasks)), resize)),
                        FACTOR_GRADIENT);
            }
        }

        List<ValueInfoProto> inputs = new ArrayList<>(List.of(
                GradientCompiler.floatValue(IMAGE, 4),
                GradientCompiler.floatValue(SUBSTRATE, 4),
                GradientCompiler.floatValue(MASKS, 4)));
        if (optimisation) {
            inputs.add(GradientCompiler.floatValue(FACTORS, 4));
            inputs.add(GradientCompiler.floatValue(NOISE, 4));
        }
        List<String> outputs =
                new ArrayList<>(List.of(CompiledGraph.LOGITS, CompiledGraph.PROBABILITIES, CompiledGraph.SCORE));
        if (gradientMaskSize != null) {
            outputs.addAll(List.of(MASK_GRADIENT, FACTOR_GRADIENT));
        }
        // the blend, then the model's own nodes, then the score and the reverse pass
        return FrontEndGraph.build(analysis, b, frontEnd, graph.getNodeList(), inputs, outputs);
    }

    private static String resize(GraphBuilder b, String masks, String sizes, MaskUpsampling upsampling) {
        List<AttributeProto> resize = new ArrayList<>(List.of(
                Attr.s("mode", upsampling.mode()), Attr.s("coordinate_transformation_mode", upsampling.coordinates())));
        if (upsampling == MaskUpsampling.NEAREST) {
            resize.add(Attr.s("nearest_mode", upsampling.nearestMode()));
        }
        return b.node("Resize", List.of(masks, "", "", sizes), resize.toArray(AttributeProto[]::new));
    }

    /** R_h^T G R_w: a gradient [R, K, H, W] at the upsampled masks carried back to [R, K, h, w]. */
    private static String resizeBack(GraphBuilder b, String gradient, LinearResize resize) {
        int h = resize.inHeight();
        int w = resize.inWidth();
        int height = resize.outHeight();
        int width = resize.outWidth();
        String alongWidth = b.node("MatMul", List.of(gradient, b.floats(resize.cols(), width, w)));
        float[] rowsT = ResizeRule.transpose(resize.rows(), height, h);
        return b.node("MatMul", List.of(b.floats(rowsT, h, height), alongWidth));
    }
}
