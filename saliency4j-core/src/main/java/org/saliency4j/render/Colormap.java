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
    /** Google's Turbo (Mikhailov 2019), its published 256-entry table. */
    TURBO {
        private final int[] table = Tables.get("turbo");

        @Override
        public int rgb(float v) {
            return Tables.lookup(table, v);
        }
    },
    /** matplotlib's viridis, its 256-entry table. */
    VIRIDIS {
        private final int[] table = Tables.get("viridis");

        @Override
        public int rgb(float v) {
            return Tables.lookup(table, v);
        }
    },
    /** matplotlib's inferno, its 256-entry table. */
    INFERNO {
        private final int[] table = Tables.get("inferno");

        @Override
        public int rgb(float v) {
            return Tables.lookup(table, v);
        }
    },
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
