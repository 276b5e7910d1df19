package org.saliency4j.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.saliency4j.SaliencyException;
import org.saliency4j.model.Labels;
import org.saliency4j.tensor.Tensor;

class TargetsTest {
    private static final Labels LABELS = new Labels(List.of("a", "b", "c", "d"));
    // two inputs' logits over four classes
    private static final Tensor LOGITS = new Tensor(new float[] {0, 3, 1, 2, 5, 0, 4, 1}, 2, 4);

    @Test
    void classesJoinedByABarTakeTheOneEachInputScoresHighest() {
        List<String> parts = Targets.perInput("2|3,c|a", 2, 4, LABELS);
        assertArrayEquals(new int[] {3, 0}, Targets.resolve(parts, () -> LOGITS, 4, LABELS));
        assertArrayEquals(new int[] {1, 0}, Targets.resolve(List.of("top1", "top1"), () -> LOGITS, 4, LABELS));
        assertArrayEquals(
                new int[] {2, 2},
                Targets.resolve(
                        Targets.perInput("c", 2, 4, LABELS),
                        () -> {
                            throw new AssertionError("no forward pass for fixed targets");
                        },
                        4,
                        LABELS));
    }

    @Test
    void everyClassOfAListIsCheckedBeforeAnythingRuns() {
        SaliencyException e = assertThrows(SaliencyException.class, () -> Targets.perInput("1|7", 2, 4, LABELS));
        assertEquals(SaliencyException.Kind.BAD_TARGET, e.kind());
        assertEquals("target class 7 is out of range: the model has 4 classes (0 to 3).", e.getMessage());
    }
}
