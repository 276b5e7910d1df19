package org.saliency4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.saliency4j.methods.refine.ExtrapolationLevels;
import org.saliency4j.model.InputSpec;
import org.saliency4j.model.Layers;
import org.saliency4j.model.Shapes;
import org.saliency4j.model.TensorInfo;
import org.saliency4j.pipeline.Explainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "layers",
        mixinStandardHelpOptions = true,
        description = "List every tensor a layer method can use: tensor name, producing node and op, and shape "
                + "at the model's input size.",
        footer = {
            "",
            "Examples:",
            "  saliency4j layers --model demo/shapes_cnn.onnx",
            "",
            "The default layer (used by --layer auto) is marked with *: the last",
            "spatial tensor (H, W > 1) before global pooling. The default Gradual",
            "Extrapolation levels are marked with g. A layer can be named by its",
            "tensor name or by its node name (meaning the node's first output)."
        })
final class LayersCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        try (Explainer explainer = common.open()) {
            InputSpec spec = common.preprocessing(explainer, false).input();
            Layers layers = new Layers(explainer.runtime().analysis(spec));
            TensorInfo auto = layers.defaultLayer();
            List<TensorInfo> levels =
                    ExtrapolationLevels.find(explainer.runtime().analysis(spec));
            System.out.printf("%-3s %-48s %-40s %-20s %s%n", "", "TENSOR", "NODE", "OP", "SHAPE");
            for (TensorInfo t : layers.all()) {
                String mark = (t == auto ? "*" : "") + (levels.contains(t) ? "g" : "");
                System.out.printf(
                        "%-3s %-48s %-40s %-20s %s%n",
                        mark,
                        t.name(),
                        t.producerNode() == null ? "(model input)" : t.producerNode(),
                        t.producerOp() == null ? "" : t.producerOp(),
                        Shapes.format(t.shape()));
            }
            System.out.println("* default layer (--layer auto): " + auto.name());
            System.out.println("g default Gradual Extrapolation levels (METHOD+ge): "
                    + String.join(", ", levels.stream().map(TensorInfo::name).toList()));
        }
        return 0;
    }
}
