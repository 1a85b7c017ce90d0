"""The trained Rasa model, cached by the fingerprint of what training reads.

Training takes minutes on two cores; runs and tests reuse models/passerelle-<fingerprint>.tar.gz
and train only when config, domain, training data or our NLU components changed.
"""
from __future__ import annotations

import fcntl
import hashlib
import subprocess
import sys
from pathlib import Path

from bot.settings import ROOT

# What the trained weights depend on: the data, and the code of our trainable NLU components
# (the intent classifier and the language profile, which read text folded by bot/text.py).
TRAINING_INPUTS = ("config.yml", "domain.yml", "data/nlu", "data/rules", "data/stories",
                   "bot/nlu/linear_intent_classifier.py", "bot/nlu/language_detector.py",
                   "bot/i18n/profile.py", "bot/text.py")
TRAINING_DATA = ("data/nlu", "data/rules", "data/stories")


def fingerprint(root: Path = ROOT) -> str:
    import rasa

    digest = hashlib.sha256(f"rasa {rasa.__version__}\n".encode())
    for name in TRAINING_INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path] if path.exists() else []
        for f in files:
            digest.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def model_path(model_dir: Path, root: Path = ROOT) -> Path:
    return model_dir / f"passerelle-{fingerprint(root)}.tar.gz"


def ensure_model(model_dir: Path, root: Path = ROOT) -> Path:
    """The model for the current data, trained now if there is none. A lock keeps two
    processes (two test sessions, a run and a test) from training the same model at once."""
    model_dir.mkdir(parents=True, exist_ok=True)
    target = model_path(model_dir, root)
    with open(model_dir / ".train.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.exists():
            return target
        print(f"Training the Rasa model (data changed): {target.name}", flush=True)
        command = [sys.executable, "-m", "rasa", "train", "--config", "config.yml", "--domain", "domain.yml",
                   "--data", *TRAINING_DATA, "--out", str(model_dir),
                   "--fixed-model-name", target.name[: -len(".tar.gz")]]
        subprocess.run(command, cwd=root, check=True)
        if not target.exists():
            raise RuntimeError(f"rasa train finished without writing {target}")
        return target
