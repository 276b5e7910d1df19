package org.saliency4j.pipeline;

import org.saliency4j.methods.MethodParameters;
import org.saliency4j.metrics.Metric;
import org.saliency4j.metrics.MetricResult;

/** One metric's value for one (input, method) result. */
public record MetricRow(ExplainResult result, Metric metric, MethodParameters parameters, MetricResult value) {}
