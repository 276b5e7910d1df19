package org.saliency4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalisationTest {
    @Test
    void pointingGameCountsAMaximumWithinTheToleranceAsAHit() {
        int w = 100;
        int h = 50;
        float[] map = new float[w * h];
        map[20 * w + 70] = 1f; // maximum at pixel (70, 20), centre (70.5, 20.5)
        Box box = new Box(10, 10, 40, 30); // right edge at x = 50: 20.5 px away
        assertFalse(Localisation.pointingHit(map, h, w, List.of(box), 15));
        assertTrue(Localisation.pointingHit(map, h, w, List.of(box), 21));
        assertTrue(Localisation.pointingHit(map, h, w, List.of(box, new Box(60, 0, 20, 30)), 15));
    }

    @Test
    void energyInBoxesIsTheShareOfPositiveMassInsideTheUnion() {
        int w = 10;
        int h = 10;
        float[] map = new float[w * h];
        map[2 * w + 2] = 3f; // inside the first box
        map[2 * w + 3] = 1f; // inside both boxes: counted once
        map[8 * w + 8] = 4f; // outside
        map[9 * w + 9] = -5f; // negative mass does not count
        List<Box> boxes = List.of(new Box(0, 0, 4, 4), new Box(3, 0, 2, 4));
        assertEquals(0.5, Localisation.energyInBoxes(map, h, w, boxes), 1e-12);
        assertEquals(0, Localisation.energyInBoxes(new float[w * h], h, w, boxes));
    }
}
