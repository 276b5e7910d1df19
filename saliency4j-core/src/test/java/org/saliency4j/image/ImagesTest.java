package org.saliency4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saliency4j.SaliencyException;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Npy;
import org.saliency4j.tensor.Resampler;
import org.saliency4j.tensor.Tensor;

class ImagesTest {
    static final Path IMAGES = Path.of("src/test/resources/images");

    @ParameterizedTest
    @CsvSource({"5,7", "30,40", "6,17"})
    void resamplerMatchesPillowBilinear(int h, int w) {
        Tensor src = Npy.read(IMAGES.resolve("resample_source.npy"));
        Tensor expected = Npy.read(IMAGES.resolve("resample_" + h + "x" + w + ".npy"));
        float[] actual = Resampler.resize(src.data(), 1, 13, 17, h, w);
        assertArrayEquals(expected.data(), actual, 1e-3f);
    }

    /** Stored 6 x 4 with red top-left; each EXIF orientation puts it somewhere else once upright. */
    @ParameterizedTest
    @CsvSource({"1,6,4,0,0", "2,6,4,5,0", "3,6,4,5,3", "4,6,4,0,3", "5,4,6,0,0", "6,4,6,3,0", "7,4,6,3,5", "8,4,6,0,5"})
    void exifOrientationIsApplied(int orientation, int width, int height, int redX, int redY) {
        BufferedImage img = ImageLoader.read(IMAGES.resolve("orientation_" + orientation + ".png"));
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
        assertEquals(0xff0000, img.getRGB(redX, redY) & 0xffffff);
    }

    @Test
    void unreadableImageGetsOneClearMessage() throws IOException {
        Path notAnImage = Files.createTempFile("s4j", ".png");
        Files.writeString(notAnImage, "this is text");
        SaliencyException e = assertThrows(SaliencyException.class, () -> ImageLoader.read(notAnImage));
        assertEquals(SaliencyException.Kind.BAD_IMAGE, e.kind());
        assertTrue(
                e.getMessage().contains(notAnImage.toString()) && e.getMessage().contains("PNG, JPEG"), e.getMessage());
    }

    @Test
    void prepareResizesCropsAndNormalises() {
        // 8 x 4 image, left half black, right half white; resize shorter side to 2, crop 2 x 2 in the centre
        BufferedImage img = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 4; x < 8; x++) {
                img.setRGB(x, y, 0xffffff);
            }
        }
        InputSpec spec = new InputSpec(3, 2, 2, InputSpec.Layout.NCHW);
        Preprocessing p = new Preprocessing(
                spec,
                2,
                2,
                2,
                false,
                1f / 255f,
                new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f},
                List.of());
        PreparedImage prepared = PreparedImage.prepare(img, p);
        assertArrayEquals(new long[] {3, 2, 2}, prepared.input().shape());
        // the crop covers resized columns 1..2 of 4. Shrinking by 2 widens the triangle filter to
        // 2 pixels: resized column 1 (centre 3.0) weighs original columns 1..4 as 1:3:3:1, and only
        // column 4 is white, so its value is 255 / 8, normalised (1/8 - 1/2) / (1/2) = -0.75.
        float[] x = prepared.input().data();
        assertEquals(-0.75f, x[0], 1e-6);
        assertEquals(0.75f, x[1], 1e-6);
        assertEquals(2.0, prepared.cropX(), 1e-9);
        assertEquals(4.0, prepared.cropW(), 1e-9);
    }

    @Test
    void npyRoundTripKeepsShapeAndValues() throws IOException {
        Tensor t = new Tensor(new float[] {1.5f, -2f, 3.25f, 0f, 7f, 8f}, 2, 3);
        Path f = Files.createTempFile("s4j", ".npy");
        Files.write(f, Npy.toBytes(t));
        Tensor back = Npy.read(f);
        assertArrayEquals(t.shape(), back.shape());
        assertArrayEquals(t.data(), back.data());
        // header padded so that the data starts on a 64-byte boundary, as NumPy writes it
        assertEquals(0, (Files.size(f) - 4 * 6) % 64);
    }
}
