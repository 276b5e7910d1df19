/** Measures of a map: localisation (pointing game, energy in boxes). */
package org.saliency4j.metrics;
