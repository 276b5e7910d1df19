/**
 * What every saliency method shares: the method interface and base classes, declared parameters, the
 * batch with its shared runs, explanations, targets and seeds. The families live in the subpackages.
 */
package org.saliency4j.methods;
