package org.saliency4j.pipeline;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.saliency4j.SaliencyException;
import org.saliency4j.methods.AttributionMethod;
import org.saliency4j.methods.Refinement;
import org.saliency4j.methods.cam.EigenCam;
import org.saliency4j.methods.cam.GradCam;
import org.saliency4j.methods.cam.GradCamPlusPlus;
import org.saliency4j.methods.cam.GuidedGradCam;
import org.saliency4j.methods.cam.HiResCam;
import org.saliency4j.methods.cam.LayerCam;
import org.saliency4j.methods.cam.RsiGradCam;
import org.saliency4j.methods.cam.XGradCam;
import org.saliency4j.methods.gradient.FullGrad;
import org.saliency4j.methods.gradient.InputGradient;
import org.saliency4j.methods.gradient.IntegratedGradients;
import org.saliency4j.methods.gradient.SmoothGrad;
import org.saliency4j.methods.optimisation.ExtremalPerturbation;
import org.saliency4j.methods.optimisation.Igos;
import org.saliency4j.methods.optimisation.IgosPlus;
import org.saliency4j.methods.optimisation.IgosPlusPlus;
import org.saliency4j.methods.perturbation.AblationCam;
import org.saliency4j.methods.perturbation.KernelShap;
import org.saliency4j.methods.perturbation.Lime;
import org.saliency4j.methods.perturbation.Occlusion;
import org.saliency4j.methods.perturbation.Rise;
import org.saliency4j.methods.perturbation.ScoreCam;
import org.saliency4j.methods.refine.GradualExtrapolation;

/**
 * The methods known by name: the library's own, and any registered with {@link #register}.
 * METHOD+SUFFIX names a method with a refinement (e.g. gradcam+ge).
 */
public final class MethodRegistry {
    private static final List<AttributionMethod> BUILT_IN = List.of(
            InputGradient.vanilla(),
            InputGradient.timesInput(),
            new SmoothGrad(),
            new IntegratedGradients(),
            InputGradient.guided(),
            InputGradient.deconvnet(),
            new GradCam(),
            new GradCamPlusPlus(),
            new XGradCam(),
            new HiResCam(),
            new LayerCam(),
            new EigenCam(),
            new GuidedGradCam(),
            new RsiGradCam(),
            new Igos(),
            new IgosPlus(),
            new IgosPlusPlus(),
            new ExtremalPerturbation(),
            new ScoreCam(),
            new AblationCam(),
            new Occlusion(),
            new Rise(),
            new Lime(),
            new KernelShap(),
            new FullGrad());
    private static final List<Refinement> REFINEMENTS = List.of(GradualExtrapolation.REFINEMENT);
    private static final Map<String, AttributionMethod> METHODS = new ConcurrentHashMap<>();
    private static final List<AttributionMethod> ORDER = new CopyOnWriteArrayList<>();

    static {
        BUILT_IN.forEach(MethodRegistry::register);
    }

    private MethodRegistry() {}

    /**
     * Makes a method available by its name, to the library, the command line and the Spark job
     * alike. Its name must be new, and must not end with a refinement's suffix.
     */
    public static synchronized void register(AttributionMethod method) {
        String name = method.name();
        if (name.isBlank()
                || name.contains(",")
                || METHODS.containsKey(name)
                || REFINEMENTS.stream().anyMatch(r -> name.endsWith(r.suffix()))) {
            throw new IllegalArgumentException("cannot register a method named '" + name
                    + "': names must be new, without commas, and not end with a refinement's suffix");
        }
        METHODS.put(name, method);
        ORDER.add(method);
    }

    /** Every method, the library's own first, in the order they were registered. */
    public static List<AttributionMethod> all() {
        return List.copyOf(ORDER);
    }

    /** The library's own methods. */
    public static List<AttributionMethod> builtIn() {
        return BUILT_IN;
    }

    public static List<Refinement> refinements() {
        return REFINEMENTS;
    }

    /** A method by name; METHOD+SUFFIX is the method with that refinement. */
    public static AttributionMethod get(String name) {
        AttributionMethod m = METHODS.get(name);
        if (m != null) {
            return m;
        }
        for (Refinement r : REFINEMENTS) {
            String base =
                    name.substring(0, Math.max(0, name.length() - r.suffix().length()));
            if (name.endsWith(r.suffix()) && METHODS.containsKey(base)) {
                return r.refine().apply(METHODS.get(base));
            }
        }
        throw new SaliencyException(
                SaliencyException.Kind.BAD_OPTION,
                SaliencyException.Topic.METHODS,
                "unknown method '" + name
                        + "'; known methods: "
                        + String.join(
                                ", ",
                                ORDER.stream().map(AttributionMethod::name).toList())
                        + String.join(
                                "",
                                REFINEMENTS.stream()
                                        .map(r -> ", each also as METHOD" + r.suffix() + " (" + r.description() + ")")
                                        .toList())
                        + ".");
    }
}
