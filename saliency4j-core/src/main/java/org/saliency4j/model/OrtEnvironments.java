package org.saliency4j.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import org.saliency4j.SaliencyException;

/**
 * The one ONNX Runtime environment every session of the library runs in, with telemetry off before
 * any session is created. (ONNX Runtime 1.29 on Linux records telemetry by default: a device id and
 * an event database under ~/.cache/Microsoft, meant for upload. Turning it off here stops the session
 * events, but not those of the environment's own creation; only the ORT_DISABLE_TELEMETRY
 * environment variable stops those, which is why the build stays on 1.23, which has none.)
 */
public final class OrtEnvironments {
    private static final OrtEnvironment ENVIRONMENT = create();

    private OrtEnvironments() {}

    public static OrtEnvironment get() {
        return ENVIRONMENT;
    }

    private static OrtEnvironment create() {
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "saliency4j");
        try {
            env.setTelemetry(false);
        } catch (OrtException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.RUNTIME, "cannot turn ONNX Runtime's telemetry off: " + e.getMessage(), e);
        }
        return env;
    }
}
