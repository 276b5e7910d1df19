package org.saliency4j.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import org.saliency4j.SaliencyException;

/**
 * Reads PNG, JPEG, BMP, GIF, TIFF and WebP (the last two through the TwelveMonkeys ImageIO
 * plugins) as RGB, upright according to the EXIF orientation.
 */
public final class ImageLoader {
    private ImageLoader() {}

    /** Checks, without decoding, that the file exists and an image reader recognises it. */
    public static void check(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new SaliencyException(SaliencyException.Kind.BAD_IMAGE, "image " + path + " does not exist.");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null || !ImageIO.getImageReaders(in).hasNext()) {
                throw unreadable(path, "no image reader recognises its content");
            }
        } catch (IOException e) {
            throw unreadable(path, e.getMessage());
        }
    }

    public static BufferedImage read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new SaliencyException(SaliencyException.Kind.BAD_IMAGE, "image " + path + " does not exist.");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(path.toFile());
        } catch (IOException | RuntimeException e) {
            throw unreadable(path, e.getMessage());
        }
        if (image == null) {
            throw unreadable(path, "no image reader recognises its content");
        }
        return toRgb(orient(image, orientation(path)));
    }

    private static SaliencyException unreadable(Path path, String why) {
        return new SaliencyException(
                SaliencyException.Kind.BAD_IMAGE,
                SaliencyException.Topic.INPUTS,
                "cannot read image " + path + " (" + why + "). Give a PNG, JPEG, BMP, GIF, TIFF or WebP file.");
    }

    private static int orientation(Path path) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(path.toFile());
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
