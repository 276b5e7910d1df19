package org.saliency4j.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saliency4j.cli.Main;
import org.saliency4j.pipeline.MethodRegistry;
import org.saliency4j.tensor.Npy;

/** A method defined outside the library, registered by name, runs through explain like the library's own. */
class ExtensionTest {
    @TempDir
    Path tmp;

    @Test
    void aRegisteredMethodRunsThroughExplain() {
        MethodRegistry.register(new SquaredGradient());
        Path out = tmp.resolve("out");
        int code = Main.run(
                "explain",
                "--model",
                "../demo/shapes_cnn.onnx",
                "--image",
                "../demo/images/00_disc.png",
                "--method",
                "gradient,example-squared-gradient",
                "--out",
                out.toString());
        assertEquals(0, code);
        float[] gradient = Npy.read(out.resolve("00_disc/gradient/map.npy")).data();
        float[] squared = Npy.read(out.resolve("00_disc/example-squared-gradient/map.npy"))
                .data();
        for (int i = 0; i < gradient.length; i++) {
            // max_c g^2 = (max_c |g|)^2, from the same shared pass
            assertEquals(gradient[i] * gradient[i], squared[i], 1e-6f * Math.max(squared[i], 1e-30f));
        }
    }
}
