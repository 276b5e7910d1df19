package org.saliency4j.autodiff;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A table of backward rules by ONNX op type. The standard set gives true gradients; other sets
 * replace chosen rules (e.g. the ReLU rule for Guided Backprop), in the manner of rule composites.
 */
public final class RuleSet {
    private final String name;
    private final Map<String, BackwardRule> rules;
    /** The op types whose standard rule this set replaces. */
    private final Set<String> replaced;

    private RuleSet(String name, Map<String, BackwardRule> rules, Set<String> replaced) {
        this.name = name;
        this.rules = Collections.unmodifiableMap(new TreeMap<>(rules));
        this.replaced = Set.copyOf(replaced);
    }

    /** True gradients for every supported op. */
    public static RuleSet standard() {
        Map<String, BackwardRule> rules = new TreeMap<>();
        ActivationRules.register(rules);
        ElementwiseRules.register(rules);
        ConvRules.register(rules);
        PoolRules.register(rules);
        NormalisationRules.register(rules);
        LinearRules.register(rules);
        ShapeRules.register(rules);
        ReduceRules.register(rules);
        return new RuleSet("standard", rules, Set.of());
    }

    /** Guided Backprop: rectifiers pass only positive gradients where their input was positive. */
    public static RuleSet guided() {
        return standard()
                .with("guided", Map.of("Relu", ActivationRules.GUIDED_RELU, "Clip", ActivationRules.GUIDED_CLIP));
    }

    /** DeconvNet: rectifiers pass positive gradients, whatever their input was. */
    public static RuleSet deconvnet() {
        return standard()
                .with(
                        "deconvnet",
                        Map.of("Relu", ActivationRules.DECONVNET_RELU, "Clip", ActivationRules.DECONVNET_RELU));
    }

    /** A copy of this set with some rules replaced, under a new name (the session cache keys on it). */
    public RuleSet with(String newName, Map<String, BackwardRule> replacements) {
        Map<String, BackwardRule> merged = new TreeMap<>(rules);
        merged.putAll(replacements);
        Set<String> replacedNow = new TreeSet<>(replaced);
        replacedNow.addAll(replacements.keySet());
        return new RuleSet(newName, merged, replacedNow);
    }

    /** Whether this set differentiates every op of these types as the standard set does. */
    public boolean standardFor(Set<String> opTypes) {
        return Collections.disjoint(replaced, opTypes);
    }

    public String name() {
        return name;
    }

    public BackwardRule rule(String opType) {
        return rules.get(opType);
    }

    public Set<String> supportedOps() {
        return rules.keySet();
    }

    @Override
    public String toString() {
        return name;
    }
}
