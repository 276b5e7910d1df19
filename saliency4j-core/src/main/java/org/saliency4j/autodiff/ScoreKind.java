package org.saliency4j.autodiff;

/** What is differentiated: a target's logit, or its softmax probability. */
public enum ScoreKind {
    LOGIT, PROBABILITY;

    public static ScoreKind parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "logit" -> LOGIT;
            case "probability", "prob", "softmax" -> PROBABILITY;
            default -> throw new org.saliency4j.SaliencyException(org.saliency4j.SaliencyException.Kind.BAD_OPTION,
                    "unknown score '" + text + "'; use logit or probability.");
        };
    }
}
