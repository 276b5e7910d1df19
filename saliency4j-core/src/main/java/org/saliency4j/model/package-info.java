/**
 * Reading and normalising ONNX models: opset upgrades, shape probing with ONNX Runtime, folding of
 * shape computations, layers.
 */
package org.saliency4j.model;
