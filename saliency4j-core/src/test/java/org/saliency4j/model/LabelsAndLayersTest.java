package org.saliency4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saliency4j.SaliencyException;

class LabelsAndLayersTest {
    @Test
    void labelsMatchWholeNamesThenEachCommaSeparatedName() {
        Labels labels = new Labels(List.of("goldfish, Carassius auratus", "tabby, tabby cat", "tiger cat"));
        assertEquals(1, labels.indexOf("tabby, tabby cat"));
        assertEquals(1, labels.indexOf("TABBY"));
        assertEquals(2, labels.indexOf("tiger cat"));
        assertEquals(-1, labels.indexOf("cat"));
        assertEquals("7", labels.name(7));
    }

    @Test
    void layersResolveByTensorOrNodeNameAndSuggestOtherwise() {
        OnnxModel model = OnnxModel.load(Path.of("../demo/shapes_cnn.onnx"));
        Layers layers = new Layers(ModelAnalysis.of(model, InputSpec.fromDeclared(model)));
        assertEquals("/conv3/conv3.2/Relu_output_0", layers.resolve("auto").name());
        assertEquals("/pool1/MaxPool_output_0", layers.resolve("/pool1/MaxPool").name());
        assertEquals(
                "/pool1/MaxPool_output_0",
                layers.resolve("/pool1/MaxPool_output_0").name());
        SaliencyException e = assertThrows(SaliencyException.class, () -> layers.resolve("/pool1/MaxPol"));
        assertEquals(SaliencyException.Kind.UNKNOWN_LAYER, e.kind());
        assertTrue(e.getMessage().contains("/pool1/MaxPool"), e.getMessage());
    }
}
