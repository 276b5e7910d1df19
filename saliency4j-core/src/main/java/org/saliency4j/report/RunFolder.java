package org.saliency4j.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;

/**
 * The output folder of one run and its manifest.json: checked before anything is computed, cleared
 * of an earlier run's files before the first new one, and after a failure either holding an
 * incomplete manifest of what finished or, if nothing was written, left as it was.
 */
final class RunFolder {
    private static final String MANIFEST = "manifest.json";

    private final Path root;
    private final Manifest manifest;
    private boolean created;
    private boolean started;

    RunFolder(Path root, Manifest manifest) {
        this.root = root;
        this.manifest = manifest;
    }

    Path root() {
        return root;
    }

    /** Checks that the folder can be created and written into. */
    void open() {
        created = !Files.exists(root);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.IO, "cannot create output folder " + root + ": " + IoErrors.reason(e), e);
        }
        if (!Files.isWritable(root)) {
            throw new SaliencyException(
                    SaliencyException.Kind.IO, "cannot write into output folder " + root + ": Permission denied");
        }
    }

    /**
     * Before the first file: removes the temporary files an interrupted run left, and the files an
     * earlier run's manifest lists, so that the folder ends up holding what the new manifest lists.
     */
    void start() {
        if (!started) {
            started = true;
            AtomicFiles.removeStaleParts(root);
            Manifest.removeListedFiles(root.resolve(MANIFEST));
        }
    }

    /** Writes the manifest of a finished run. */
    void finish() {
        start();
        manifest.put("complete", true);
        manifest.write(root.resolve(MANIFEST));
    }

    /**
     * After a failure: with some files written, the manifest, marked incomplete, with the error and
     * the entries that finished; with none, nothing (and no new empty folder).
     */
    void fail(Throwable error) {
        if (!started) {
            removeIfCreatedAndEmpty();
            return;
        }
        manifest.put("complete", false);
        manifest.put("error", error.getMessage() == null ? error.toString() : error.getMessage());
        manifest.write(root.resolve(MANIFEST));
    }

    private void removeIfCreatedAndEmpty() {
        try (Stream<Path> entries = Files.list(root)) {
            if (created && entries.findAny().isEmpty()) {
                Files.delete(root);
            }
        } catch (IOException e) {
            // the run's own error is the one to report
        }
    }
}
