/**
 * Input-gradient methods: gradient, gradient x input, guided backprop, deconvnet, SmoothGrad and
 * integrated gradients.
 */
package org.saliency4j.methods.gradient;
