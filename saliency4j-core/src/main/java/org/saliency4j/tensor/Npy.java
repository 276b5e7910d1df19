package org.saliency4j.tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;

/** Reads and writes NumPy .npy files (format 1.0/2.0): float32 in C order, little-endian. */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** The bytes of a .npy file holding the tensor. */
    public static byte[] toBytes(Tensor tensor) {
        StringBuilder dims = new StringBuilder();
        for (long d : tensor.shape()) {
            dims.append(d).append(", ");
        }
        String shape = tensor.rank() == 1
                ? dims.toString().trim()
                : dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2);
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }";
        int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        header = header + " ".repeat(padding) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 4 * tensor.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        buf.asFloatBuffer().put(tensor.data());
        return buf.array();
    }

    /**
     * Reads a float32 (or float64, converted) C-order .npy file. The header is checked before
     * anything is allocated: the shape must be non-negative whole numbers whose product fits in an
     * array and matches the data the file holds.
     */
    public static Tensor read(Path path) {
        byte[] bytes;
        try {
            if (Files.size(path) > Integer.MAX_VALUE - 64) {
                throw notNpy(path, "it is larger than 2 GB; split the batch into several files");
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.IO, "cannot read " + path + ": " + IoErrors.reason(e), e);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte b : MAGIC) {
            if (buf.remaining() == 0 || buf.get() != b) {
                throw notNpy(path, "it does not start with the .npy magic bytes");
            }
        }
        if (buf.remaining() < 6) {
            throw notNpy(path, "its header is truncated");
        }
        int major = buf.get();
        buf.get();
        long headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : Integer.toUnsignedLong(buf.getInt());
        if (headerLength > buf.remaining()) {
            throw notNpy(path, "its header is truncated");
        }
        String header = new String(bytes, buf.position(), (int) headerLength, StandardCharsets.US_ASCII);
        buf.position(buf.position() + (int) headerLength);
        Matcher descr = DESCR.matcher(header);
        Matcher order = ORDER.matcher(header);
        Matcher shapeMatch = SHAPE.matcher(header);
        if (!descr.find() || !order.find() || !shapeMatch.find()) {
            throw notNpy(path, "its header is malformed");
        }
        if (order.group(1).equals("True")) {
            throw notNpy(path, "it is in Fortran order; save it with numpy.ascontiguousarray first");
        }
        int width = switch (descr.group(1)) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw notNpy(path, "its dtype is " + descr.group(1) + "; use float32 ('<f4')");
        };
        long[] shape = shape(path, shapeMatch.group(1));
        long count = 1;
        for (long d : shape) {
            count *= d;
            if (count > Integer.MAX_VALUE - 8) {
                throw notNpy(path, "its shape " + Arrays.toString(shape) + " holds more values than an array can");
            }
        }
        if (buf.remaining() != width * count) {
            throw notNpy(
                    path,
                    "its header declares " + count + " values of " + width + " bytes, but the file holds "
                            + buf.remaining() + " bytes of data");
        }
        float[] data = new float[(int) count];
        if (width == 4) {
            buf.asFloatBuffer().get(data);
        } else {
            for (int i = 0; i < count; i++) {
                data[i] = (float) buf.getDouble();
            }
        }
        return new Tensor(data, shape);
    }

    private static long[] shape(Path path, String text) {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String d = part.strip();
            if (d.isEmpty()) {
                continue;
            }
            if (!d.matches("\\d{1,10}")) {
                throw notNpy(path, "its shape holds '" + d + "', not a dimension");
            }
            dims.add(Long.parseLong(d));
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static SaliencyException notNpy(Path path, String why) {
        return new SaliencyException(
                SaliencyException.Kind.BAD_SHAPE, path + " is not a usable .npy file: " + why + ".");
    }
}
