package org.saliency4j.autodiff;

import java.util.Locale;
import org.saliency4j.SaliencyException;

/** What is differentiated: a target's logit, or its softmax probability. */
public enum ScoreKind {
    LOGIT,
    PROBABILITY;

    public static ScoreKind parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "logit" -> LOGIT;
            case "probability", "prob", "softmax" -> PROBABILITY;
            default ->
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_OPTION, "unknown score '" + text + "'; use logit or probability.");
        };
    }
}
