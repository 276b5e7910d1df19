/**
 * The gradient compiler: the reverse pass of a model written into its ONNX graph, one backward rule
 * per op (RuleSet).
 */
package org.saliency4j.autodiff;
