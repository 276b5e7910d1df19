package org.saliency4j.pipeline;

import java.util.List;
import org.saliency4j.SaliencyException;
import org.saliency4j.metrics.Complexity;
import org.saliency4j.metrics.ConfidenceChange;
import org.saliency4j.metrics.Localisation;
import org.saliency4j.metrics.MaxSensitivity;
import org.saliency4j.metrics.Metric;
import org.saliency4j.metrics.PerturbationCurve;
import org.saliency4j.metrics.RandomLogit;
import org.saliency4j.metrics.Randomisation;
import org.saliency4j.metrics.Road;
import org.saliency4j.metrics.Sparseness;

/** The metrics known by name. */
public final class MetricRegistry {
    private static final List<Metric> METRICS = List.of(
            PerturbationCurve.deletion(),
            PerturbationCurve.insertion(),
            ConfidenceChange.averageDrop(),
            ConfidenceChange.increaseInConfidence(),
            ConfidenceChange.averageGain(),
            Road.mostRelevantFirst(),
            Road.leastRelevantFirst(),
            Road.combined(),
            new Sparseness(),
            new Complexity(),
            Localisation.pointingGame(),
            Localisation.energyInBox(),
            Localisation.relevanceMass(),
            Localisation.relevanceRank(),
            new MaxSensitivity(),
            new RandomLogit(),
            new Randomisation());

    private MetricRegistry() {}

    public static List<Metric> all() {
        return METRICS;
    }

    /** The metrics a list names, each once, in the order given (names stripped, checked). */
    public static List<Metric> resolve(List<String> names) {
        return names.stream()
                .map(String::strip)
                .distinct()
                .map(MetricRegistry::get)
                .toList();
    }

    public static Metric get(String name) {
        return METRICS.stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new SaliencyException(
                        SaliencyException.Kind.BAD_OPTION,
                        "unknown metric '" + name + "'; known metrics: "
                                + String.join(
                                        ", ", METRICS.stream().map(Metric::name).toList()) + "."));
    }
}
