package org.saliency4j.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.saliency4j.SaliencyException;
import org.saliency4j.image.ImageLoader;
import org.saliency4j.image.PreparedImage;
import org.saliency4j.image.Preprocessing;
import org.saliency4j.methods.Samples;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Tensor;

/**
 * The inputs of a run: image files (checked up front, decoded a chunk at a time so that memory
 * stays bounded on large sets) or the samples of a preprocessed [N, C, H, W] tensor. Each has a
 * unique name for its output folder.
 */
public final class Inputs {
    private final List<String> names;
    private final List<String> sources;
    private final List<Path> files;
    private final Preprocessing preprocessing;
    private final Tensor tensor;
    private final List<PreparedImage> prepared;
    private final long maxPixels;

    /** One chunk: inputs [M, ...] in the model's layout, and the prepared images (null for a tensor). */
    public record Chunk(Tensor inputs, List<PreparedImage> images) {
        public int size() {
            return (int) inputs.dim(0);
        }
    }

    private Inputs(
            List<String> names,
            List<String> sources,
            List<Path> files,
            Preprocessing preprocessing,
            Tensor tensor,
            List<PreparedImage> prepared,
            long maxPixels) {
        this.maxPixels = maxPixels;
        this.prepared = prepared;
        this.names = names;
        this.sources = sources;
        this.files = files;
        this.preprocessing = preprocessing;
        this.tensor = tensor;
    }

    /** Image files of at most {@link ImageLoader#DEFAULT_MAX_PIXELS}, checked now and decoded a chunk at a time. */
    public static Inputs ofImages(List<Path> files, Preprocessing preprocessing) {
        return ofImages(files, preprocessing, ImageLoader.DEFAULT_MAX_PIXELS);
    }

    /** Image files of at most {@code maxPixels}, checked now (their headers) and decoded a chunk at a time. */
    public static Inputs ofImages(List<Path> files, Preprocessing preprocessing, long maxPixels) {
        List<String> names = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Path file : files) {
            ImageLoader.check(file, maxPixels);
            names.add(unique(stem(file.toString()), used));
            sources.add(file.toString());
        }
        return new Inputs(names, sources, List.copyOf(files), preprocessing, null, null, maxPixels);
    }

    /**
     * Images decoded and prepared already (by a caller that reads them from elsewhere, as a dataset's
     * rows), named after their sources as files are.
     */
    public static Inputs ofPrepared(List<String> sources, List<PreparedImage> images, Preprocessing preprocessing) {
        if (sources.size() != images.size()) {
            throw new IllegalArgumentException(sources.size() + " sources for " + images.size() + " images");
        }
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (String source : sources) {
            names.add(unique(stem(source), used));
        }
        return new Inputs(names, List.copyOf(sources), null, preprocessing, null, List.copyOf(images), 0);
    }

    /** The samples of a preprocessed float32 [N, C, H, W] .npy file. */
    public static Inputs ofNpy(Path file, InputSpec spec) {
        return ofTensor(Npy.read(file), spec, file.toString());
    }

    /** The samples of a preprocessed [N, C, H, W] tensor; their sources read SOURCE[i]. */
    public static Inputs ofTensor(Tensor t, InputSpec spec, String source) {
        long[] s = t.shape();
        if (s.length != 4 || s[1] != spec.channels() || s[2] != spec.height() || s[3] != spec.width()) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_SHAPE,
                    source + " has shape " + Arrays.toString(s)
                            + ", but the model takes [N, " + spec.channels() + ", " + spec.height() + ", "
                            + spec.width()
                            + "] (N samples, C, H, W). Save the preprocessed batch in that shape, float32.");
        }
        if (s[0] == 0) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_SHAPE, source + " holds no samples (its first dimension is 0).");
        }
        int bad = t.firstNonFinite();
        if (bad >= 0) {
            int per = (int) (s[1] * s[2] * s[3]);
            int within = bad % per;
            int hw = (int) (s[2] * s[3]);
            throw new SaliencyException(
                    SaliencyException.Kind.NON_FINITE,
                    "input " + bad / per + " (" + source + "[" + bad / per
                            + "]) holds " + t.data()[bad] + " at [c, y, x] = [" + within / hw + ", "
                            + within % hw / s[3] + ", "
                            + within % s[3] + "]; every input value must be finite.");
        }
        List<String> names = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < s[0]; i++) {
            names.add("input_" + i);
            sources.add(source + "[" + i + "]");
        }
        return new Inputs(
                names,
                sources,
                null,
                null,
                spec.layout() == InputSpec.Layout.NCHW ? t : toModelLayout(t, spec),
                null,
                0);
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public String source(int i) {
        return sources.get(i);
    }

    public boolean hasImages() {
        return tensor == null;
    }

    /** Inputs start (inclusive) to end (exclusive), decoded and preprocessed now. */
    public Chunk chunk(int start, int end) {
        if (tensor != null) {
            long[] shape = tensor.shape();
            int per = tensor.size() / (int) shape[0];
            shape[0] = end - start;
            return new Chunk(new Tensor(Arrays.copyOfRange(tensor.data(), start * per, end * per), shape), null);
        }
        List<PreparedImage> images = new ArrayList<>();
        if (prepared != null) {
            images.addAll(prepared.subList(start, end));
        } else {
            for (Path file : files.subList(start, end)) {
                images.add(PreparedImage.prepare(
                        ImageLoader.read(file, maxPixels, preprocessing.resizeShorterSide()), preprocessing));
            }
        }
        List<Tensor> samples = images.stream().map(PreparedImage::input).toList();
        Tensor stacked = Tensor.stack(samples);
        return new Chunk(new Tensor(stacked.data(), preprocessing.input().batchShape(samples.size())), images);
    }

    /** An [N, C, H, W] batch in the model's layout. */
    private static Tensor toModelLayout(Tensor nchw, InputSpec spec) {
        int n = (int) nchw.dim(0);
        float[][] samples = new float[n][];
        for (int i = 0; i < n; i++) {
            samples[i] = Samples.fromChw(nchw.slice(i).data(), spec);
        }
        return Samples.batch(samples, spec);
    }

    /** A file's or address's last segment, without its extension. */
    public static String stem(String source) {
        String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The name, or name_2, name_3, … when taken; the result is added to the names taken. */
    public static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int i = 2; !used.add(candidate); i++) {
            candidate = name + "_" + i;
        }
        return candidate;
    }
}
