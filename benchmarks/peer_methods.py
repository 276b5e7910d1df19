#!/usr/bin/env python3
"""Times the peers' own implementation of a saliency4j method, at saliency4j's defaults: Captum 0.8
for the gradient family, pytorch-grad-cam 1.5.5 for the CAMs (both from ../shared/peers).

  peer_methods.py NAME METHOD BATCH ITERATIONS THREADS    prints one JSON line (or nothing: no peer)

The model is torch_side.build(NAME), whose ONNX export saliency4j runs. The peers get the same
internal batch size as saliency4j (16 path points or noisy copies per forward pass) where they
take one. Warm-up calls (at least 2 and 2 seconds, as on saliency4j's side) on the whole batch
(on its first input for the path methods, whose passes have the internal batch's shape anyway),
then ITERATIONS timed calls on the whole batch.
"""
import sys
import time

import torch

import torch_side

CHUNK = 16  # saliency4j's default internal batch size
PATH_METHODS = ("integrated-gradients", "smoothgrad")


def captum_method(method, model, layer):
    """A function (x, targets) -> attribution, or None if Captum has no such method."""
    from captum import attr

    if method == "gradient":
        return attr.Saliency(model).attribute
    if method == "gradient-x-input":
        return attr.InputXGradient(model).attribute
    if method == "guided-backprop":
        return attr.GuidedBackprop(model).attribute
    if method == "deconvnet":
        return attr.Deconvolution(model).attribute
    if method == "guided-gradcam":
        return attr.GuidedGradCam(model, layer).attribute
    if method == "integrated-gradients":
        ig = attr.IntegratedGradients(model)
        return lambda x, t: ig.attribute(x, target=t, n_steps=50, method="gausslegendre", internal_batch_size=CHUNK,
                                         return_convergence_delta=True)
    if method == "smoothgrad":
        tunnel = attr.NoiseTunnel(attr.Saliency(model))

        def smoothgrad(x, t):
            # saliency4j's sigma is 0.15 of each input's value range; Captum takes one per call
            sigma = float(0.15 * (x.max() - x.min()))
            # nt_samples_batch_size counts copies per input: CHUNK images per forward pass in all
            return tunnel.attribute(x, target=t, nt_type="smoothgrad", nt_samples=25, stdevs=sigma,
                                    nt_samples_batch_size=max(1, CHUNK // x.shape[0]))
        return smoothgrad
    return None


def grad_cam_method(method, model, layer):
    """A function (x, targets) -> maps from pytorch-grad-cam, or None if it has no such method."""
    import pytorch_grad_cam as cams
    from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget

    classes = {"gradcam": cams.GradCAM, "gradcam++": cams.GradCAMPlusPlus, "xgradcam": cams.XGradCAM,
               "hirescam": cams.HiResCAM, "layercam": cams.LayerCAM, "eigencam": cams.EigenCAM}
    if method not in classes:
        return None
    cam = classes[method](model=model, target_layers=[layer])
    return lambda x, t: cam(input_tensor=x, targets=[ClassifierOutputTarget(int(c)) for c in t])


def main(name, method, batch, iterations, threads):
    torch.set_num_threads(threads)
    model = torch_side.build(name)
    for m in model.modules():
        if isinstance(m, (torch.nn.ReLU, torch.nn.ReLU6)):
            m.inplace = False  # Captum's rectifier hooks refuse in-place modules
    layer = torch_side.module(model, torch_side.MODELS[name][1])
    run = captum_method(method, model, layer) or grad_cam_method(method, model, layer)
    if run is None:
        return
    peer = "pytorch-grad-cam" if method in ("gradcam", "gradcam++", "xgradcam", "hirescam", "layercam", "eigencam") \
        else "captum"
    torch.manual_seed(0)
    x = torch.randn(batch, 3, 224, 224)
    targets = torch.arange(batch) * 7 % 1000
    warm = 1 if method in PATH_METHODS else batch

    def warm_up():  # the same as saliency4j's side: at least 2 calls and 2 seconds
        start = time.perf_counter()
        calls = 0
        while calls < 2 or time.perf_counter() - start < 2:
            run(x[:warm], targets[:warm])
            calls += 1

    torch_side.report({"side": peer, "model": name + ".onnx", "method": method, "batch": batch},
                      lambda: run(x, targets), batch, iterations, warm_up)

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
