package org.saliency4j.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.Resampler;
import org.saliency4j.tensor.Tensor;

/**
 * An image made ready for a model: the original, the model input (one sample in the model's
 * layout) and where the crop lies in the original, to carry maps back onto it.
 *
 * @param cropX     left edge of the crop, in original pixels
 * @param cropY     top edge of the crop, in original pixels
 * @param cropW     crop width, in original pixels
 * @param cropH     crop height, in original pixels
 */
public record PreparedImage(
        BufferedImage original, Tensor input, double cropX, double cropY, double cropW, double cropH) {

    /** Resizes, crops and normalises an image as the preprocessing says. */
    public static PreparedImage prepare(BufferedImage image, Preprocessing p) {
        InputSpec spec = p.input();
        int w = image.getWidth();
        int h = image.getHeight();
        double factor = (double) p.resizeShorterSide() / Math.min(w, h);
        int resizedW = Math.max(1, (int) Math.round(w * factor));
        int resizedH = Math.max(1, (int) Math.round(h * factor));
        float[] planes = Resampler.resize(planes(image), 3, h, w, resizedH, resizedW);
        int cropH = Math.min(p.cropHeight(), resizedH);
        int cropW = Math.min(p.cropWidth(), resizedW);
        int top = (resizedH - cropH) / 2;
        int left = (resizedW - cropW) / 2;
        float[] cropped = new float[3 * cropH * cropW];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < cropH; y++) {
                System.arraycopy(
                        planes, (c * resizedH + top + y) * resizedW + left, cropped, (c * cropH + y) * cropW, cropW);
            }
        }
        float[] sized = cropH == spec.height() && cropW == spec.width()
                ? cropped
                : Resampler.resize(cropped, 3, cropH, cropW, spec.height(), spec.width());
        return new PreparedImage(
                image, normalise(sized, spec, p), left / factor, top / factor, cropW / factor, cropH / factor);
    }

    /**
     * The same prepared image with its original scaled down (bilinear) so that its longer side is at
     * most {@code maxSide} pixels, the crop scaled with it; unchanged when already that small. For
     * pictures of a map on a huge photo, at a size people look at.
     */
    public PreparedImage fittedTo(int maxSide) {
        int longer = Math.max(original.getWidth(), original.getHeight());
        if (longer <= maxSide) {
            return this;
        }
        double f = (double) maxSide / longer;
        int w = Math.max(1, (int) Math.round(original.getWidth() * f));
        int h = Math.max(1, (int) Math.round(original.getHeight() * f));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(original, 0, 0, w, h, null);
        g.dispose();
        return new PreparedImage(small, input, cropX * f, cropY * f, cropW * f, cropH * f);
    }

    /** The crop's pixel rectangle in the original image: left, top, width, height (clipped to the image). */
    public int[] cropRectangle() {
        int left = (int) Math.round(cropX);
        int top = (int) Math.round(cropY);
        int width = Math.max(1, Math.min(original.getWidth() - left, (int) Math.round(cropW)));
        int height = Math.max(1, Math.min(original.getHeight() - top, (int) Math.round(cropH)));
        return new int[] {left, top, width, height};
    }

    /**
     * A map at the model's input resolution [h, w] carried back onto the original image: resized
     * (bilinear, antialiased when shrinking) to the crop's extent and placed where the crop was
     * taken; zero outside the crop. [original height, original width].
     */
    public float[] mapToOriginal(float[] map, int h, int w) {
        int[] r = cropRectangle();
        float[] crop = Resampler.resize(map, 1, h, w, r[3], r[2]);
        int width = original.getWidth();
        float[] out = new float[width * original.getHeight()];
        for (int y = 0; y < r[3]; y++) {
            System.arraycopy(crop, y * r[2], out, (r[1] + y) * width + r[0], r[2]);
        }
        return out;
    }

    /** The image as three float planes R, G, B in [0, 255]. */
    static float[] planes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[3 * w * h];
        for (int i = 0; i < rgb.length; i++) {
            out[i] = (rgb[i] >> 16) & 0xff;
            out[w * h + i] = (rgb[i] >> 8) & 0xff;
            out[2 * w * h + i] = rgb[i] & 0xff;
        }
        return out;
    }

    private static Tensor normalise(float[] rgbPlanes, InputSpec spec, Preprocessing p) {
        int hw = spec.height() * spec.width();
        int channels = spec.channels();
        float[] out = new float[channels * hw];
        for (int c = 0; c < channels; c++) {
            // grey models take the mean of R, G, B; BGR models take the planes reversed
            int source = channels == 1 ? -1 : p.bgr() ? 2 - c : c;
            for (int i = 0; i < hw; i++) {
                float v = source < 0
                        ? (rgbPlanes[i] + rgbPlanes[hw + i] + rgbPlanes[2 * hw + i]) / 3f
                        : rgbPlanes[source * hw + i];
                float value = (v * p.scale() - p.mean()[c]) / p.std()[c];
                if (spec.layout() == InputSpec.Layout.NCHW) {
                    out[c * hw + i] = value;
                } else {
                    out[i * channels + c] = value;
                }
            }
        }
        long[] shape = spec.batchShape(1);
        return new Tensor(out, Arrays.copyOfRange(shape, 1, 4));
    }
}
