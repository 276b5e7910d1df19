package org.saliency4j.model;

/**
 * What the model analysis knows of one tensor: its shape at batch 1 (the batch axis, where the
 * tensor has one, is dynamic at run time), whether it is floating point, and the node producing it
 * (null for the graph input and for weights).
 */
public record TensorInfo(
        String name, long[] shape, boolean floating, boolean batched, String producerNode, String producerOp) {

    /** Spatial height and width for rank-4 NCHW tensors; -1 otherwise. */
    public long height() {
        return shape.length == 4 ? shape[2] : -1;
    }

    public long width() {
        return shape.length == 4 ? shape[3] : -1;
    }
}
