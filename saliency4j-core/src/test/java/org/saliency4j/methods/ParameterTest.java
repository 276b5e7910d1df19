package org.saliency4j.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saliency4j.SaliencyException;
import org.saliency4j.pipeline.MethodRegistry;

/** Parameters are validated once, from their declarations, with one message form. */
class ParameterTest {

    private static String rejection(String method, String name, String value) {
        SaliencyException e = assertThrows(
                SaliencyException.class, () -> MethodParameters.of(MethodRegistry.get(method), Map.of(name, value)));
        assertEquals(SaliencyException.Kind.BAD_OPTION, e.kind());
        assertEquals(SaliencyException.Topic.METHODS, e.topic());
        return e.getMessage();
    }

    @Test
    void everyKindOfValueIsCheckedWithOneMessageForm() {
        assertEquals(
                "integrated-gradients: steps must be an integer from 1 to 10000, got 'abc'.",
                rejection("integrated-gradients", "steps", "abc"));
        assertEquals(
                "integrated-gradients: steps must be an integer from 1 to 10000, got '0'.",
                rejection("integrated-gradients", "steps", "0"));
        assertEquals(
                "smoothgrad: noise must be a number from 0 to 100, got 'NaN'.",
                rejection("smoothgrad", "noise", "NaN"));
        assertEquals(
                "smoothgrad: variant must be smoothgrad, sg-sq or vargrad, got 'mean'.",
                rejection("smoothgrad", "variant", "mean"));
        assertEquals(
                "gradcam: score must be logit or probability, got 'logits'.", rejection("gradcam", "score", "logits"));
        assertEquals(
                "rsi-gradcam: baseline must be black, zeros, mean, blur, noise or an existing file, got 'no/such.png'.",
                rejection("rsi-gradcam", "baseline", "no/such.png"));
        assertEquals(
                "rsi-gradcam: rule must be left, right, midpoint or trapezoid, got 'gauss-legendre'.",
                rejection("rsi-gradcam", "rule", "gauss-legendre"));
        assertEquals(
                "gradcam+ge: ge-levels must be a comma-separated list, got 'a,,b'.",
                rejection("gradcam+ge", "ge-levels", "a,,b"));
        assertEquals(
                "smoothgrad: seed must be an integer from 0 to 2147483647, got '-1'.",
                rejection("smoothgrad", "seed", "-1"));
    }

    @Test
    void aBooleanTakesTrueOrFalse() {
        Parameter flag = Parameter.bool("flag", false, "a switch");
        flag.check("m", "true");
        SaliencyException e = assertThrows(SaliencyException.class, () -> flag.check("m", "yes"));
        assertEquals("m: flag must be true or false, got 'yes'.", e.getMessage());
    }

    @Test
    void valuesValidTogetherOnlyAreReportedInTheSameForm() {
        MethodParameters p = MethodParameters.of(
                MethodRegistry.get("integrated-gradients"), Map.of("rule", "trapezoid", "steps", "1"));
        SaliencyException e = assertThrows(
                SaliencyException.class,
                () -> MethodRegistry.get("integrated-gradients").explain(null, p));
        assertEquals(
                "integrated-gradients: steps must be at least 2 with the trapezoid rule, got '1'.", e.getMessage());
    }

    @Test
    void defaultsFillWhatIsNotGivenAndValuesAreTyped() {
        MethodParameters p = MethodParameters.of(MethodRegistry.get("smoothgrad"), Map.of("samples", " 7 "));
        assertEquals(7, p.integer("samples"));
        assertEquals(0.15, p.number("noise"));
        assertEquals("smoothgrad", p.string("variant"));
        assertEquals("logit", p.asMap().get("score"));
    }
}
