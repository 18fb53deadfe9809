#!/usr/bin/env python3
"""One-edit update latency of `qoima watch` (and, for comparison, `hugo server`).

    python3 bench/watch_latency.py QOIMA_BIN SITE_ROOT EDITS [HUGO_SITE]

Starts `qoima watch --format json` on SITE_ROOT, waits for the first build, then edits one
deposit.yaml EDITS times for each kind of edit and reads the update that follows. The latency
is measured from the moment the edit is on disk to the moment qoima reports its last page
renamed into place (`finished_unix`). Kinds:

  comment     a YAML comment: the deposit is read and checked again, nothing published changes
  annotation  the deposit's annotation: its pages and the search index change
  number      a number of one of the deposit's events: its pages, the reports that list it
  name        the system's Russian name: its pages, the register, the search index, reports,
              the state body's page

With HUGO_SITE (made by bench/hugo_site.py), `hugo server --renderToDisk` runs on it instead
and one content page is edited EDITS times; its latency is from the write until the rendered page
holds the new text (polled every 2 ms). Prints one Markdown row per kind: median and range.
"""
import json
import pathlib
import re
import statistics
import subprocess
import sys
import threading
import time
import queue

binary, root, edits = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3])
hugo_site = pathlib.Path(sys.argv[4]) if len(sys.argv) > 4 else None
deposits = sum(1 for _ in root.glob("archive/*/*/deposit.yaml"))


def edit(path, kind, n):
    text = path.read_text(encoding="utf-8")
    if kind == "comment":
        text += f"# edit {n}\n"
    elif kind == "annotation":
        text = re.sub(r'(annotation:\n  kk: ")', rf"\g<1>A{n} ", text, count=1)
    elif kind == "number":
        text = re.sub(r'(\n  - \{kind: [a-z_]+, date: [0-9-]+, number: ")', rf"\g<1>N{n}-", text, count=1)
    elif kind == "name":
        text = re.sub(r'(\n  (?:en|ru): ")', rf"\g<1>N{n} ", text, count=1)
    path.write_text(text, encoding="utf-8")
    return time.time()


def qoima():
    proc = subprocess.Popen(
        [binary, "--root", str(root), "--today", "2026-11-23", "--format", "json", "watch", "--out", str(root / "dist")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True).start()
    try:
        while json.loads(lines.get(timeout=600))["event"] != "built":
            pass
        time.sleep(2)
        systems = sorted(root.glob("archive/*/system.yaml"))
        system = systems[len(systems) // 2]
        deposit = sorted(system.parent.glob("*/deposit.yaml"))[0]
        for kind in ("comment", "annotation", "number", "name"):
            target = system if kind == "name" else deposit
            took, apply, files = [], [], []
            for n in range(edits):
                t0 = edit(target, kind, n)
                # Every update after the write, until none comes for a second (or twice as long
                # as an update takes): a save can arrive as several events, and the site is
                # current after the last update.
                got = []
                while True:
                    try:
                        quiet = max(1.0, 2 * max(v["ms"] for v in got) / 1000) if got else 120
                        v = json.loads(lines.get(timeout=quiet))
                    except queue.Empty:
                        break
                    if v["event"] == "update" and v["finished_unix"] > t0:
                        got.append(v)
                took.append((got[-1]["finished_unix"] - t0) * 1000)
                apply.append(sum(v["ms"] for v in got))
                files.append(sum(v["written"] + v["removed"] for v in got))
            print(f"| qoima watch, {kind} edit | {deposits} | {statistics.median(took):.0f} "
                  f"({min(took):.0f}–{max(took):.0f}) | {statistics.median(apply):.0f} | {statistics.median(files):.0f} |",
                  flush=True)
    finally:
        proc.kill()
        proc.wait()


def hugo():
    proc = subprocess.Popen(
        ["hugo", "server", "-s", str(hugo_site), "--renderToDisk", "--disableLiveReload", "--bind", "127.0.0.1",
         "--port", "0", "--appendPort=false", "--baseURL", "http://127.0.0.1/"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True).start()
    try:
        while "Web Server is available" not in lines.get(timeout=600):
            pass
        time.sleep(2)
        page = sorted((hugo_site / "content").glob("s0/p*.md"))[0]
        out = hugo_site / "public" / "s0" / page.stem / "index.html"
        took = []
        for n in range(edits):
            text = page.read_text(encoding="utf-8")
            marker = f"H{n}X{time.time_ns()}"
            t0 = time.time()
            page.write_text(text.replace("\n---\n\n", f"\n---\n\n{marker} ", 1), encoding="utf-8")
            while marker not in (out.read_text(encoding="utf-8", errors="replace") if out.exists() else ""):
                time.sleep(0.002)
                if time.time() - t0 > 120:
                    raise SystemExit("hugo server did not re-render the page in 120 s")
            took.append((time.time() - t0) * 1000)
            time.sleep(0.5)
        pages = sum(1 for _ in (hugo_site / "content").rglob("*.md"))
        print(f"| hugo server (same data, {pages} pages), content edit | {deposits} | {statistics.median(took):.0f} "
              f"({min(took):.0f}–{max(took):.0f}) | | |", flush=True)
    finally:
        proc.kill()
        proc.wait()


if hugo_site:
    hugo()
else:
    qoima()
