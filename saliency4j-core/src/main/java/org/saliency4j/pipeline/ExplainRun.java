package org.saliency4j.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.saliency4j.SaliencyException;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Targets;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Tensor;

/**
 * A checked request, ready to run: inputs are decoded a chunk of the internal batch size at a time,
 * top1 targets cost one forward pass per chunk (only when some target is top1), every method runs
 * on one shared batch per chunk, and each (input, method) result goes to the consumer as soon as
 * it is ready, so memory stays bounded by the chunk.
 */
public final class ExplainRun {
    private final Explainer explainer;
    private final ExplainRequest request;
    private final List<AttributionMethod> methods;
    private final Map<String, MethodParameters> parameters;
    private final List<String> layers;
    private final List<String> targets;
    private final int classes;

    ExplainRun(
            Explainer explainer,
            ExplainRequest request,
            List<AttributionMethod> methods,
            Map<String, MethodParameters> parameters,
            List<String> layers,
            List<String> targets,
            int classes) {
        this.explainer = explainer;
        this.request = request;
        this.methods = List.copyOf(methods);
        this.parameters = Map.copyOf(parameters);
        this.layers = List.copyOf(layers);
        this.targets = List.copyOf(targets);
        this.classes = classes;
    }

    /** The methods that run, each once, in the order given. */
    public List<AttributionMethod> methods() {
        return methods;
    }

    /** How many results the run gives: one per input and method. */
    public int results() {
        return methods.size() * request.inputs().size();
    }

    public void run(Consumer<ExplainResult> consumer) {
        run(consumer, done -> {});
    }

    /**
     * Runs, also telling {@code progress} how many results are done, in fractions while a method
     * that works input by input is inside a chunk.
     */
    public void run(Consumer<ExplainResult> consumer, DoubleConsumer progress) {
        int[] results = {0};
        double[] inputsDone = {0};
        Inputs inputs = request.inputs();
        Preprocessing preprocessing = request.preprocessing();
        InputSpec spec = preprocessing.input();
        int chunk = explainer.runtime().options().internalBatchSize();
        for (int start = 0; start < inputs.size(); start += chunk) {
            int end = Math.min(inputs.size(), start + chunk);
            Inputs.Chunk part = inputs.chunk(start, end);
            int[] resolved = Targets.resolve(
                    targets.subList(start, end),
                    () -> explainer.logits(spec, part.inputs()),
                    classes,
                    request.labels());
            // one batch for all methods, so that methods needing the same pass share it
            Batch batch = new Batch(explainer.runtime(), spec, part.inputs(), resolved, layers, preprocessing)
                    .withSampleListener(
                            done -> progress.accept(results[0] + Math.min(inputsDone[0] += done, part.size())));
            // each input as the model took it, once per chunk for all methods' results
            List<Tensor> samples = new ArrayList<>();
            for (int n = 0; n < part.size(); n++) {
                samples.add(new Tensor(part.inputs().slice(n).data(), spec.batchShape(1)));
            }
            for (AttributionMethod method : methods) {
                inputsDone[0] = 0;
                long t0 = System.nanoTime();
                List<Explanation> explanations = method.explain(batch, parameters.get(method.name()));
                requireFinite(method, explanations, inputs, start);
                double seconds = (System.nanoTime() - t0) / 1e9 / (end - start);
                for (int i = start; i < end; i++) {
                    int target = resolved[i - start];
                    consumer.accept(new ExplainResult(
                            i,
                            inputs.name(i),
                            inputs.source(i),
                            method,
                            method.usesLayer() ? layers : List.of(),
                            target,
                            request.labels().name(target),
                            parameters.get(method.name()),
                            explanations.get(i - start),
                            seconds,
                            part.images() == null ? null : part.images().get(i - start),
                            samples.get(i - start)));
                    results[0]++;
                }
                progress.accept(results[0]);
            }
        }
    }

    /** NaN or infinity in a map is a bug, never an output: it stops the run before anything of it is written. */
    private static void requireFinite(
            AttributionMethod method, List<Explanation> explanations, Inputs inputs, int start) {
        for (int n = 0; n < explanations.size(); n++) {
            Explanation e = explanations.get(n);
            boolean finite = e.map().firstNonFinite() < 0
                    && (e.attribution() == null || e.attribution().firstNonFinite() < 0)
                    && e.layerMaps().stream().allMatch(m -> m.firstNonFinite() < 0);
            if (!finite) {
                throw new SaliencyException(
                        SaliencyException.Kind.NON_FINITE,
                        SaliencyException.Topic.REPORT,
                        method.name()
                                + " computed a map holding NaN or infinity for " + inputs.source(start + n)
                                + " from finite inputs and logits.");
            }
        }
    }
}
