/**
 * Methods that optimise a mask on the model's scores: I-GOS and its relatives (iGOS+, iGOS++), whose
 * descent directions are integrated gradients along the path to the masked input.
 */
package org.saliency4j.methods.optimisation;
