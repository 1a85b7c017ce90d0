"""Training benchmark: how long `rasa train` takes for the current data, and where the time goes.

    .venv/bin/python bench/train.py                        # config.yml
    .venv/bin/python bench/train.py config.yml other.yml   # several configs, each in a fresh process

Each config is trained from scratch (Rasa's component cache off) in a process of its own, into a
scratch folder. Every node of Rasa's training graph is timed through a graph hook, and the times
are summed per component and step ("train", "process training data"). Also: the whole training's
wall time, the process's peak memory (max RSS) and the model's size. Writes bench/results/train.json
(one entry per config) and prints a table.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "results" / "train.json"


def train_one(config: str) -> dict:
    """Train in this process, timing each graph node (run in a child process per config)."""
    sys.path.insert(0, str(ROOT))
    import bot  # noqa: F401  (telemetry off)
    from rasa.engine.training import graph_trainer
    from rasa.engine.training.hooks import LoggingHook
    from rasa.model_training import train

    from bot.model_cache import TRAINING_DATA

    nodes: dict = {}

    class TimingHook(LoggingHook):
        def on_before_node(self, node_name, execution_context, config, received_inputs):
            super().on_before_node(node_name, execution_context, config, received_inputs)
            return {"started": time.perf_counter()}

        def on_after_node(self, node_name, execution_context, config, output, input_hook_data):
            super().on_after_node(node_name, execution_context, config, output, input_hook_data)
            node = self._pruned_schema.nodes[node_name]
            step = "train" if node.fn == "train" else node.fn.replace("_", " ")
            key = f"{node.uses.__name__} ({step})"
            nodes[key] = nodes.get(key, 0.0) + time.perf_counter() - input_hook_data["started"]

    graph_trainer.LoggingHook = TimingHook
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        result = train(domain=str(ROOT / "domain.yml"), config=str(ROOT / config),
                       training_files=[str(ROOT / d) for d in TRAINING_DATA], output=out,
                       fixed_model_name="bench")
        wall = time.perf_counter() - started
        if result.code != 0 or not result.model:
            raise SystemExit(f"training failed with {config}")
        size = Path(result.model).stat().st_size
    by_component: dict = defaultdict(float)
    for key, seconds in nodes.items():
        by_component[key] += seconds
    return {
        "config": config,
        "train_s": round(wall, 1),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "model_mb": round(size / 2**20, 1),
        # The slowest steps first; steps under 0.05 s are left out.
        "components_s": {k: round(v, 1) for k, v in sorted(by_component.items(), key=lambda kv: -kv[1])
                         if v >= 0.05},
    }


def main(configs) -> None:
    results = json.loads(OUT.read_text()) if OUT.exists() else {}
    env = {**os.environ, "RASA_MAX_CACHE_SIZE": "0"}   # no cached components: train everything
    for config in configs:
        # Rasa's progress bars and logs go to a file, kept only when training fails.
        with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
            done = subprocess.run([sys.executable, __file__, "--one", config], cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, stderr=log, text=True)
            if done.returncode != 0:
                log.seek(0)
                raise SystemExit(f"training with {config} failed:\n{log.read()[-4000:]}")
        row = json.loads(done.stdout.strip().splitlines()[-1])
        results[config] = row
        print(f"{config}: {row['train_s']} s, peak {row['peak_memory_mb']} MB, model {row['model_mb']} MB")
        for name, seconds in row["components_s"].items():
            print(f"    {seconds:8.1f} s  {name}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=1) + "\n")
    print(f"written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        row = train_one(sys.argv[2])
        print(json.dumps(row))
    else:
        main(sys.argv[1:] or ["config.yml"])
