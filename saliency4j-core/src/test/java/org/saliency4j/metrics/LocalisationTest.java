package org.saliency4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;
import org.saliency4j.testing.Fixtures;

/** The localisation metrics against float64 numpy (tools/fixtures/make_localisation_fixtures.py). */
class LocalisationTest {
    private static final Path DIR = Path.of("src/test/resources/metrics/localisation");
    private static final int SIDE = 40;
    private static final int CLASS = 5;

    @Test
    void pointingEnergyMassAndRankEqualTheirDefinitions(@TempDir Path tmp) throws Exception {
        JsonNode expected = Fixtures.json(DIR.resolve("expected.json"));
        ImageAnnotation annotation = annotation(expected, tmp);
        boolean[] boxes = annotation.region(CLASS, SIDE, SIDE, false);
        boolean[] mask = annotation.region(CLASS, SIDE, SIDE, true);
        assertEquals(expected.get("region_boxes").asInt(), count(boxes));
        Tensor maps = Npy.read(DIR.resolve("maps.npy"));
        for (int n = 0; n < maps.dim(0); n++) {
            float[] m = maps.slice(n).data();
            JsonNode e = expected.get("maps").get(n);
            String which = "map " + n;
            assertEquals(
                    e.get("pointing_15_boxes").asDouble() == 1, Localisation.pointingHit(m, SIDE, SIDE, boxes, 15));
            assertEquals(
                    e.get("pointing_10_boxes").asDouble() == 1, Localisation.pointingHit(m, SIDE, SIDE, boxes, 10));
            assertEquals(e.get("pointing_15_mask").asDouble() == 1, Localisation.pointingHit(m, SIDE, SIDE, mask, 15));
            assertEquals(e.get("energy_boxes").asDouble(), Localisation.positiveShare(m, boxes), 1e-9, which);
            assertEquals(e.get("mass_mask").asDouble(), Localisation.positiveShare(m, mask), 1e-9, which);
            assertEquals(e.get("rank_boxes").asDouble(), Localisation.rankShare(m, boxes), 1e-12, which);
            assertEquals(e.get("rank_mask").asDouble(), Localisation.rankShare(m, mask), 1e-12, which);
        }
    }

    @Test
    void boxesScaleWithAnImageReadAtAnotherSize(@TempDir Path tmp) throws Exception {
        JsonNode expected = Fixtures.json(DIR.resolve("expected.json"));
        ImageAnnotation annotation = annotation(expected, tmp);
        boolean[] twice = annotation.region(CLASS, 2 * SIDE, 2 * SIDE, false);
        for (int y = 0; y < 2 * SIDE; y++) {
            for (int x = 0; x < 2 * SIDE; x++) {
                boolean inside = false;
                for (JsonNode b : expected.get("boxes")) {
                    double cx = (x + 0.5) / 2;
                    double cy = (y + 0.5) / 2;
                    inside |= cx >= b.get(0).asDouble()
                            && cx <= b.get(0).asDouble() + b.get(2).asDouble()
                            && cy >= b.get(1).asDouble()
                            && cy <= b.get(1).asDouble() + b.get(3).asDouble();
                }
                assertEquals(inside, twice[y * 2 * SIDE + x], x + "," + y);
            }
        }
        assertEquals(0, count(annotation.region(CLASS + 1, SIDE, SIDE, false)), "a class without objects");
    }

    private static ImageAnnotation annotation(JsonNode expected, Path tmp) throws Exception {
        List<AnnotatedObject> objects = new ArrayList<>();
        for (JsonNode b : expected.get("boxes")) {
            Box box = new Box(
                    b.get(0).asDouble(),
                    b.get(1).asDouble(),
                    b.get(2).asDouble(),
                    b.get(3).asDouble());
            objects.add(new AnnotatedObject("thing", box, Set.of(CLASS)));
        }
        Tensor labels = Npy.read(DIR.resolve("mask.npy"));
        BufferedImage mask = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < SIDE * SIDE; i++) {
            mask.getRaster().setSample(i % SIDE, i / SIDE, 0, (int) labels.data()[i]);
        }
        Path file = tmp.resolve("mask.png");
        ImageIO.write(mask, "png", file.toFile());
        return new ImageAnnotation(
                "t.png",
                SIDE,
                SIDE,
                objects,
                file,
                Set.of(expected.get("mask_value").asInt()));
    }

    private static int count(boolean[] region) {
        int k = 0;
        for (boolean r : region) {
            k += r ? 1 : 0;
        }
        return k;
    }
}
