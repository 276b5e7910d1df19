/**
 * ONNX Runtime sessions of the compiled graphs, cached per (input size, taps, score, rules), run in
 * chunks of the internal batch size.
 */
package org.saliency4j.runtime;
