package org.saliency4j.methods;

import org.saliency4j.SaliencyException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The methods known by name. */
public final class MethodRegistry {
    private static final Map<String, AttributionMethod> METHODS = new LinkedHashMap<>();

    static {
        register(InputGradient.vanilla());
        register(InputGradient.timesInput());
        register(new SmoothGrad());
        register(new IntegratedGradients());
        register(InputGradient.guided());
        register(InputGradient.deconvnet());
        register(new GradCam());
        register(new GradCamPlusPlus());
        register(new XGradCam());
        register(new HiResCam());
        register(new LayerCam());
        register(new EigenCam());
        register(new GuidedGradCam());
        register(new RsiGradCam());
    }

    private MethodRegistry() {
    }

    private static void register(AttributionMethod method) {
        METHODS.put(method.name(), method);
    }

    public static List<AttributionMethod> all() {
        return List.copyOf(METHODS.values());
    }

    /** A method by name; METHOD+ge is the method refined by Gradual Extrapolation. */
    public static AttributionMethod get(String name) {
        if (name.endsWith(GradualExtrapolation.SUFFIX) && METHODS.containsKey(name.substring(0, name.length() - GradualExtrapolation.SUFFIX.length()))) {
            return new GradualExtrapolation(METHODS.get(name.substring(0, name.length() - GradualExtrapolation.SUFFIX.length())));
        }
        AttributionMethod m = METHODS.get(name);
        if (m == null) {
            throw new SaliencyException(SaliencyException.Kind.BAD_OPTION, "unknown method '" + name + "'; known methods: "
                    + String.join(", ", METHODS.keySet()) + ", each also as METHOD+ge (refined by Gradual Extrapolation).");
        }
        return m;
    }
}
