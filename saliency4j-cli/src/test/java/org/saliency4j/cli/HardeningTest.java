package org.saliency4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/**
 * Bad input, each with its documented exit code, its one-line message and what it leaves behind;
 * and the output folder after success, failure and re-runs.
 */
class HardeningTest {
    static final String MODEL = CliTest.MODEL;
    static final String IMAGE = CliTest.IMAGE;

    @TempDir
    Path tmp;

    private CliTest.Run fails(int code, String message, String... args) {
        Path out = tmp.resolve("out-" + code + "-" + Math.abs(Arrays.hashCode(args)));
        String[] withOut = args[0].equals("explain") && !Arrays.asList(args).contains("--out")
                ? Stream.concat(Arrays.stream(args), Stream.of("--out", out.toString()))
                        .toArray(String[]::new)
                : args;
        CliTest.Run r = CliTest.run(withOut);
        assertEquals(code, r.code(), r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one message, no stack trace: " + r.err());
        assertFalse(Files.exists(out), "nothing may be written on failure");
        return r;
    }

    /** explain on the demo model and image, with the extra options, fails as stated. */
    private void explainFails(int code, String message, String... extra) {
        String[] args = Stream.concat(Stream.of("explain", "--model", MODEL, "--image", IMAGE), Arrays.stream(extra))
                .toArray(String[]::new);
        fails(code, message, args);
    }

    private Path npy(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93)
                .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1)
                .put((byte) 0);
        b.putShort((short) h.length).put(h).put(data);
        Path file = tmp.resolve("x" + Math.abs(header.hashCode()) + ".npy");
        Files.write(file, b.array());
        return file;
    }

    @Test
    void malformedNpyHeadersAreShapeErrorsBeforeAnythingIsAllocated() throws IOException {
        String[][] cases = {
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (-3, 4), }", "not a dimension"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (a, 4), }", "not a dimension"},
            {
                "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100000), }",
                "more values than an array can"
            },
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (2000000000, 2), }", "more values than an array can"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, 64, 64), }", "but the file holds 8 bytes"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, 64, 64 }", "malformed"},
        };
        for (String[] c : cases) {
            Path file = npy(c[0], new byte[8]);
            fails(6, c[1], "explain", "--model", MODEL, "--input-npy", file.toString());
        }
    }

    @Test
    void nonFiniteInputsAreRefusedNamingWhere() throws IOException {
        Tensor x = Tensor.zeros(2, 3, 64, 64);
        x.data()[3 * 64 * 64 + 64 * 64 + 17 * 64 + 40] = Float.NaN;
        Path file = tmp.resolve("nan.npy");
        Files.write(file, Npy.toBytes(x));
        for (String method : new String[] {"gradient", "gradcam"}) {
            fails(
                    11,
                    "input 1 (" + file + "[1]) holds NaN at [c, y, x] = [1, 17, 40]",
                    "explain",
                    "--model",
                    MODEL,
                    "--input-npy",
                    file.toString(),
                    "--method",
                    method);
        }
    }

    @Test
    void aModelComputingNaNIsReportedAsBroken() throws IOException {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(Path.of(MODEL)));
        OnnxMl.GraphProto.Builder g = model.getGraph().toBuilder();
        OnnxMl.TensorProto weight = g.getInitializer(0);
        float[] nan = new float
                [(int) weight.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b)];
        Arrays.fill(nan, Float.NaN);
        ByteBuffer raw = ByteBuffer.allocate(4 * nan.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(nan);
        g.setInitializer(0, weight.toBuilder().clearFloatData().setRawData(ByteString.copyFrom(raw.array())));
        Path broken = tmp.resolve("nan.onnx");
        Files.write(broken, model.toBuilder().setGraph(g).build().toByteArray());
        Files.copy(Path.of(MODEL + ".json"), tmp.resolve("nan.onnx.json"));
        fails(3, "the model file may be corrupt", "explain", "--model", broken.toString(), "--image", IMAGE);
    }

    @Test
    void externalDataMustLieInsideTheModelsFolder() throws IOException {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(Path.of(MODEL)));
        for (String location : new String[] {"../../../../etc/passwd", "/etc/passwd"}) {
            OnnxMl.GraphProto.Builder g = model.getGraph().toBuilder();
            OnnxMl.TensorProto external = g.getInitializer(0).toBuilder()
                    .clearRawData()
                    .clearFloatData()
                    .setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(OnnxMl.StringStringEntryProto.newBuilder()
                            .setKey("location")
                            .setValue(location))
                    .build();
            g.setInitializer(0, external);
            Path dir = Files.createDirectories(tmp.resolve("m" + location.length()));
            Path file = dir.resolve("model.onnx");
            Files.write(file, model.toBuilder().setGraph(g).build().toByteArray());
            fails(3, "lies outside the model's folder", "explain", "--model", file.toString(), "--image", IMAGE);
        }
    }

    /** A PNG header declaring a size, with no pixel data: the limit is checked before decoding. */
    private Path pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0});
        byte[] type = "IHDR".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(ihdr.array());
        png.write(ByteBuffer.allocate(4).putInt(13).array());
        png.write(type);
        png.write(ihdr.array());
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        Path file = tmp.resolve("huge.png");
        Files.write(file, png.toByteArray());
        return file;
    }

    @Test
    void imagesAboveThePixelLimitAreRefusedFromTheirHeader() throws IOException {
        Path huge = pngHeader(26000, 26000);
        fails(
                5,
                "is 26000 x 26000 pixels, more than the limit of 100000000. Raise the limit with --max-pixels N",
                "explain",
                "--model",
                MODEL,
                "--image",
                huge.toString());
        fails(5, "more than the limit of 1000", "predict", "--model", MODEL, "--image", IMAGE, "--max-pixels", "1000");
    }

    @Test
    void truncatedImagesFailInsteadOfBeingFilledIn() throws IOException {
        BufferedImage image = ImageIO.read(Path.of(IMAGE).toFile());
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(rgb, "jpeg", jpeg);
        Path cut = tmp.resolve("cut.jpg");
        Files.write(cut, Arrays.copyOf(jpeg.toByteArray(), jpeg.size() * 51 / 100));
        fails(
                5,
                "cannot read image " + cut + " (its image data is truncated or corrupt",
                "explain",
                "--model",
                MODEL,
                "--image",
                cut.toString());
        fails(5, "truncated or corrupt", "predict", "--model", MODEL, "--image", cut.toString());
    }

    @Test
    void eachDocumentedInputErrorHasItsCode() throws IOException {
        explainFails(8, "target class 99999999999999 is out of range", "--target", "99999999999999");
        Path nhwc = tmp.resolve("nhwc.json");
        Files.writeString(nhwc, "{\"layout\": \"NHWC\"}");
        explainFails(2, "layout NHWC does not fit the model's input shape", "--preprocess", nhwc.toString());
        explainFails(
                2,
                "steps must be an integer from 1 to 10000, got '50000'",
                "--method",
                "integrated-gradients",
                "--param",
                "steps=50000");
        explainFails(
                2,
                "samples must be an integer from 1 to 10000, got '100000'",
                "--method",
                "smoothgrad",
                "--param",
                "samples=100000");
        explainFails(2, "more than 2 GB; use a batch size of at most 43690", "--batch-size", "50000");
        explainFails(2, "Unknown option: '--bogus'", "--bogus");
        fails(5, "is a directory, not an image", "explain", "--model", MODEL, "--image", tmp.toString());
        explainFails(
                7,
                "is 1 x 1: a map over a single position is constant",
                "--method",
                "gradcam",
                "--layer",
                "/GlobalAveragePool_output_0");
        Path labels = tmp.resolve("labels.txt");
        Files.writeString(labels, "a\nb\n");
        explainFails(2, "the labels name 2 classes, but the model has 4", "--labels", labels.toString());
        Files.writeString(labels, "disc\ncrane\ncrane\ncross\n");
        explainFails(
                8,
                "label 'crane' names several classes: 1 (crane), 2 (crane)",
                "--labels",
                labels.toString(),
                "--target",
                "crane");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        explainFails(
                9, "cannot create output folder", "--out", file.resolve("sub").toString());
    }

    @Test
    void outputsHonourTheUmaskAndLeaveNoTemporaryFiles() throws IOException {
        Path out = tmp.resolve("out");
        Path stale = Files.createDirectories(out.resolve("00_disc/gradient")).resolve(".map.npy.99-1.part");
        Files.write(stale, new byte[10]);
        assertEquals(
                0,
                CliTest.run("explain", "--model", MODEL, "--image", IMAGE, "--out", out.toString())
                        .code());
        Set<PosixFilePermission> like = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("plain")));
        assertEquals(like, Files.getPosixFilePermissions(out.resolve("00_disc/gradient/map.npy")));
        assertEquals(like, Files.getPosixFilePermissions(out.resolve("manifest.json")));
        try (Stream<Path> files = Files.walk(out)) {
            assertTrue(
                    files.noneMatch(f -> f.getFileName().toString().endsWith(".part")),
                    "stale and new temporary files");
        }
    }

    @Test
    void aFailureAfterSomeOutputsLeavesAnIncompleteManifestOfWhatFinished() throws IOException {
        Path bad = tmp.resolve("zz_bad.png");
        byte[] png = Files.readAllBytes(Path.of(IMAGE));
        Files.write(bad, Arrays.copyOf(png, png.length / 2)); // the header reads, the data does not
        Path out = tmp.resolve("out");
        CliTest.Run r = CliTest.run(
                "explain",
                "--model",
                MODEL,
                "--image",
                IMAGE,
                bad.toString(),
                "--batch-size",
                "1",
                "--out",
                out.toString());
        assertEquals(5, r.code(), r.err());
        JsonNode manifest =
                new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertFalse(manifest.get("complete").asBoolean());
        assertTrue(manifest.get("error").asText().contains("zz_bad.png"));
        assertEquals(1, manifest.get("results").size());
        assertTrue(Files.isRegularFile(out.resolve("00_disc/gradient/map.npy")));
    }

    @Test
    void aRerunReplacesTheEarlierRunsFilesAndItsManifestKeepsItsOrder() throws IOException {
        Path out = tmp.resolve("out");
        String[] both = {
            "explain",
            "--model",
            MODEL,
            "--image",
            IMAGE,
            "--method",
            "gradient,gradcam,gradient",
            "--out",
            out.toString()
        };
        assertEquals(0, CliTest.run(both).code());
        JsonNode first =
                new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(2, first.get("results").size(), "a method listed twice runs once");
        assertTrue(Files.exists(out.resolve("grid.png")));
        assertEquals(0, CliTest.run(both).code());
        JsonNode again =
                new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        for (JsonNode m : new JsonNode[] {first, again}) {
            m.get("results").forEach(e -> ((ObjectNode) e).remove("seconds"));
        }
        assertEquals(first.toPrettyString(), again.toPrettyString(), "the same run writes the same manifest");
        assertEquals(
                0,
                CliTest.run("explain", "--model", MODEL, "--image", IMAGE, "--out", out.toString())
                        .code());
        assertFalse(Files.exists(out.resolve("grid.png")), "the earlier run's grid is gone");
        assertFalse(Files.exists(out.resolve("00_disc/gradcam")), "and so are its gradcam files");
        assertTrue(Files.exists(out.resolve("00_disc/gradient/map.npy")));
    }
}
