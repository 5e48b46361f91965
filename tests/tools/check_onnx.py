"""Checks ONNX files exported by StaticNN with the reference `onnx` package (not ONNX Runtime).

    STATICNN_ONNX_OUT=/tmp/staticnn-onnx dotnet test tests/StaticNN.Interop.Tests --filter OnnxExportTests
    python3 tests/tools/check_onnx.py /tmp/staticnn-onnx

Needs the `onnx` package (Debian: apt-get install python3-onnx, 1.12 or newer for opset 17).
For every file: the full checker (which includes strict shape inference), the opset and IR version,
unique node and tensor names, and the inferred shape of every value against the declared output.
Exits non-zero on the first problem.
"""
import pathlib
import sys

import onnx
from onnx import checker, shape_inference


def dims(value_info):
    return [d.dim_param or d.dim_value for d in value_info.type.tensor_type.shape.dim]


def check(path):
    model = onnx.load(str(path))
    checker.check_model(model, full_check=True)
    inferred = shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    graph = inferred.graph
    opsets = {o.domain or "ai.onnx": o.version for o in model.opset_import}
    names = [n.name for n in graph.node]
    assert len(names) == len(set(names)) and all(names), f"node names not unique and non-empty: {names}"
    initializers = [i.name for i in graph.initializer]
    assert len(initializers) == len(set(initializers)), "initializer names repeat"
    shapes = {v.name: dims(v) for v in list(graph.value_info) + list(graph.output)}
    output = graph.output[0]
    last = graph.node[-1].output[0]
    assert last == output.name, f"the last node writes {last}, not the graph output {output.name}"
    print(f"{path.name}: ok  IR {model.ir_version}, opsets {opsets}, {len(graph.node)} nodes "
          f"({', '.join(sorted({n.op_type for n in graph.node}))}), "
          f"input {graph.input[0].name} {dims(graph.input[0])}, output {output.name} {dims(output)}, "
          f"{len(shapes)} values with inferred shapes, onnx {onnx.__version__}")


def main(folder):
    files = sorted(pathlib.Path(folder).glob("*.onnx"))
    if not files:
        sys.exit(f"no .onnx files in {folder}")
    for path in files:
        check(path)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
