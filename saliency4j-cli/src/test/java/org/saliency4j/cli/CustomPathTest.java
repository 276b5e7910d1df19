package org.saliency4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/** RSI-Grad-CAM along a custom path of images equals the straight path between the same two ends. */
class CustomPathTest {
    @TempDir
    Path tmp;

    @Test
    void aTwoImagePathIsTheOneStepStraightPath() throws IOException {
        BufferedImage grey = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                grey.setRGB(x, y, 0x404040 + (x % 7));
            }
        }
        Path baseline = tmp.resolve("baseline.png");
        ImageIO.write(grey, "png", baseline.toFile());
        String image = CliTest.IMAGE;
        Path custom = tmp.resolve("custom");
        Path straight = tmp.resolve("straight");
        assertEquals(
                0,
                CliTest.run(
                                "explain",
                                "--model",
                                CliTest.MODEL,
                                "--image",
                                image,
                                "--method",
                                "rsi-gradcam",
                                "--param",
                                "path=" + baseline + "," + image,
                                "--out",
                                custom.toString())
                        .code());
        assertEquals(
                0,
                CliTest.run(
                                "explain",
                                "--model",
                                CliTest.MODEL,
                                "--image",
                                image,
                                "--method",
                                "rsi-gradcam",
                                "--param",
                                "baseline=" + baseline,
                                "--param",
                                "steps=1",
                                "--out",
                                straight.toString())
                        .code());
        Tensor a = Npy.read(custom.resolve("00_disc/rsi-gradcam/layerMap.npy"));
        Tensor b = Npy.read(straight.resolve("00_disc/rsi-gradcam/layerMap.npy"));
        assertArrayEquals(b.data(), a.data(), 1e-6f);
        JsonNode gap = new ObjectMapper()
                .readTree(custom.resolve("manifest.json").toFile())
                .get("results")
                .get(0)
                .get("details")
                .get("completeness")
                .get(0);
        assertEquals(
                gap.get("sumOfUnselectedIntegral").asDouble()
                        - gap.get("scoreDifference").asDouble(),
                gap.get("gap").asDouble(),
                1e-9);
    }
}
