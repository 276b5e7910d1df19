package org.saliency4j.model;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.saliency4j.IoErrors;
import org.saliency4j.SaliencyException;

/**
 * Inlines weights that a model keeps in files beside it. The rewritten graph is handed to ONNX
 * Runtime as bytes, which has no directory to resolve external paths against. As ONNX requires,
 * a location must lie inside the model's folder, and a weight's bytes must be what its declared
 * shape and type need, so that a model file can neither read other files nor make the tool
 * allocate more than its weights.
 */
final class ExternalData {
    private ExternalData() {}

    static TensorProto inline(TensorProto tensor, Path dir) {
        if (tensor.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
            return tensor;
        }
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto entry : tensor.getExternalDataList()) {
            switch (entry.getKey()) {
                case "location" -> location = entry.getValue();
                case "offset" -> offset = Long.parseLong(entry.getValue());
                case "length" -> length = Long.parseLong(entry.getValue());
                default -> {
                    // checksum and other keys are not needed to read the bytes
                }
            }
        }
        if (location == null) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_MODEL,
                    "weight '" + tensor.getName() + "' is stored externally but names no file.");
        }
        Path file = confined(dir, location, tensor.getName());
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = length >= 0 ? length : in.length() - offset;
            if (offset < 0 || size < 0 || offset + size > in.length()) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_MODEL,
                        "external weight file " + file + " is shorter than weight '" + tensor.getName()
                                + "' needs; copy the complete file next to the model.");
            }
            long declared = declaredBytes(tensor);
            if (declared >= 0 && declared != size) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_MODEL,
                        "weight '" + tensor.getName() + "' declares " + declared + " bytes but its external data holds "
                                + size + "; the model's weight files do not belong to it.");
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_MODEL,
                        "weight '" + tensor.getName() + "' is larger than 2 GB, which saliency4j cannot hold.");
            }
            byte[] bytes = new byte[(int) size];
            in.seek(offset);
            in.readFully(bytes);
            return tensor.toBuilder()
                    .clearExternalData()
                    .setDataLocation(TensorProto.DataLocation.DEFAULT)
                    .setRawData(ByteString.copyFrom(bytes))
                    .build();
        } catch (IOException e) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_MODEL,
                    "cannot read external weight file " + file
                            + " for weight '" + tensor.getName() + "': " + IoErrors.reason(e)
                            + ". Keep the model's weight files next to the .onnx file.",
                    e);
        }
    }

    /** The location resolved inside the model's folder, symbolic links followed; anywhere else is refused. */
    private static Path confined(Path dir, String location, String tensor) {
        Path folder = dir.toAbsolutePath().normalize();
        Path file = folder.resolve(location).normalize();
        boolean inside = !Path.of(location).isAbsolute() && file.startsWith(folder);
        try {
            inside = inside && file.toRealPath().startsWith(folder.toRealPath());
        } catch (IOException e) {
            // a missing file is reported when it is read
        }
        if (!inside) {
            throw new SaliencyException(
                    SaliencyException.Kind.BAD_MODEL,
                    "weight '" + tensor + "' names the external file '" + location
                            + "', which lies outside the model's folder; ONNX external data must be inside it.");
        }
        return file;
    }

    /** The bytes the tensor's shape and type need, or -1 for a type whose size is not fixed. */
    private static long declaredBytes(TensorProto tensor) {
        int width = switch (tensor.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE,
                    TensorProto.DataType.INT32_VALUE,
                    TensorProto.DataType.UINT32_VALUE -> 4;
            case TensorProto.DataType.DOUBLE_VALUE,
                    TensorProto.DataType.INT64_VALUE,
                    TensorProto.DataType.UINT64_VALUE -> 8;
            case TensorProto.DataType.FLOAT16_VALUE,
                    TensorProto.DataType.BFLOAT16_VALUE,
                    TensorProto.DataType.INT16_VALUE,
                    TensorProto.DataType.UINT16_VALUE -> 2;
            case TensorProto.DataType.INT8_VALUE, TensorProto.DataType.UINT8_VALUE, TensorProto.DataType.BOOL_VALUE ->
                1;
            default -> -1;
        };
        if (width < 0) {
            return -1;
        }
        long bytes = width;
        for (long d : tensor.getDimsList()) {
            if (d < 0 || bytes > Long.MAX_VALUE / Math.max(1, d)) {
                return Long.MAX_VALUE;
            }
            bytes *= d;
        }
        return bytes;
    }
}
