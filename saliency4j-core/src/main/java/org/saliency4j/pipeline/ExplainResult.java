package org.saliency4j.pipeline;

import java.util.List;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.tensor.Tensor;

/**
 * One method's explanation of one input, as the pipeline streams it.
 *
 * @param index   the input's position in the request
 * @param input   the input's unique name (its output folder)
 * @param source  where it came from: a file, or X.npy[i]
 * @param layers  the layers the method used (none for input-level methods)
 * @param seconds the method's time per input in its chunk
 * @param image   the prepared image, to carry the map back onto it; null for tensor inputs
 * @param sample  the input as the model took it, [1, ...] in the model's layout
 */
public record ExplainResult(
        int index,
        String input,
        String source,
        AttributionMethod method,
        List<String> layers,
        int target,
        String label,
        MethodParameters parameters,
        Explanation explanation,
        double seconds,
        PreparedImage image,
        Tensor sample) {}
