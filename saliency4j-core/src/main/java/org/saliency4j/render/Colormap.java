package org.saliency4j.render;

/** Maps values in [0, 1] to RGB colours. */
public enum Colormap {
    /** The classic rainbow map most saliency papers and tools use. */
    JET {
        @Override
        public int rgb(float v) {
            float r = clamp(1.5f - Math.abs(4f * v - 3f));
            float g = clamp(1.5f - Math.abs(4f * v - 2f));
            float b = clamp(1.5f - Math.abs(4f * v - 1f));
            return pack(r, g, b);
        }
    };

    public abstract int rgb(float value);

    static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    static int pack(float r, float g, float b) {
        return (Math.round(r * 255) << 16) | (Math.round(g * 255) << 8) | Math.round(b * 255);
    }
}
