package org.saliency4j.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;

/** Writes files so that a reader never sees half of one: write a temporary file, then rename it. */
public final class AtomicFiles {
    private static final String PART = ".part";
    /** Temporary names: this process's id and a counter, unique among concurrent runs. */
    private static final AtomicLong COUNTER = new AtomicLong();

    private static final long PID = ProcessHandle.current().pid();
    /** Temporary files being written, removed by a shutdown hook if the JVM stops (SIGTERM, Ctrl-C). */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(AtomicFiles::deleteQuietly)));
    }

    private AtomicFiles() {}

    /** Writes an image as PNG. */
    public static void writePng(BufferedImage image, Path target) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(target, bytes.toByteArray());
    }

    /**
     * Writes the bytes to a hidden temporary file beside the target, then renames it over the
     * target. The temporary file is created like any other (mode 0666 less the umask), and is
     * removed if the JVM is stopped before the rename.
     */
    public static void write(Path target, byte[] bytes) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + PID + "-" + COUNTER.incrementAndGet() + PART);
        PENDING.add(tmp);
        try {
            Files.createDirectories(dir);
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new SaliencyException(
                    SaliencyException.Kind.IO, "cannot write " + target + ": " + IoErrors.reason(e), e);
        } finally {
            PENDING.remove(tmp);
        }
    }

    /** Removes the temporary files that an interrupted earlier run left anywhere under the folder. */
    public static void removeStaleParts(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.getFileName().toString().startsWith(".")
                            && f.getFileName().toString().endsWith(PART))
                    .filter(Files::isRegularFile)
                    .forEach(AtomicFiles::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.IO, "cannot look through " + root + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing more can be done for a file that cannot be removed
        }
    }
}
