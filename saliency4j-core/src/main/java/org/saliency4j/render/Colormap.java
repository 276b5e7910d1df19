package org.saliency4j.render;

import java.util.Locale;
import org.saliency4j.SaliencyException;

/** Maps values in [0, 1] to RGB colours. */
public enum Colormap {
    /** The classic rainbow map most saliency papers and tools use. */
    JET {
        @Override
        public int rgb(float v) {
            return pack(1.5f - Math.abs(4f * v - 3f), 1.5f - Math.abs(4f * v - 2f), 1.5f - Math.abs(4f * v - 1f));
        }
    },
    /** Google's Turbo (Mikhailov 2019), by a published polynomial fit per channel. */
    TURBO {
        private final double[] red = {
            -3.88640322, -23.44894394, 141.551844, -240.965669, 172.35660841, -50.24955545, 4.9960608, 0.14434465
        };
        private final double[] green = {2.82956604, 4.27729857, -14.18503333, 4.84296658, 2.19418839, 0.09140261};
        private final double[] blue = {21.57469569, -72.72155837, 92.00658112, -52.17062334, 11.13054206, 0.17597339};

        @Override
        public int rgb(float v) {
            return pack((float) horner(red, v), (float) horner(green, v), (float) horner(blue, v));
        }
    },
    /** matplotlib's viridis, interpolated between its colours at 0, 1/4, 1/2, 3/4 and 1. */
    VIRIDIS {
        private final int[] stops = {0x440154, 0x3b528b, 0x21918c, 0x5ec962, 0xfde725};

        @Override
        public int rgb(float v) {
            return interpolate(stops, v);
        }
    },
    /** matplotlib's inferno, interpolated between its colours at 0, 0.2, ..., 1. */
    INFERNO {
        private final int[] stops = {0x000004, 0x420a68, 0x932667, 0xdd513a, 0xfca50a, 0xfcffa4};

        @Override
        public int rgb(float v) {
            return interpolate(stops, v);
        }
    },
    /** Diverging blue - white - red, for signed attributions (0.5 is zero). */
    BWR {
        private final int[] stops = {0x0000ff, 0xffffff, 0xff0000};

        @Override
        public int rgb(float v) {
            return interpolate(stops, v);
        }
    };

    public abstract int rgb(float value);

    /** The heatmap colormaps a user can choose (not the diverging one). */
    public static Colormap parse(String name) {
        try {
            Colormap c = valueOf(name.toUpperCase(Locale.ROOT));
            if (c != BWR) {
                return c;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new SaliencyException(
                SaliencyException.Kind.BAD_OPTION,
                "unknown colormap '" + name + "'; use jet, turbo, viridis or inferno.");
    }

    static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    static int pack(float r, float g, float b) {
        return (Math.round(clamp(r) * 255) << 16) | (Math.round(clamp(g) * 255) << 8) | Math.round(clamp(b) * 255);
    }

    static double horner(double[] highestFirst, double x) {
        double acc = 0;
        for (double c : highestFirst) {
            acc = acc * x + c;
        }
        return acc;
    }

    static int interpolate(int[] stops, float v) {
        float t = clamp(v) * (stops.length - 1);
        int i = Math.min((int) t, stops.length - 2);
        float f = t - i;
        int a = stops[i];
        int b = stops[i + 1];
        return pack(channel(a, 16, b, f), channel(a, 8, b, f), channel(a, 0, b, f));
    }

    private static float channel(int a, int shift, int b, float f) {
        float x = ((a >> shift) & 0xff) / 255f;
        float y = ((b >> shift) & 0xff) / 255f;
        return x + f * (y - x);
    }
}
