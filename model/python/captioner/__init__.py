"""PyTorch image captioner: model, data, training, ONNX export (run through scripts/python.sh)."""
