/** Tensors, .npy files, and arithmetic on maps (min-max, ReLU, resampling); the bottom of the flow. */
package org.saliency4j.tensor;
