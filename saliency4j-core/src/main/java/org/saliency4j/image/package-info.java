/**
 * Images in: reading (with EXIF orientation), preprocessing into the model's input, and carrying maps
 * back onto the original.
 */
package org.saliency4j.image;
