/**
 * The perturbation family: methods that learn what a model looks at from its outputs on many
 * perturbed copies of an input (masked, ablated or occluded), run in chunks of the internal batch
 * size through the perturbation graph, so that memory does not grow with the number of copies.
 */
package org.saliency4j.methods.perturbation;
