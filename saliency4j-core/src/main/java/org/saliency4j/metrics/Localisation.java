package org.saliency4j.metrics;

import java.util.List;
import java.util.Map;
import org.saliency4j.SaliencyException;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.methods.Parameter;
import org.saliency4j.tensor.Maps;

/**
 * Localisation metrics: the map carried back onto the image's own pixels against the target's
 * annotated objects (its region: the union of their boxes, or their mask when the annotation has
 * one and {@code region} allows it).
 * <ul>
 *   <li>pointing-game (Zhang et al. 2016, as TorchRay scores it): 1 when the map's first maximum
 *       lies less than {@code tolerance} pixels from the region, else 0; the summary is the mean
 *       over classes of the per-class accuracy;</li>
 *   <li>energy-in-box (the energy-based pointing game of Score-CAM): the share of the map's
 *       positive mass inside the boxes;</li>
 *   <li>relevance-mass (Arras et al. 2022): the same share inside the mask;</li>
 *   <li>relevance-rank (Arras et al. 2022): the share of the K highest pixels that lie in the
 *       region, K its size (ties broken by row-major index, lowest first).</li>
 * </ul>
 * An input with no object of the target gives no value.
 */
public final class Localisation extends BaseMetric {
    /** TorchRay's tolerance, in pixels. */
    public static final int POINTING_TOLERANCE = 15;

    private enum Kind {
        POINTING_GAME(
                "pointing-game",
                "1 when the map's maximum lies less than `tolerance` px from the target's objects (TorchRay); "
                        + "the summary is the mean over classes of the per-class accuracy"),
        ENERGY_IN_BOX(
                "energy-in-box",
                "share of the map's positive mass inside the target's boxes (Score-CAM's energy-based pointing game)"),
        RELEVANCE_MASS(
                "relevance-mass",
                "share of the map's positive mass inside the target's mask, or its boxes without one "
                        + "(Arras et al. 2022)"),
        RELEVANCE_RANK(
                "relevance-rank",
                "share of the map's K highest pixels inside the target's region of K pixels (Arras et al. 2022)");

        final String name;
        final String description;

        Kind(String name, String description) {
            this.name = name;
            this.description = description;
        }
    }

    private final Kind kind;

    private Localisation(Kind kind, List<Parameter> parameters) {
        super(kind.name, kind.description, true, parameters);
        this.kind = kind;
    }

    private static Parameter region(String defaultValue) {
        return Parameter.choice(
                "region",
                defaultValue,
                "the target's region: auto (the mask when given, else the boxes), boxes or mask",
                "auto",
                "boxes",
                "mask");
    }

    public static Localisation pointingGame() {
        return new Localisation(
                Kind.POINTING_GAME,
                List.of(
                        Parameter.integer(
                                "tolerance",
                                POINTING_TOLERANCE,
                                0,
                                10000,
                                "a hit lies less than this many pixels from the region"),
                        region("auto")));
    }

    public static Localisation energyInBox() {
        return new Localisation(Kind.ENERGY_IN_BOX, List.of(region("boxes")));
    }

    public static Localisation relevanceMass() {
        return new Localisation(Kind.RELEVANCE_MASS, List.of(region("auto")));
    }

    public static Localisation relevanceRank() {
        return new Localisation(Kind.RELEVANCE_RANK, List.of(region("auto")));
    }

    @Override
    public boolean needsAnnotations() {
        return true;
    }

    @Override
    public boolean meanOverClasses() {
        return kind == Kind.POINTING_GAME;
    }

    @Override
    public MetricResult evaluate(MetricInput input, MethodParameters parameters) {
        if (input.image() == null) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION, name() + " needs images with annotations, not tensors.");
        }
        ImageAnnotation annotation = input.annotation();
        int target = input.target();
        if (annotation == null || annotation.objectsOf(target).isEmpty()) {
            return MetricResult.notApplicable("no annotated object of class " + target);
        }
        int w = input.image().original().getWidth();
        int h = input.image().original().getHeight();
        float[] map = input.image()
                .mapToOriginal(input.map().data(), (int) input.map().dim(0), (int)
                        input.map().dim(1));
        String region = parameters.string("region");
        boolean useMask = region.equals("mask") || region.equals("auto");
        if (region.equals("mask") && annotation.mask() == null) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_OPTION,
                    name() + ": region=mask, but " + annotation.file() + " has no mask in the annotations.");
        }
        boolean[] inside = annotation.region(target, h, w, useMask);
        double value = switch (kind) {
            case POINTING_GAME -> pointingHit(map, h, w, inside, parameters.integer("tolerance")) ? 1 : 0;
            case ENERGY_IN_BOX, RELEVANCE_MASS -> positiveShare(map, inside);
            case RELEVANCE_RANK -> rankShare(map, inside);
        };
        return new MetricResult(
                value,
                Map.of(
                        "class",
                        annotation.group(target),
                        "region",
                        useMask && annotation.mask() != null ? "mask" : "boxes"),
                null);
    }

    /** Whether a region pixel lies less than {@code tolerance} pixels from the map's first maximum. */
    static boolean pointingHit(float[] map, int h, int w, boolean[] region, int tolerance) {
        int best = 0;
        for (int i = 1; i < map.length; i++) {
            if (map[i] > map[best]) {
                best = i;
            }
        }
        int px = best % w;
        int py = best / w;
        int reach = Math.max(0, tolerance - 1);
        for (int y = Math.max(0, py - reach); y <= Math.min(h - 1, py + reach); y++) {
            for (int x = Math.max(0, px - reach); x <= Math.min(w - 1, px + reach); x++) {
                long dx = x - px;
                long dy = y - py;
                if (region[y * w + x] && dx * dx + dy * dy < (long) tolerance * tolerance) {
                    return true;
                }
            }
        }
        return tolerance == 0 && region[best];
    }

    /** Sum of max(map, 0) inside the region over its sum everywhere (0 for a map with no positive mass). */
    static double positiveShare(float[] map, boolean[] region) {
        double inside = 0;
        double total = 0;
        for (int i = 0; i < map.length; i++) {
            double v = Math.max(0, map[i]);
            total += v;
            inside += region[i] ? v : 0;
        }
        return total > 0 ? inside / total : 0;
    }

    /** The share of the K highest pixels inside the region, K its size. */
    static double rankShare(float[] map, boolean[] region) {
        int k = 0;
        for (boolean r : region) {
            k += r ? 1 : 0;
        }
        if (k == 0) {
            return 0;
        }
        int[] order = Maps.descendingOrder(map);
        int hits = 0;
        for (int i = 0; i < k; i++) {
            hits += region[order[i]] ? 1 : 0;
        }
        return (double) hits / k;
    }
}
