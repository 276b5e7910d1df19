package org.saliency4j.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * ONNX Runtime's Java loader extracts its native libraries into a new temporary folder per
     * process and leaves the folder behind, empty. When the JVM stops, the empty ones (this run's
     * and earlier runs') are removed; a folder younger than two seconds may belong to a process that
     * is still extracting into it, so it is left.
     */
    private static void removeEmptyExtractionFolders() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tmp, "onnxruntime-java*")) {
            for (Path folder : folders) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                    boolean empty = !entries.iterator().hasNext();
                    if (empty && now - Files.getLastModifiedTime(folder).toMillis() > 2000) {
                        Files.delete(folder);
                    }
                } catch (IOException e) {
                    // another user's folder, or one that went away: not ours to clean
                }
            }
        } catch (IOException e) {
            // nothing to clean
        }
    }

    private static OrtEnvironment create() {
        Runtime.getRuntime().addShutdownHook(new Thread(OrtEnvironments::removeEmptyExtractionFolders));
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
