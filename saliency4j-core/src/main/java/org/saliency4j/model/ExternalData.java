package org.saliency4j.model;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.saliency4j.SaliencyException;

/**
 * Inlines weights that a model keeps in files beside it. The rewritten graph is handed to ONNX
 * Runtime as bytes, which has no directory to resolve external paths against.
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
        Path file = dir.resolve(location).normalize();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = length >= 0 ? length : in.length() - offset;
            if (offset + size > in.length()) {
                throw new SaliencyException(
                        SaliencyException.Kind.BAD_MODEL,
                        "external weight file " + file + " is shorter than weight '" + tensor.getName()
                                + "' needs; copy the complete file next to the model.");
            }
            byte[] bytes = new byte[Math.toIntExact(size)];
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
                            + " for weight '" + tensor.getName() + "': " + e.getMessage()
                            + ". Keep the model's weight files next to the .onnx file.",
                    e);
        }
    }
}
