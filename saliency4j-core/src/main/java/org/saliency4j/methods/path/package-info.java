/** Paths from a baseline to the input: baselines, quadrature rules and the points along the path. */
package org.saliency4j.methods.path;
