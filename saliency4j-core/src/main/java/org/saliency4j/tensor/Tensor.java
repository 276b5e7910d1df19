package org.saliency4j.tensor;

import java.util.Arrays;
import java.util.List;

/** A dense float32 tensor in C order: the unit of data that flows between the library's layers. */
public final class Tensor {
    private final float[] data;
    private final long[] shape;

    public Tensor(float[] data, long... shape) {
        if (data.length != elementCount(shape)) {
            throw new IllegalArgumentException(
                    "data length " + data.length + " does not match shape " + Arrays.toString(shape));
        }
        this.data = data;
        this.shape = shape.clone();
    }

    public static Tensor zeros(long... shape) {
        return new Tensor(new float[Math.toIntExact(elementCount(shape))], shape);
    }

    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public float[] data() {
        return data;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    /** The i-th entry along the first axis, as a tensor of rank one less (a copy). */
    public Tensor slice(int index) {
        long[] inner = Arrays.copyOfRange(shape, 1, shape.length);
        int n = Math.toIntExact(elementCount(inner));
        return new Tensor(Arrays.copyOfRange(data, index * n, (index + 1) * n), inner);
    }

    /** Entries start (inclusive) to end (exclusive) along the first axis, as a tensor of the same rank (a copy). */
    public Tensor rows(int start, int end) {
        long[] shape = this.shape.clone();
        shape[0] = end - start;
        int n = Math.toIntExact(elementCount(Arrays.copyOfRange(this.shape, 1, this.shape.length)));
        return new Tensor(Arrays.copyOfRange(data, start * n, end * n), shape);
    }

    /** Stacks equally shaped tensors along a new first axis. */
    public static Tensor stack(List<Tensor> parts) {
        long[] inner = parts.get(0).shape;
        int n = parts.get(0).size();
        float[] out = new float[n * parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            Tensor part = parts.get(i);
            if (!Arrays.equals(part.shape, inner)) {
                throw new IllegalArgumentException(
                        "cannot stack shapes " + Arrays.toString(inner) + " and " + Arrays.toString(part.shape));
            }
            System.arraycopy(part.data, 0, out, i * n, n);
        }
        long[] shape = new long[inner.length + 1];
        shape[0] = parts.size();
        System.arraycopy(inner, 0, shape, 1, inner.length);
        return new Tensor(out, shape);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }

    /** The index of the first NaN or infinite value, or -1 when all are finite. */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }
}
