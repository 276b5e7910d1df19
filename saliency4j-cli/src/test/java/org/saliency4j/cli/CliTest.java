package org.saliency4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/** The command line end to end on the bundled demo: outputs, and one clear error per bad input. */
class CliTest {
    static final Path DEMO = Path.of("../demo");
    static final String MODEL = DEMO.resolve("shapes_cnn.onnx").toString();
    static final String IMAGE = DEMO.resolve("images/00_disc.png").toString();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void explainWritesMapsPngsAndManifest() throws IOException {
        Path out = tmp.resolve("out");
        Run r = run(
                "explain",
                "--model",
                MODEL,
                "--image",
                IMAGE,
                DEMO.resolve("images/01_square.png").toString(),
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode manifest =
                new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        JsonNode results = manifest.get("results");
        assertEquals(2, results.size());
        JsonNode first = results.get(0);
        assertEquals("gradient", first.get("method").asText());
        assertEquals(0, first.get("target").asInt());
        assertEquals("disc", first.get("label").asText());
        for (String key : new String[] {"map", "attribution", "heatmap", "overlay"}) {
            assertTrue(
                    Files.isRegularFile(out.resolve(first.get("files").get(key).asText())), key);
        }
        Tensor map = Npy.read(out.resolve(first.get("files").get("map").asText()));
        Tensor attribution =
                Npy.read(out.resolve(first.get("files").get("attribution").asText()));
        assertArrayEquals(new long[] {64, 64}, map.shape());
        assertArrayEquals(new long[] {3, 64, 64}, attribution.shape());
        for (float v : map.data()) {
            assertTrue(Float.isFinite(v));
        }
        BufferedImageSize overlay = BufferedImageSize.of(
                out.resolve(first.get("files").get("overlay").asText()));
        assertEquals(new BufferedImageSize(128, 128), overlay); // the overlay is at the original image's size
        assertNoPartFiles(out);
    }

    @Test
    void refinedMethodsKeepTheirBaseMapAndRecordTheLevels() throws IOException {
        Path out = tmp.resolve("out");
        Run r = run(
                "explain",
                "--model",
                MODEL,
                "--image",
                IMAGE,
                "--method",
                "gradcam,gradcam+ge",
                "--colormap",
                "viridis",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode results = new ObjectMapper()
                .readTree(out.resolve("manifest.json").toFile())
                .get("results");
        JsonNode refined = results.get(1);
        assertEquals("gradcam+ge", refined.get("method").asText());
        assertEquals(3, refined.get("details").get("geLevels").size());
        Tensor base = Npy.read(out.resolve(refined.get("files").get("baseMap").asText()));
        Tensor plain =
                Npy.read(out.resolve(results.get(0).get("files").get("map").asText()));
        assertArrayEquals(plain.data(), base.data());
        assertTrue(Files.isRegularFile(out.resolve("grid.png")));
    }

    @Test
    void inputNpyAndPerInputTargets() throws IOException {
        Path npy = tmp.resolve("x.npy");
        Files.write(npy, Npy.toBytes(Tensor.zeros(2, 3, 64, 64)));
        Path out = tmp.resolve("out");
        Run r = run(
                "explain",
                "--model",
                MODEL,
                "--input-npy",
                npy.toString(),
                "--target",
                "1,square",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode results = new ObjectMapper()
                .readTree(out.resolve("manifest.json").toFile())
                .get("results");
        assertEquals(1, results.get(0).get("target").asInt());
        assertEquals(1, results.get(1).get("target").asInt());
        assertFalse(results.get(0).get("files").has("overlay"));
    }

    @Test
    void layersMarksTheDefaultLayer() {
        Run r = run("layers", "--model", MODEL);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("* default layer (--layer auto): /conv3/conv3.2/Relu_output_0"), r.out());
        assertTrue(r.out().contains("/pool1/MaxPool"), r.out());
    }

    @Test
    void predictPrintsTopClassesWithLabels() {
        Run r = run("predict", "--model", MODEL, "--image", IMAGE, "--top", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+0\\s+disc\\s+0\\.9\\d+")), r.out());
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : new String[] {"explain", "layers", "predict", "methods"}) {
            Run r = run(command, "--help");
            assertEquals(0, r.code());
            assertTrue(r.out().contains("Examples:"), command);
        }
    }

    // ---- bad input: one message, a distinct exit code, no stack trace, nothing written ----

    @Test
    void truncatedModel() throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of(MODEL));
        Path truncated = tmp.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 3));
        assertFailure(3, "is not a readable ONNX model", "explain", "--model", truncated.toString(), "--image", IMAGE);
    }

    @Test
    void garbageModel() throws IOException {
        Path garbage = tmp.resolve("garbage.onnx");
        Files.writeString(garbage, "definitely not protobuf\n".repeat(20));
        assertFailure(3, "garbage.onnx", "explain", "--model", garbage.toString(), "--image", IMAGE);
    }

    @Test
    void modelWithAnOpThatHasNoRule() throws IOException {
        Path model = tmp.resolve("abs.onnx");
        Files.write(model, absModel().toByteArray());
        Path npy = tmp.resolve("x.npy");
        Files.write(npy, Npy.toBytes(Tensor.zeros(1, 3, 4, 4)));
        Run r = assertFailure(
                4,
                "op Abs at node 'the_abs_node'",
                "explain",
                "--model",
                model.toString(),
                "--input-npy",
                npy.toString());
        assertTrue(r.err().contains("Supported ops:") && r.err().contains("Conv"), r.err());
    }

    @Test
    void nonImageFile() throws IOException {
        Path text = tmp.resolve("notes.jpg");
        Files.writeString(text, "not an image");
        assertFailure(5, "cannot read image", "explain", "--model", MODEL, "--image", text.toString());
    }

    @Test
    void wrongInputNpyShape() throws IOException {
        Path npy = tmp.resolve("x.npy");
        Files.write(npy, Npy.toBytes(Tensor.zeros(1, 3, 32, 32)));
        assertFailure(6, "[N, 3, 64, 64]", "explain", "--model", MODEL, "--input-npy", npy.toString());
    }

    @Test
    void theCommandLineAddsWhereToLookToTheLibrarysMessage() {
        assertFailure(
                7,
                "Run 'saliency4j layers --model " + MODEL + "' to list them, and name one with --layer.",
                "explain",
                "--model",
                MODEL,
                "--image",
                IMAGE,
                "--layer",
                "nope");
        assertFailure(
                2,
                "gradcam: score must be logit or probability, got 'logits'. Run 'saliency4j methods'",
                "explain",
                "--model",
                MODEL,
                "--image",
                IMAGE,
                "--method",
                "gradcam",
                "--param",
                "score=logits");
    }

    @Test
    void unknownLayerSuggestsClosestNames() {
        Run r = assertFailure(
                7,
                "no layer named 'conv3/relu'",
                "explain",
                "--model",
                MODEL,
                "--image",
                IMAGE,
                "--layer",
                "conv3/relu");
        assertTrue(r.err().contains("/conv3/conv3.2/Relu"), r.err());
    }

    @Test
    void outOfRangeTarget() {
        assertFailure(
                8,
                "target class 4 is out of range: the model has 4 classes (0 to 3)",
                "explain",
                "--model",
                MODEL,
                "--image",
                IMAGE,
                "--target",
                "4");
    }

    @Test
    void targetCountMustMatchInputs() {
        assertFailure(
                8, "lists 2 targets for 1 inputs", "explain", "--model", MODEL, "--image", IMAGE, "--target", "1,2");
    }

    @Test
    void badOptions() {
        assertFailure(
                2, "unknown method 'gradcamm'", "explain", "--model", MODEL, "--image", IMAGE, "--method", "gradcamm");
        assertFailure(
                2,
                "no chosen method has a parameter 'steps'",
                "explain",
                "--model",
                MODEL,
                "--image",
                IMAGE,
                "--param",
                "steps=3");
        assertFailure(2, "unknown score 'logits'", "explain", "--model", MODEL, "--image", IMAGE, "--score", "logits");
        assertFailure(2, "--alpha", "explain", "--model", MODEL, "--image", IMAGE, "--alpha", "3");
    }

    @Test
    void missingModelFile() {
        assertFailure(
                9,
                "does not exist",
                "explain",
                "--model",
                tmp.resolve("nope.onnx").toString(),
                "--image",
                IMAGE);
    }

    @Test
    void debugShowsTheStackTrace() {
        Run r = run(
                "explain",
                "--model",
                MODEL,
                "--image",
                IMAGE,
                "--target",
                "99",
                "--out",
                tmp.resolve("o").toString(),
                "--debug");
        assertEquals(8, r.code());
        assertTrue(r.err().contains("\tat org.saliency4j"), r.err());
    }

    @Test
    void dynamicInputSizeComesFromThePreprocessingFile() throws IOException {
        Path model = tmp.resolve("dynamic.onnx");
        Files.write(model, absModel(-1).toByteArray());
        Run without = run("layers", "--model", model.toString());
        assertEquals(6, without.code());
        assertTrue(without.err().contains("\"size\": [H, W]"), without.err());
        Path json = tmp.resolve("pre.json");
        Files.writeString(json, "{\"size\": [5, 7], \"mean\": [0, 0, 0], \"std\": [1, 1, 1]}");
        Run with = run("layers", "--model", model.toString(), "--preprocess", json.toString());
        assertEquals(0, with.code(), with.err());
        assertTrue(with.out().contains("[1,3,5,7]"), with.out());
    }

    @Test
    void unknownPreprocessingKeyIsABadOption() throws IOException {
        Path json = tmp.resolve("pre.json");
        Files.writeString(json, "{\"crop_fraction\": 0.875}");
        assertFailure(
                2,
                "unknown key 'crop_fraction'",
                "explain",
                "--model",
                MODEL,
                "--image",
                IMAGE,
                "--preprocess",
                json.toString());
    }

    private Run assertFailure(int code, String message, String... args) {
        Path out = tmp.resolve("out-" + code);
        String[] withOut = Stream.concat(Arrays.stream(args), Stream.of("--out", out.toString()))
                .toArray(String[]::new);
        Run r = run(withOut);
        assertEquals(code, r.code(), r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one message, no stack trace: " + r.err());
        assertFalse(Files.exists(out), "nothing may be written on failure");
        return r;
    }

    private static void assertNoPartFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")));
        }
    }

    static OnnxMl.ModelProto absModel() {
        return absModel(4);
    }

    /** input [N, 3, size, size] (size -1: dynamic) -> Abs -> GlobalAveragePool -> Flatten -> logits [N, 3]. */
    static OnnxMl.ModelProto absModel(long size) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("abs");
        g.addNode(OnnxMl.NodeProto.newBuilder()
                .setOpType("Abs")
                .setName("the_abs_node")
                .addInput("input")
                .addOutput("a"));
        g.addNode(OnnxMl.NodeProto.newBuilder()
                .setOpType("GlobalAveragePool")
                .setName("gap")
                .addInput("a")
                .addOutput("p"));
        g.addNode(OnnxMl.NodeProto.newBuilder()
                .setOpType("Flatten")
                .setName("flat")
                .addInput("p")
                .addOutput("logits"));
        g.addInput(valueInfo("input", -1, 3, size, size));
        g.addOutput(valueInfo("logits", -1, 3));
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setGraph(g)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(13))
                .build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(
                    d < 0
                            ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                            : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                .setElemType(1)
                                .setShape(shape)))
                .build();
    }

    record BufferedImageSize(int width, int height) {
        static BufferedImageSize of(Path png) throws IOException {
            BufferedImage img = ImageIO.read(png.toFile());
            return new BufferedImageSize(img.getWidth(), img.getHeight());
        }
    }
}
