/**
 * The library's entry point: Explainer opens a model and runs requests chunk by chunk, streaming
 * results; the method registry.
 */
package org.saliency4j.pipeline;
