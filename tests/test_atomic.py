"""Nothing lost: ``atomic_write`` leaves the old file or the new one, never a torn mix.

A child process rewrites a large file over and over, alternating two contents, and is killed
with SIGKILL at seeded random moments; after every kill the file must be exactly one of the
two. Concurrent writers with ``overwrite=False`` race for one path: exactly one wins.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from site_builder.fsutil import WriteRefused, atomic_write

SIZE = 4 * 1024 * 1024
OLD = b"A" * SIZE
NEW = b"B" * SIZE
KILLS = 12

WRITER = """
import sys
from pathlib import Path
from site_builder.fsutil import atomic_write
target = Path(sys.argv[1])
old, new = b"A" * {size}, b"B" * {size}
print("ready", flush=True)
i = 0
while True:
    atomic_write(target, new if i % 2 == 0 else old, overwrite=True)
    i += 1
"""


def test_sigkill_mid_write_never_tears(tmp_path: Path) -> None:
    target = tmp_path / "big.bin"
    atomic_write(target, OLD)
    rng = random.Random(20240402)
    survived = 0
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", WRITER.format(size=SIZE), str(target)],
                                 stdout=subprocess.PIPE)
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        data = target.read_bytes()
        assert data in (OLD, NEW), f"torn file: {len(data)} bytes, starts {data[:8]!r}"
        survived += 1
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "big.bin"]
    print(f"\natomic_write: {survived} SIGKILLs survived; {len(leftovers)} temp files left by killed writers")
    assert survived == KILLS
    assert all(name.startswith(".big.bin.") and name.endswith(".tmp") for name in leftovers)


def _race(
    path: str, content: bytes, start: multiprocessing.synchronize.Event, results: multiprocessing.Queue[str]
) -> None:
    start.wait()
    try:
        atomic_write(Path(path), content)
        results.put("won:" + content[:8].decode())
    except WriteRefused:
        results.put("refused")


def test_concurrent_writers_never_clobber(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    for round_ in range(5):
        target = tmp_path / f"race-{round_}.md"
        start, results = ctx.Event(), ctx.Queue()
        contents = [f"writer{n:02d}".encode() * 50_000 for n in range(6)]
        procs = [ctx.Process(target=_race, args=(str(target), c, start, results)) for c in contents]
        for p in procs:
            p.start()
        start.set()
        outcomes = [results.get(timeout=30) for _ in procs]
        for p in procs:
            p.join(timeout=30)
        winners = [o for o in outcomes if o.startswith("won:")]
        assert len(winners) == 1, outcomes
        assert outcomes.count("refused") == len(procs) - 1
        assert target.read_bytes() == next(c for c in contents if c[:8].decode() == winners[0][4:])
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(f".race-{round_}")) == []


def test_concurrent_registry_appends_keep_every_entry(tmp_path: Path) -> None:
    """Several processes appending new actors at once: every entry lands exactly once."""
    import multiprocessing as mp

    from site_builder.authoring.ingest.registry_append import append_entries

    registry = tmp_path / "actors.yml"
    registry.write_text("# curated\nkept:\n  name: Kept\n  kind: state\n", encoding="utf-8")

    ctx = mp.get_context("fork")
    workers = [
        ctx.Process(
            target=append_entries,
            args=(
                registry,
                {
                    f"new-{i}": {"name": f"New {i}", "kind": "person"},
                    "shared": {"name": "S", "kind": "state"},
                },
                {"kept"},
                f"worker {i}",
            ),
        )
        for i in range(6)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(30)
        assert w.exitcode == 0
    import yaml

    data = yaml.safe_load(registry.read_text(encoding="utf-8"))
    assert set(data) == {"kept", "shared"} | {f"new-{i}" for i in range(6)}
    assert registry.read_text(encoding="utf-8").startswith("# curated\nkept:\n")
    assert registry.read_text(encoding="utf-8").count("\nshared:") == 1
