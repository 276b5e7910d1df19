package org.saliency4j.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.saliency4j.SaliencyException;

/**
 * Reads PNG, JPEG, BMP, GIF, TIFF and WebP (the last two through the TwelveMonkeys ImageIO
 * plugins) as RGB, upright according to the EXIF orientation.
 */
public final class ImageLoader {
    private ImageLoader() {}

    /** The largest image read unless a caller says otherwise: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** Images above this size are decoded subsampled, when the caller needs far fewer pixels. */
    static final long SUBSAMPLE_ABOVE_PIXELS = 16_000_000L;

    /** An image's size as its header gives it. */
    public record Size(int width, int height) {}

    /**
     * Checks, from the header alone, that the file is an image a reader recognises and that it
     * holds at most {@code maxPixels} pixels.
     */
    public static Size check(Path path, long maxPixels) {
        return withReader(Source.of(path), reader -> sizeWithin(path.toString(), reader, maxPixels));
    }

    private static Size sizeWithin(String path, ImageReader reader, long maxPixels) throws IOException {
        Size size = new Size(reader.getWidth(0), reader.getHeight(0));
        if ((long) size.width() * size.height() > maxPixels) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_IMAGE,
                    SaliencyException.Topic.PIXEL_LIMIT,
                    "image " + path + " is " + size.width() + " x " + size.height() + " pixels, more than the limit of "
                            + maxPixels + ".");
        }
        return size;
    }

    /** Reads an image of at most {@link #DEFAULT_MAX_PIXELS}, at full resolution. */
    public static BufferedImage read(Path path) {
        return read(path, DEFAULT_MAX_PIXELS, 0);
    }

    /**
     * Reads an image as RGB, upright. Truncated or corrupt image data fails rather than being
     * filled in. An image above 16 megapixels is decoded with source subsampling when its shorter
     * side is at least 8 times {@code shorterSide}, keeping at least 4 times that: the model needs a
     * few hundred pixels, and decoding all of a huge photo costs gigabytes.
     *
     * @param shorterSide the shorter side the caller resizes to; 0 to decode every pixel
     */
    public static BufferedImage read(Path path, long maxPixels, int shorterSide) {
        return read(Source.of(path), maxPixels, shorterSide);
    }

    /**
     * {@link #read(Path, long, int)} for an image's encoded bytes (a row of a dataset, say).
     *
     * @param name what error messages call the image: where the bytes came from
     */
    public static BufferedImage read(byte[] content, String name, long maxPixels, int shorterSide) {
        return read(Source.of(content, name), maxPixels, shorterSide);
    }

    private static BufferedImage read(Source source, long maxPixels, int shorterSide) {
        String path = source.name();
        BufferedImage image = withReader(source, reader -> {
            // the size from the header, checked before the same reader decodes
            Size size = sizeWithin(path, reader, maxPixels);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(size, shorterSide);
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((reading, warning) -> warnings.add(warning));
            BufferedImage decoded = reader.read(0, param);
            if (!warnings.isEmpty()) {
                throw unreadable(path, "its image data is truncated or corrupt: " + warnings.get(0));
            }
            return decoded;
        });
        return toRgb(orient(image, orientation(source)));
    }

    static int subsampling(Size size, int shorterSide) {
        long pixels = (long) size.width() * size.height();
        if (shorterSide <= 0 || pixels <= SUBSAMPLE_ABOVE_PIXELS) {
            return 1;
        }
        return Math.max(1, Math.min(size.width(), size.height()) / (4 * shorterSide));
    }

    private interface ReaderTask<T> {
        T apply(ImageReader reader) throws IOException;
    }

    /** An image's bytes, from a file or from memory, and the name messages give it. */
    private interface Source {
        String name();

        ImageInputStream open() throws IOException;

        Metadata metadata() throws Exception;

        static Source of(Path path) {
            if (Files.isDirectory(path)) {
                throw new SaliencyException(SaliencyException.Kind.BAD_IMAGE, path + " is a directory, not an image.");
            }
            if (!Files.isRegularFile(path)) {
                throw new SaliencyException(SaliencyException.Kind.BAD_IMAGE, "image " + path + " does not exist.");
            }
            return new Source() {
                public String name() {
                    return path.toString();
                }

                public ImageInputStream open() throws IOException {
                    return ImageIO.createImageInputStream(path.toFile());
                }

                public Metadata metadata() throws Exception {
                    return ImageMetadataReader.readMetadata(path.toFile());
                }
            };
        }

        static Source of(byte[] content, String name) {
            return new Source() {
                public String name() {
                    return name;
                }

                public ImageInputStream open() {
                    return new MemoryCacheImageInputStream(new ByteArrayInputStream(content));
                }

                public Metadata metadata() throws Exception {
                    return ImageMetadataReader.readMetadata(new ByteArrayInputStream(content), content.length);
                }
            };
        }
    }

    /** Runs the task with the reader that recognises the image; every failure names it. */
    private static <T> T withReader(Source source, ReaderTask<T> task) {
        String path = source.name();
        try (ImageInputStream in = source.open()) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw unreadable(path, "no image reader recognises its content");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return task.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SaliencyException s) {
                throw s;
            }
            throw unreadable(path, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static SaliencyException unreadable(String path, String why) {
        return new SaliencyException(
                SaliencyException.Kind.BAD_IMAGE,
                SaliencyException.Topic.INPUTS,
                "cannot read image " + path + " (" + why + "). Give a PNG, JPEG, BMP, GIF, TIFF or WebP file.");
    }

    private static int orientation(Source source) {
        try {
            Metadata metadata = source.metadata();
            ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (Exception e) {
            // no readable metadata: the image is taken as stored
        }
        return 1;
    }

    /** Applies EXIF orientation 1..8 (rotations and mirrorings). */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        // x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12, for pixel-edge coordinates
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            default -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, t, null);
        g.dispose();
        return out;
    }

    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }
}
