package org.saliency4j.autodiff;

/**
 * The vector-Jacobian product of one ONNX op, written as ONNX nodes: given the gradients of a
 * node's outputs, emit nodes that compute the gradients of the inputs that need one.
 */
@FunctionalInterface
public interface BackwardRule {
    void backward(BackwardContext ctx);
}
