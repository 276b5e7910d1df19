package org.saliency4j.autodiff;

import java.util.Arrays;

/**
 * The sliding-window parameters of a Conv or pooling node per spatial axis, with auto_pad turned
 * into explicit begin and end pads.
 */
record WindowGeometry(
        long[] inSize,
        long[] outSize,
        long[] kernel,
        long[] strides,
        long[] dilations,
        long[] padBegin,
        long[] padEnd) {

    static WindowGeometry of(BackwardContext ctx, long[] kernel) {
        long[] in = ctx.shape(ctx.input(0));
        long[] out = ctx.shape(ctx.output(0));
        int r = kernel.length;
        long[] inSize = new long[r];
        long[] outSize = new long[r];
        for (int i = 0; i < r; i++) {
            inSize[i] = in[i + 2];
            outSize[i] = out[i + 2];
        }
        long[] strides = orOnes(ctx.attrInts("strides"), r);
        long[] dilations = orOnes(ctx.attrInts("dilations"), r);
        long[] begin = new long[r];
        long[] end = new long[r];
        String autoPad = ctx.attrString("auto_pad", "NOTSET");
        long[] pads = ctx.attrInts("pads");
        for (int i = 0; i < r; i++) {
            switch (autoPad) {
                case "SAME_UPPER", "SAME_LOWER" -> {
                    long total =
                            Math.max(0, (outSize[i] - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - inSize[i]);
                    long small = total / 2;
                    begin[i] = autoPad.equals("SAME_UPPER") ? small : total - small;
                    end[i] = total - begin[i];
                }
                case "VALID" -> {
                    begin[i] = 0;
                    end[i] = 0;
                }
                default -> {
                    begin[i] = pads == null ? 0 : pads[i];
                    end[i] = pads == null ? 0 : pads[i + r];
                }
            }
        }
        return new WindowGeometry(inSize, outSize, kernel, strides, dilations, begin, end);
    }

    private static long[] orOnes(long[] values, int r) {
        if (values != null) {
            return values;
        }
        long[] ones = new long[r];
        Arrays.fill(ones, 1);
        return ones;
    }

    int rank() {
        return kernel.length;
    }

    boolean unitStrides() {
        for (long s : strides) {
            if (s != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Pads and output padding for the transposed window op that maps an output-sized gradient back
     * to the input size. Where the forward windows overhang the input (ceil_mode), the end pad
     * grows, which crops the overhang.
     */
    long[][] transposedPadding() {
        int r = rank();
        long[] pads = new long[2 * r];
        long[] outputPadding = new long[r];
        for (int i = 0; i < r; i++) {
            long full = strides[i] * (outSize[i] - 1) + dilations[i] * (kernel[i] - 1) + 1;
            pads[i] = padBegin[i];
            long covered = full - padBegin[i] - padEnd[i];
            if (covered >= inSize[i]) {
                pads[i + r] = full - padBegin[i] - inSize[i];
            } else {
                pads[i + r] = padEnd[i];
                outputPadding[i] = inSize[i] - covered;
            }
        }
        return new long[][] {pads, outputPadding};
    }
}
