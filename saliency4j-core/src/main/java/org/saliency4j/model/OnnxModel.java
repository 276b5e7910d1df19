package org.saliency4j.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saliency4j.SaliencyException;

/**
 * An ONNX image classifier, read and normalised so that later stages can rewrite it:
 * external weights are inlined, initializers are no longer graph inputs, Constant nodes and
 * Identity-of-initializer nodes have become initializers.
 */
public final class OnnxModel {
    static final int MIN_OPSET = 11;
    static final int MAX_OPSET = 21;

    private final Path path;
    private final ModelProto proto;
    private final String inputName;
    private final long[] declaredInputShape;
    private final List<String> outputNames;

    private OnnxModel(Path path, ModelProto proto) {
        this.path = path;
        this.proto = proto;
        GraphProto graph = proto.getGraph();
        if (graph.getInputCount() != 1) {
            List<String> names =
                    graph.getInputList().stream().map(ValueInfoProto::getName).toList();
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_MODEL,
                    path + " has " + graph.getInputCount() + " inputs " + names
                            + " besides its weights; saliency4j explains models with exactly one image input.");
        }
        this.inputName = graph.getInput(0).getName();
        this.declaredInputShape = Shapes.declared(graph.getInput(0));
        if (declaredInputShape.length != 4) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_MODEL,
                    "the input '" + inputName + "' of " + path + " has rank " + declaredInputShape.length
                            + "; an image classifier takes a rank-4 [N, C, H, W] or [N, H, W, C] input.");
        }
        this.outputNames =
                graph.getOutputList().stream().map(ValueInfoProto::getName).toList();
    }

    /** Reads, checks and normalises a model file; any problem becomes a {@link SaliencyException}. */
    public static OnnxModel load(Path path) {
        ModelProto raw;
        try (InputStream in = Files.newInputStream(path)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            raw = ModelProto.parseFrom(coded);
        } catch (NoSuchFileException e) {
            throw new SaliencyException(SaliencyException.Kind.IO, "model file " + path + " does not exist.");
        } catch (IOException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_MODEL,
                    path + " is not a readable ONNX model (" + e.getMessage()
                            + "). Check that the file is complete and was exported as .onnx.",
                    e);
        }
        if (!raw.hasGraph() || raw.getGraph().getNodeCount() == 0) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_MODEL,
                    path
                            + " is not an ONNX model: it holds no graph nodes. Check that the file is "
                            + "complete and was exported as .onnx.");
        }
        int opset = defaultDomainOpset(raw);
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_MODEL,
                    path + " uses ONNX opset " + opset + "; saliency4j reads opsets " + MIN_OPSET + " to " + MAX_OPSET
                            + ". Re-export the model with an opset in that range.");
        }
        return new OnnxModel(path, normalise(raw, path.toAbsolutePath().getParent()));
    }

    static int defaultDomainOpset(ModelProto model) {
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                return (int) id.getVersion();
            }
        }
        return 0;
    }

    private static ModelProto normalise(ModelProto raw, Path dir) {
        GraphProto graph = raw.getGraph();
        Map<String, TensorProto> initializers = new HashMap<>();
        List<TensorProto> initializerList = new ArrayList<>();
        for (TensorProto t : graph.getInitializerList()) {
            TensorProto inlined = ExternalData.inline(t, dir);
            initializers.put(t.getName(), inlined);
            initializerList.add(inlined);
        }
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("Constant") && node.getDomain().isEmpty()) {
                TensorProto value = Constants.fromConstantNode(node);
                initializers.put(node.getOutput(0), value);
                initializerList.add(value);
            } else if (node.getOpType().equals("Identity") && initializers.containsKey(node.getInput(0))) {
                TensorProto alias = initializers.get(node.getInput(0)).toBuilder()
                        .setName(node.getOutput(0))
                        .build();
                initializers.put(node.getOutput(0), alias);
                initializerList.add(alias);
            } else {
                nodes.add(node);
            }
        }
        Set<String> weightNames = new HashSet<>(initializers.keySet());
        List<ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(v -> !weightNames.contains(v.getName()))
                .toList();
        GraphProto normalised = graph.toBuilder()
                .clearNode()
                .addAllNode(nodes)
                .clearInitializer()
                .addAllInitializer(initializerList)
                .clearInput()
                .addAllInput(inputs)
                .build();
        // IR < 4 requires every initializer to be a graph input; with them dropped from the inputs,
        // the model must declare a newer IR version (7 reads everything opset 11 and later needs).
        return raw.toBuilder()
                .setGraph(normalised)
                .setIrVersion(Math.max(raw.getIrVersion(), 7))
                .build();
    }

    /** The same model with some initializers replaced (by name), already normalised. */
    public OnnxModel withInitializers(Map<String, TensorProto> replaced) {
        GraphProto.Builder graph = proto.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto t = replaced.get(graph.getInitializer(i).getName());
            if (t != null) {
                graph.setInitializer(i, t);
            }
        }
        return new OnnxModel(path, proto.toBuilder().setGraph(graph).build());
    }

    public Path path() {
        return path;
    }

    /** The normalised model. Only the model and autodiff packages look inside it. */
    public ModelProto proto() {
        return proto;
    }

    public String inputName() {
        return inputName;
    }

    /** The input shape as declared; unknown or symbolic dimensions are -1. */
    public long[] declaredInputShape() {
        return declaredInputShape.clone();
    }

    public List<String> outputNames() {
        return outputNames;
    }

    public int opset() {
        return defaultDomainOpset(proto);
    }

    /** The output to explain: the named one, or the first. */
    public String resolveOutput(String name) {
        if (name == null) {
            return outputNames.get(0);
        }
        if (!outputNames.contains(name)) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION,
                    "the model has no output '" + name + "'; its outputs are " + outputNames + ".");
        }
        return name;
    }

    /** The model with its default-domain opset import set to the given version (other domains kept). */
    public static ModelProto withDefaultOpset(ModelProto.Builder model, int version) {
        List<OperatorSetIdProto> imports = new ArrayList<>();
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            boolean defaultDomain = id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx");
            imports.add(defaultDomain ? id.toBuilder().setVersion(version).build() : id);
        }
        return model.clearOpsetImport().addAllOpsetImport(imports).build();
    }
}
