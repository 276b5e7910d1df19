/** Refinements any method takes: Gradual Extrapolation (METHOD+ge) and the pyramid it follows. */
package org.saliency4j.methods.refine;
