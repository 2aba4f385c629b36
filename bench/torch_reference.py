#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The PyTorch reference for `convolve-cli bench`.

The same network (conv 3x3 x8 same, ReLU, max-pool 2, conv 3x3 x16 same,
ReLU, max-pool 2, flatten, dense 10), the same data (the UCI 8x8 digits
shipped in resources/data, values / 16), Adam with lr 0.01, batch 32, no
augmentation, on one thread, and the same three figures under the same keys:

  forward_us_median           one image (batch 1) under torch.no_grad(), in us
  train_samples_per_s_median  forward + backward + Adam step, batch 32
  time_to_97_s_median         fresh weights until the test accuracy after
                              an epoch reaches 0.97 (at most 30 epochs)

Differences from the engine, none of which favours it:
- The split is stratified (360 test digits, every class in proportion) but
  drawn with numpy's generator, so it is not the engine's exact split.
- Weights start from PyTorch's default init (Kaiming-uniform), not the
  engine's He-normal; repeat r seeds torch with r + 1.
- Time to 97 % trains without augmentation (the engine's default config
  distorts every image at random, its full augmentation, which makes
  each epoch harder).

Written for Debian 12's python3-torch (1.13) under /usr/bin/python3.
"""

import argparse
import csv
import gzip
import os
import platform
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, os.pardir, "resources", "data", "uci-digits-8x8.csv.gz")
TEST_SIZE = 360
SPLIT_SEED = 20260101
TARGET = 0.97
MAX_EPOCHS = 30
BATCH = 32
LR = 0.01


def load_digits(path):
    with gzip.open(path, "rt", newline="") as f:
        rows = [[int(v) for v in row] for row in csv.reader(f) if row]
    data = np.array(rows, dtype=np.int64)
    x = (data[:, :64].astype(np.float32) / 16.0).reshape(-1, 1, 8, 8)
    y = data[:, 64]
    return x, y


def stratified_split(y, n_test, seed):
    """n_test indices, each class in proportion (largest remainders)."""
    rng = np.random.default_rng(seed)
    classes = np.unique(y)
    exact = {c: (y == c).sum() * n_test / len(y) for c in classes}
    take = {c: int(exact[c]) for c in classes}
    short = n_test - sum(take.values())
    for c in sorted(classes, key=lambda c: exact[c] - take[c], reverse=True)[:short]:
        take[c] += 1
    test = []
    for c in classes:
        idx = np.flatnonzero(y == c)
        rng.shuffle(idx)
        test.extend(idx[: take[c]])
    test = np.array(sorted(test))
    train = np.setdiff1d(np.arange(len(y)), test)
    return train, test


def make_net():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 2 * 2, 10),
    )


def accuracy(net, x, y):
    with torch.no_grad():
        return (net(x).argmax(1) == y).float().mean().item()


def train_epoch(net, opt, loss_fn, x, y, gen):
    perm = torch.randperm(len(y), generator=gen)
    for i in range(0, len(y), BATCH):
        b = perm[i:i + BATCH]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x[b]), y[b])
        loss.backward()
        opt.step()


def bench_forward(net, images, n):
    with torch.no_grad():
        t0 = time.perf_counter()
        for i in range(n):
            net(images[i % len(images)])
        return (time.perf_counter() - t0) * 1e6 / n


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=None,
                        help="repeats of each measurement (default 5, 3 with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="shorter runs: a smoke test, not a measurement")
    args = parser.parse_args()
    repeats = args.repeats or (3 if args.quick else 5)
    if repeats < 1:
        parser.error("--repeats must be at least 1")
    n_forwards = 500 if args.quick else 3000
    n_epochs = 1 if args.quick else 3

    torch.set_num_threads(1)
    x_all, y_all = load_digits(DATA)
    train_idx, test_idx = stratified_split(y_all, TEST_SIZE, SPLIT_SEED)
    x_train = torch.from_numpy(x_all[train_idx])
    y_train = torch.from_numpy(y_all[train_idx])
    x_test = torch.from_numpy(x_all[test_idx])
    y_test = torch.from_numpy(y_all[test_idx])
    loss_fn = nn.CrossEntropyLoss()

    print(f"# torch {torch.__version__} reference (threads: {torch.get_num_threads()})"
          + (" (quick)" if args.quick else ""))
    print(f"# machine: {cpu_model()}, {os.cpu_count()} logical CPUs")
    print(f"# data: {len(y_train)} train / {len(y_test)} test (stratified, numpy split)")
    print(f"# repeats: {repeats}; forward: {n_forwards} images per repeat; "
          f"throughput: {n_epochs} epochs per repeat")
    sys.stdout.flush()

    # (a) batch-1 forward latency
    torch.manual_seed(1)
    net = make_net()
    net.eval()
    images = [x_test[i:i + 1] for i in range(len(x_test))]
    bench_forward(net, images, 200)
    forward = [bench_forward(net, images, n_forwards) for _ in range(repeats)]

    # (b) training throughput
    net.train()
    opt = torch.optim.Adam(net.parameters(), lr=LR)
    gen = torch.Generator().manual_seed(1)
    train_epoch(net, opt, loss_fn, x_train, y_train, gen)
    throughput = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(n_epochs):
            train_epoch(net, opt, loss_fn, x_train, y_train, gen)
        throughput.append(len(y_train) * n_epochs / (time.perf_counter() - t0))

    # (c) time to 97 %: clock covers creation, training and the evaluation
    # after every epoch, like the engine's
    to_target, epochs_needed = [], []
    for r in range(repeats):
        t0 = time.perf_counter()
        torch.manual_seed(r + 1)
        net = make_net()
        opt = torch.optim.Adam(net.parameters(), lr=LR)
        gen = torch.Generator().manual_seed(r + 1)
        for epoch in range(1, MAX_EPOCHS + 1):
            train_epoch(net, opt, loss_fn, x_train, y_train, gen)
            if accuracy(net, x_test, y_test) >= TARGET:
                to_target.append(time.perf_counter() - t0)
                epochs_needed.append(epoch)
                break
        else:
            print(f"torch_reference: seed {r + 1} did not reach {TARGET}", file=sys.stderr)

    print(f"forward_us_median: {statistics.median(forward):.3f}")
    print(f"train_samples_per_s_median: {statistics.median(throughput):.0f}")
    if to_target:
        print(f"time_to_97_s_median: {statistics.median(to_target):.3f}")
        print(f"time_to_97_epochs_median: {statistics.median(epochs_needed):g}")
    else:
        print("time_to_97_s_median: inf")
        print("time_to_97_epochs_median: inf")
    print(f"time_to_97_reached: {len(to_target)}/{repeats}")


if __name__ == "__main__":
    main()
