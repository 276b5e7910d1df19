package org.saliency4j.methods.optimisation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saliency4j.methods.MethodParameters;
import org.saliency4j.model.InputSpec;
import org.saliency4j.tensor.LinearResize;
import org.saliency4j.tensor.Tensor;

/**
 * iGOS++ (Khorram, Lawson, Li, CHIL 2021), as the authors' code (iGOS_pp) computes it: a deletion
 * mask Md and an insertion mask Mi, and their product P = up(Md) * up(Mi) (of the upsampled masks).
 * g_d = [dDel(P) + dIns(P) + dDel(up Md)] / 2 + dReg(Md Mi) and g_i = [dDel(P) + dIns(P) +
 * dIns(up Mi)] / 2 + dReg(Md Mi), each derivative with respect to the mask's own; the /2 is on the
 * path terms only. One line search for both masks on Del(up Md) + Ins(up Mi) + Del(P) + Ins(P) +
 * Reg(Md Mi) (no /2), with noise; the penalty on the low-resolution product, with the bilateral
 * total variation. The mask returned is Md * Mi; 1 - up of each mask is written as well.
 *
 * <p>Defaults are the authors' args.py (15 iterations of 20 path steps). Their main.py passes the
 * two swapped (iterations=ig_iter, ig_iter=iterations), so what it really ran by default was
 * {@code iterations=20 steps=15}.
 */
public final class IgosPlusPlus extends MaskMethod {
    public IgosPlusPlus() {
        super(
                "igos++",
                "iGOS++: a deletion and an insertion mask optimised together on their product, with "
                        + "bilateral total variation (the authors' code); map = 1 − up(Md · Mi)",
                bilateralParameters());
    }

    @Override
    MaskObjective objective(MethodParameters p, float[] chw, InputSpec spec, LinearResize up) {
        int s = p.integer("steps");
        double w = 1.0 / s;
        // search terms: Del(up Md), Ins(up Mi), Del(P), Ins(P); the gradient's are the same halved
        List<PathTerm> search = List.of(
                PathTerm.deletion(0, w, s, true),
                PathTerm.insertion(1, -w, s, true),
                PathTerm.deletion(0, w, s, true).times(1),
                PathTerm.insertion(0, -w, s, true).times(1));
        List<PathTerm> gradient =
                search.stream().map(t -> t.weighted(t.weight() / 2)).toList();
        BilateralObjective penalty = new BilateralObjective(p, chw, spec, up);
        return new MaskObjective() {
            @Override
            int masks() {
                return 2;
            }

            @Override
            List<PathTerm> gradientTerms() {
                return gradient;
            }

            @Override
            List<PathTerm> searchTerms() {
                return search;
            }

            @Override
            double penalty(float[][] masks, double[][] gradients) {
                float[] product = result(masks);
                if (gradients == null) {
                    return penalty.at(product, null);
                }
                double[] atProduct = new double[product.length];
                double value = penalty.at(product, atProduct);
                for (int i = 0; i < product.length; i++) {
                    gradients[0][i] += atProduct[i] * masks[1][i];
                    gradients[1][i] += atProduct[i] * masks[0][i];
                }
                return value;
            }

            @Override
            float[] result(float[][] masks) {
                float[] product = new float[masks[0].length];
                for (int i = 0; i < product.length; i++) {
                    product[i] = masks[0][i] * masks[1][i];
                }
                return product;
            }
        };
    }

    @Override
    Map<String, Tensor> extraMaps(float[][] masks, LinearResize up) {
        int h = up.outHeight();
        int w = up.outWidth();
        // in this order in every run (Map.of's order changes from one JVM to the next), as pages list them
        Map<String, Tensor> maps = new LinkedHashMap<>();
        maps.put("deletionMap", new Tensor(inverted(up.apply(masks[0])), h, w));
        maps.put("insertionMap", new Tensor(inverted(up.apply(masks[1])), h, w));
        return maps;
    }
}
