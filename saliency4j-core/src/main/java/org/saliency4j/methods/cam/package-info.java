/** Class activation maps at a layer: the Grad-CAM family, Eigen-CAM, guided Grad-CAM and RSI-Grad-CAM. */
package org.saliency4j.methods.cam;
