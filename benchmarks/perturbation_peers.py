#!/usr/bin/env python3
"""The perturbation methods as the peers run them, for timing in the same run as saliency4j:
pytorch-grad-cam's ScoreCAM, AblationCAM and FullGrad, Captum's Occlusion, Lime and KernelShap, on
the torchvision model torch_side.py builds (random weights), at saliency4j's settings (internal
batch 16; window 16 stride 8; 1000 LIME rows and 2 M + 2048 KernelSHAP rows over the same 7 x 7
grid of 49 features that segmentation=grid segments=50 makes; LIME's fit a ridge, as saliency4j's).

  PYTHONPATH=../../shared/peers perturbation_peers.py NAME METHOD BATCH ITERATIONS THREADS
prints one JSON line (the median ms/image of ITERATIONS timed calls after one warm-up).
"""
import sys

import torch

import torch_side

CHUNK = 16


def grid_mask(cells=7, size=224):
    y, x = torch.meshgrid(torch.arange(size), torch.arange(size), indexing="ij")
    return ((y * cells // size) * cells + x * cells // size)[None, None]


def method_step(name, method, model, x, targets):
    layer = torch_side.module(model, torch_side.MODELS[name][1])
    if method in ("scorecam", "ablationcam", "fullgrad"):
        from pytorch_grad_cam import AblationCAM, FullGrad, ScoreCAM
        from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget
        if method == "scorecam":
            cam = ScoreCAM(model=model, target_layers=[layer])
            cam.batch_size = CHUNK
        elif method == "ablationcam":
            cam = AblationCAM(model=model, target_layers=[layer], batch_size=CHUNK)
        else:
            cam = FullGrad(model=model, target_layers=[])
        wanted = [ClassifierOutputTarget(int(t)) for t in targets]
        return lambda: cam(x, wanted)
    from captum.attr import KernelShap, Lime, Occlusion
    from captum._utils.models.linear_model import SkLearnRidge
    from captum.attr._core.lime import get_exp_kernel_similarity_function
    mask = grid_mask()
    if method == "occlusion":
        occlusion = Occlusion(model)
        return lambda: occlusion.attribute(x, sliding_window_shapes=(3, 16, 16), strides=(3, 8, 8), baselines=0,
                                           target=targets, perturbations_per_eval=CHUNK)
    if method == "lime":
        lime = Lime(model, interpretable_model=SkLearnRidge(alpha=1.0),
                    similarity_func=get_exp_kernel_similarity_function("cosine", 0.25))
        return lambda: [lime.attribute(x[n:n + 1], target=int(targets[n]), feature_mask=mask, baselines=0.0,
                                       n_samples=1000, perturbations_per_eval=CHUNK) for n in range(len(x))]
    shap = KernelShap(model)
    return lambda: [shap.attribute(x[n:n + 1], target=int(targets[n]), feature_mask=mask, baselines=0.0,
                                   n_samples=2 * 49 + 2048, perturbations_per_eval=CHUNK) for n in range(len(x))]


def main(name, method, batch, iterations, threads):
    torch.set_num_threads(threads)
    model = torch_side.build(name)
    torch.manual_seed(1)
    x = torch.randn(batch, 3, 224, 224)
    targets = torch.arange(batch) * 7 % 1000
    step = method_step(name, method, model, x, targets)
    peer = "pytorch-grad-cam" if method in ("scorecam", "ablationcam", "fullgrad") else "captum"
    torch_side.report({"side": peer, "model": name + ".onnx", "method": method, "batch": batch}, step, batch,
                      iterations)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
