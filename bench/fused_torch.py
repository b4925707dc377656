"""PyTorch CPU reference for bench/fused.ts: the same model (LSTM/GRU(units) -> Linear(1)), shapes,
loss (MSE) and optimizer (Adam 1e-3) as the fused engine; prints {"msPerBatch", "threads"} as JSON.
Run with /usr/bin/python3 (Debian's python3-torch). Usage:
  fused_torch.py CELL UNITS LOOKBACK FEATURES BATCH SAMPLES BATCHES"""
import json
import sys
import time

import torch


def main() -> None:
    cell, units, lookback, features, batch, samples, batches = sys.argv[1], *map(int, sys.argv[2:8])
    torch.manual_seed(1)
    rnn = (torch.nn.LSTM if cell == "lstm" else torch.nn.GRU)(features, units, batch_first=True)
    head = torch.nn.Linear(units, 1)
    params = list(rnn.parameters()) + list(head.parameters())
    opt = torch.optim.Adam(params, lr=1e-3, eps=1e-7)
    x = torch.randn(samples, lookback, features)
    y = torch.randn(samples, 1)
    per_epoch = (samples + batch - 1) // batch

    def step(i: int) -> None:
        s = (i % per_epoch) * batch
        xb, yb = x[s : s + batch], y[s : s + batch]
        opt.zero_grad()
        out, _ = rnn(xb)
        loss = torch.nn.functional.mse_loss(head(out[:, -1]), yb)
        loss.backward()
        opt.step()

    for i in range(2):
        step(i)
    start = time.perf_counter()
    for i in range(2, 2 + batches):
        step(i)
    ms = (time.perf_counter() - start) * 1000 / batches
    print(json.dumps({"msPerBatch": ms, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
