/** Pictures of maps: colormaps, heatmaps, signed attributions, overlays and the method grid; no file writing. */
package org.saliency4j.render;
