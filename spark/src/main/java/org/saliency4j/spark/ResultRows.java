package org.saliency4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.saliency4j.metrics.MetricResult;
import org.saliency4j.pipeline.ExplainResult;

/**
 * The rows a dataset run gives: one per (image, method), with the map as array&lt;float&gt; ([H, W] in
 * row-major order, raw as map.npy holds it) and one column per metric; an image that could not be
 * read gives one row with only its input and the error.
 */
public final class ResultRows {
    public static final String INPUT = "input";
    public static final String METHOD = "method";
    public static final String MAP = "map";
    public static final String ERROR = "error";
    /** With {@link DatasetRequest#parts}: the result's other parts as bytes ({@link ExplanationParts}). */
    public static final String PARTS = "parts";

    private ResultRows() {}

    /** The columns, the metrics' last (their values as doubles; null where a metric does not apply). */
    public static StructType schema(List<String> metrics, boolean parts) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField(INPUT, DataTypes.StringType, false),
                DataTypes.createStructField(METHOD, DataTypes.StringType, true),
                DataTypes.createStructField("layer", DataTypes.StringType, true),
                DataTypes.createStructField("target", DataTypes.IntegerType, true),
                DataTypes.createStructField("label", DataTypes.StringType, true),
                DataTypes.createStructField("score", DataTypes.FloatType, true),
                DataTypes.createStructField("height", DataTypes.IntegerType, true),
                DataTypes.createStructField("width", DataTypes.IntegerType, true),
                DataTypes.createStructField(MAP, DataTypes.createArrayType(DataTypes.FloatType, false), true),
                DataTypes.createStructField(ERROR, DataTypes.StringType, true)));
        for (String metric : metrics) {
            fields.add(DataTypes.createStructField(metric, DataTypes.DoubleType, true));
        }
        if (parts) {
            fields.add(DataTypes.createStructField(PARTS, DataTypes.BinaryType, true));
        }
        return DataTypes.createStructType(fields);
    }

    /** A result's row, with its metrics' values in the schema's order. */
    static Row of(ExplainResult r, List<MetricResult> metrics, boolean parts) {
        Object[] values = new Object[10 + metrics.size() + (parts ? 1 : 0)];
        values[0] = r.source();
        values[1] = r.method().name();
        values[2] = r.layers().isEmpty() ? null : String.join(",", r.layers());
        values[3] = r.target();
        values[4] = r.label();
        values[5] = r.explanation().score();
        values[6] = (int) r.explanation().map().dim(0);
        values[7] = (int) r.explanation().map().dim(1);
        values[8] = r.explanation().map().data();
        for (int m = 0; m < metrics.size(); m++) {
            values[10 + m] = metrics.get(m).applies() ? metrics.get(m).value() : null;
        }
        if (parts) {
            values[values.length - 1] = ExplanationParts.encode(r.explanation(), metrics);
        }
        return RowFactory.create(values);
    }

    /** The row of an image that could not be read. */
    static Row failed(String input, String error, int metrics, boolean parts) {
        Object[] values = new Object[10 + metrics + (parts ? 1 : 0)];
        values[0] = input;
        values[9] = error;
        return RowFactory.create(values);
    }
}
