package org.saliency4j.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.methods.Explanation;
import org.saliency4j.metrics.MetricResult;
import org.saliency4j.tensor.Tensor;

/**
 * What a result holds beyond its row's columns (an explanation's attribution, layer maps, extra maps
 * and details; each metric's details and curve), as bytes in one column, so that the driver can
 * write the CLI's files from the rows.
 */
final class ExplanationParts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> DETAILS = new TypeReference<>() {};

    private ExplanationParts() {}

    static byte[] encode(Explanation e, List<MetricResult> metrics) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(e.layerMaps().size());
            for (Tensor t : e.layerMaps()) {
                write(out, t);
            }
            write(out, e.attribution());
            out.writeInt(e.extraMaps().size());
            for (var extra : e.extraMaps().entrySet()) {
                out.writeUTF(extra.getKey());
                write(out, extra.getValue());
            }
            writeDetails(out, e.details());
            out.writeInt(metrics.size());
            for (MetricResult m : metrics) {
                writeDetails(out, m.details());
                write(out, m.curve());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** A decoded result: the explanation, whole again, and its metrics' values with their details and curves. */
    record Decoded(Explanation explanation, List<MetricResult> metrics) {}

    /** @param values each metric's value from its column, null where it does not apply */
    static Decoded decode(byte[] parts, Tensor map, float score, List<Double> values) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parts))) {
            List<Tensor> layerMaps = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                layerMaps.add(read(in));
            }
            Tensor attribution = read(in);
            Map<String, Tensor> extra = new LinkedHashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                extra.put(in.readUTF(), read(in));
            }
            Explanation explanation = new Explanation(map, layerMaps, attribution, score, readDetails(in), extra);
            List<MetricResult> metrics = new ArrayList<>();
            for (int m = 0, n = in.readInt(); m < n; m++) {
                Map<String, Object> details = readDetails(in);
                Tensor curve = read(in);
                Double value = values.get(m);
                metrics.add(new MetricResult(value == null ? Double.NaN : value, details, curve));
            }
            return new Decoded(explanation, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DataOutputStream out, Tensor t) throws IOException {
        out.writeBoolean(t != null);
        if (t == null) {
            return;
        }
        out.writeInt(t.shape().length);
        for (long d : t.shape()) {
            out.writeLong(d);
        }
        for (float v : t.data()) {
            out.writeFloat(v);
        }
    }

    private static Tensor read(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        long[] shape = new long[in.readInt()];
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.readLong();
            size *= shape[i];
        }
        float[] data = new float[Math.toIntExact(size)];
        for (int i = 0; i < data.length; i++) {
            data[i] = in.readFloat();
        }
        return new Tensor(data, shape);
    }

    private static void writeDetails(DataOutputStream out, Map<String, Object> details) throws IOException {
        byte[] json = JSON.writeValueAsBytes(details);
        out.writeInt(json.length);
        out.write(json);
    }

    private static Map<String, Object> readDetails(DataInputStream in) throws IOException {
        byte[] json = in.readNBytes(in.readInt());
        try {
            return JSON.readValue(json, DETAILS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
