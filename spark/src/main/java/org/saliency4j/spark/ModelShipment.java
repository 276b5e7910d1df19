package org.saliency4j.spark;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.model.Labels;
import org.saliency4j.runtime.RuntimeOptions;

/**
 * What an executor needs to open the model: its bytes, broadcast once, their hash (the key of the
 * executor's runtime cache, with the options), and what the driver read beside the model file.
 *
 * @param output the model output holding the logits; null for the first
 */
record ModelShipment(
        Broadcast<byte[]> bytes,
        String hash,
        String output,
        RuntimeOptions options,
        Preprocessing preprocessing,
        Labels labels)
        implements Serializable {

    /** The key of a compiled runtime: the same model, output and options share one. */
    String key() {
        return hash + "|" + output + "|" + options;
    }
}
