package org.saliency4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/**
 * The ONNX reader on damaged files: seeded single-byte changes and truncations of the demo model.
 * Each run ends, with an exit code from the documented set, and a failed run leaves no files.
 * (ONNX weights carry no checksum, so a changed weight byte can run and give other maps.)
 */
class ModelFuzzTest {
    static final Set<Integer> DOCUMENTED = Set.of(0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

    @TempDir
    Path tmp;

    @Test
    void damagedModelsFailCleanlyWithADocumentedCode() throws IOException {
        byte[] model = Files.readAllBytes(Path.of(CliTest.MODEL));
        Path npy = tmp.resolve("x.npy");
        Files.write(npy, Npy.toBytes(Tensor.zeros(1, 3, 64, 64)));
        Random random = new Random(20261201);
        int ran = 0;
        for (int i = 0; i < 160; i++) {
            byte[] damaged;
            if (i % 4 == 3) {
                damaged = Arrays.copyOf(model, random.nextInt(model.length));
            } else {
                damaged = model.clone();
                damaged[random.nextInt(model.length)] ^= (byte) (1 + random.nextInt(255));
            }
            Path file = tmp.resolve("m" + i + ".onnx");
            Files.write(file, damaged);
            Path out = tmp.resolve("out" + i);
            CliTest.Run r = assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () -> CliTest.run(
                            "explain",
                            "--model",
                            file.toString(),
                            "--input-npy",
                            npy.toString(),
                            "--method",
                            "gradient",
                            "--out",
                            out.toString()));
            assertTrue(DOCUMENTED.contains(r.code()), "case " + i + ": exit " + r.code() + ": " + r.err());
            assertTrue(r.code() == 0 || !Files.exists(out), "case " + i + " failed but left files");
            if (r.code() == 0) {
                ran++;
            }
        }
        assertFalse(ran == 160, "every damaged model ran: the damage did not reach the reader");
    }
}
