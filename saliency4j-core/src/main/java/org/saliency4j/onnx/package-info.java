/** Helpers for ONNX protobuf messages: node attributes and tensor constants, shared by model and autodiff. */
package org.saliency4j.onnx;
