package org.saliency4j.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.BaseMethod;
import org.saliency4j.methods.Batch;
import org.saliency4j.methods.Explanation;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/**
 * Maps made elsewhere, to evaluate as if a method had made them: a float32 .npy [N, H, W] with one
 * map per input in input order (its method named after the file), or an explain output folder,
 * read through its manifest (its methods, maps and targets). Each becomes a method that hands out
 * its maps in input order, so that an {@link ExplainRun} streams them like any other results.
 */
public final class GivenMaps {
    private final Map<String, IntFunction<Tensor>> maps;
    private final List<String> targets;

    private GivenMaps(Map<String, IntFunction<Tensor>> maps, List<String> targets) {
        this.maps = maps;
        this.targets = targets;
    }

    /** Reads and checks the maps of the inputs, before anything runs. */
    public static GivenMaps read(Path source, Inputs inputs, InputSpec spec) {
        return Files.isDirectory(source) ? folder(source, inputs, spec) : npy(source, inputs, spec);
    }

    private static GivenMaps npy(Path file, Inputs inputs, InputSpec spec) {
        Tensor all = Npy.read(file);
        if (all.rank() != 3
                || all.dim(0) != inputs.size()
                || all.dim(1) != spec.height()
                || all.dim(2) != spec.width()) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_SHAPE,
                    file + " holds maps of shape " + shape(all) + "; give one map per input, [" + inputs.size() + ", "
                            + spec.height() + ", " + spec.width() + "], in input order.");
        }
        requireFinite(all, file.toString());
        String name = file.getFileName().toString().replaceFirst("\\.npy$", "");
        Map<String, IntFunction<Tensor>> maps = new LinkedHashMap<>();
        maps.put(name, all::slice);
        return new GivenMaps(maps, null);
    }

    private static GivenMaps folder(Path folder, Inputs inputs, InputSpec spec) {
        JsonNode manifest;
        try {
            manifest = new ObjectMapper().readTree(Files.readString(folder.resolve("manifest.json")));
        } catch (IOException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.IO,
                    "cannot read " + folder.resolve("manifest.json") + " (" + IoErrors.reason(e)
                            + "); --maps takes a .npy file or an explain output folder.");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            index.put(inputs.name(i), i);
        }
        Map<String, Path[]> files = new LinkedHashMap<>();
        String[] targets = new String[inputs.size()];
        for (JsonNode result : manifest.path("results")) {
            String map = result.path("files").path("map").asText("");
            Integer i = index.get(map.split("/")[0]);
            if (i == null) {
                continue;
            }
            files.computeIfAbsent(result.get("method").asText(), k -> new Path[inputs.size()])[i] = folder.resolve(map);
            String target = result.get("target").asText();
            if (targets[i] != null && !targets[i].equals(target)) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_TARGET,
                        folder + " explains input " + inputs.source(i) + " for the classes " + targets[i] + " and "
                                + target + "; evaluate takes one target per input.");
            }
            targets[i] = target;
        }
        Map<String, IntFunction<Tensor>> maps = new LinkedHashMap<>();
        files.forEach((method, paths) -> {
            for (int i = 0; i < paths.length; i++) {
                if (paths[i] == null) {
                    throw new SaliencyException(
                            SaliencyException.Kind.BAD_OPTION,
                            folder + " has no " + method + " map of input " + inputs.source(i) + ".");
                }
            }
            maps.put(method, i -> checked(Npy.read(paths[i]), paths[i], spec));
        });
        if (maps.isEmpty()) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION, folder + " holds no map of the given inputs.");
        }
        return new GivenMaps(maps, List.of(targets));
    }

    /** The methods the maps stand for, each handing out its maps in input order. */
    public List<AttributionMethod> methods() {
        List<AttributionMethod> out = new ArrayList<>();
        maps.forEach((name, map) -> out.add(new Given(name, map)));
        return out;
    }

    /** The targets the maps were made for, comma-separated in input order; null when not known (a .npy). */
    public String targets() {
        return targets == null ? null : String.join(",", targets);
    }

    /** Whether a method stands for given maps, which cannot be made again for other inputs. */
    public static boolean isGiven(AttributionMethod method) {
        return method instanceof Given;
    }

    private static Tensor checked(Tensor map, Path file, InputSpec spec) {
        if (map.rank() != 2 || map.dim(0) != spec.height() || map.dim(1) != spec.width()) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_SHAPE,
                    file + " has shape " + shape(map) + ", not the input's [" + spec.height() + ", " + spec.width()
                            + "].");
        }
        requireFinite(map, file.toString());
        return map;
    }

    private static void requireFinite(Tensor maps, String what) {
        if (maps.firstNonFinite() >= 0) {
            throw new SaliencyException(SaliencyException.Kind.NON_FINITE, what + " holds NaN or infinity.");
        }
    }

    private static String shape(Tensor t) {
        return Arrays.toString(t.shape());
    }

    /** A method that hands out the given maps, a batch at a time, in input order: for one run only. */
    private static final class Given extends BaseMethod {
        private final IntFunction<Tensor> maps;
        private int next;

        Given(String name, IntFunction<Tensor> maps) {
            super(name, "maps given with --maps", false, List.of());
            this.maps = maps;
        }

        @Override
        public List<Explanation> explain(Batch batch, MethodParameters parameters) {
            List<Explanation> out = new ArrayList<>();
            for (int n = 0; n < batch.batchSize(); n++) {
                out.add(new Explanation(maps.apply(next++), List.of(), null, Float.NaN, Map.of()));
            }
            return out;
        }
    }
}
