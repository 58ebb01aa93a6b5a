"""What machine a benchmark ran on: cores, memory, CPU model, load, versions."""

from __future__ import annotations

import os
import platform
import subprocess


def describe() -> str:
    """One paragraph: ``nproc``, ``free -h``, CPU model, load average, Python and library versions."""
    lines = []
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        nproc = str(os.cpu_count())
    model = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    lines.append(f"machine: nproc={nproc}; CPU: {model}; {platform.system()} {platform.release()}; "
                 f"Python {platform.python_version()}")
    try:
        free = subprocess.run(["free", "-h"], capture_output=True, text=True, check=False).stdout.strip()
        lines.append("free -h:\n" + free)
    except OSError:
        pass
    load = os.getloadavg()
    lines.append(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    versions = []
    for mod in ("spacy", "pyoxigraph", "rdflib"):
        try:
            versions.append(f"{mod} {__import__(mod).__version__}")
        except Exception:  # noqa: BLE001, S110 - a missing library just goes unlisted
            pass
    lines.append("versions: " + ", ".join(versions))
    return "\n".join(lines)


if __name__ == "__main__":
    print(describe())
