#!/usr/bin/env python3
"""Start-up bench: the release app against `chromium --app` opening the same UI bundle.

Times each program from its start until the library is on screen, in one run, side by side:
  - cold: the page cache dropped before each start (needs root; skipped, and said, without it);
  - warm: started again at once.
The app says it is up in its log ("the library is on screen", after the library's first rows
have painted); the UI in Chromium (the same bundle, served on 127.0.0.1, on the UI's in-memory
platform) says it on the console, which Chromium writes to its log. Both open the sample library:
the app an existing library (made once before timing, copied for each start), Chromium its
in-memory copy. Each program keeps one profile across its starts (made before timing), as a
journalist's does.

  python3 scripts/bench-start.py [--app target/release/byline-app] [--runs 5] [--cold-runs 3]

Prints each start, the medians, and the ratios app/Chromium (the goal: at most 1.0x, cold and
warm). Runs itself under xvfb-run when there is no display.
"""

import argparse
import functools
import http.server
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "the library is on screen"
TIMEOUT_S = 60


def drop_page_cache() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def serve(dist: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(dist))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


class App:
    name = "app"

    def __init__(self, binary: Path, cli: Path, work: Path):
        self.binary = binary
        self.work = work
        self.env = dict(os.environ)
        for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            path = work / key.lower()
            path.mkdir(parents=True, exist_ok=True)
            self.env[key] = str(path)
        self.env["BYLINE_LOG"] = "info"
        self.library = work / "library"
        # The library, made (and its sample seeded) once, before any start is timed.
        subprocess.run([str(cli), "--library", str(self.library), "list"], check=True,
                       env=self.env, stdout=subprocess.DEVNULL)
        self.logs = Path(self.env["XDG_STATE_HOME"]) / "byline" / "logs"

    def start(self) -> float:
        shutil.rmtree(self.logs, ignore_errors=True)
        env = dict(self.env, BYLINE_LIBRARY=str(self.library))
        began = time.monotonic()
        proc = subprocess.Popen([str(self.binary)], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            while time.monotonic() - began < TIMEOUT_S:
                for log in self.logs.glob("byline*.log") if self.logs.is_dir() else []:
                    if MARK in log.read_text(errors="replace"):
                        return time.monotonic() - began
                if proc.poll() is not None:
                    raise RuntimeError(f"the app exited ({proc.returncode}) before the library showed")
                time.sleep(0.002)
            raise RuntimeError(f"the app did not show the library within {TIMEOUT_S} s")
        finally:
            stop(proc)


class Chromium:
    name = "chromium"

    def __init__(self, binary: str, url: str, work: Path):
        self.binary = binary
        self.url = url
        self.profile = work / "chromium-profile"

    def start(self) -> float:
        args = [self.binary, f"--app={self.url}", f"--user-data-dir={self.profile}",
                "--no-first-run", "--no-default-browser-check", "--disable-sync",
                "--disable-background-networking", "--disable-component-update",
                "--password-store=basic", "--enable-logging=stderr", "--v=0",
                "--window-size=1280,800"]
        if os.geteuid() == 0:
            args.append("--no-sandbox")
        began = time.monotonic()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True, text=True, errors="replace")
        found = threading.Event()

        def watch():
            for line in proc.stderr:
                if MARK in line:
                    found.set()

        threading.Thread(target=watch, daemon=True).start()
        try:
            if not found.wait(TIMEOUT_S):
                raise RuntimeError(f"Chromium did not show the library within {TIMEOUT_S} s")
            return time.monotonic() - began
        finally:
            stop(proc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--app", default=str(ROOT / "target/release/byline-app"))
    parser.add_argument("--cli", default=None, help="the byline CLI (default: beside the app)")
    parser.add_argument("--dist", default=str(ROOT / "ui/dist"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--runs", type=int, default=5, help="warm starts of each")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold starts of each")
    args = parser.parse_args()

    if not os.environ.get("DISPLAY"):
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, *sys.argv]
        return subprocess.call(cmd)

    app_bin = Path(args.app).resolve()
    cli = Path(args.cli).resolve() if args.cli else app_bin.parent / "byline"
    for path in (app_bin, cli, Path(args.dist) / "index.html"):
        if not path.exists():
            print(f"bench-start: {path} is missing (build the release app and the UI first)", file=sys.stderr)
            return 2

    server, url = serve(Path(args.dist))
    with tempfile.TemporaryDirectory(prefix="byline-start-") as tmp:
        work = Path(tmp)
        sides = [App(app_bin, cli, work / "app"), Chromium(args.chromium, url, work / "chromium")]
        # One start of each, untimed: profiles, WebKit's and Chromium's caches, fontconfig.
        for side in sides:
            side.start()

        results: dict[str, dict[str, list[float]]] = {s.name: {"cold": [], "warm": []} for s in sides}
        cold = args.cold_runs > 0 and drop_page_cache()
        if args.cold_runs > 0 and not cold:
            print("cold starts skipped: dropping the page cache needs root")
        if cold:
            for i in range(args.cold_runs):
                # Alternate who goes first, so neither gains from the other's reads.
                for side in (sides if i % 2 == 0 else sides[::-1]):
                    drop_page_cache()
                    t = side.start()
                    results[side.name]["cold"].append(t)
                    print(f"cold {side.name:8} {t * 1000:7.0f} ms")
        for i in range(args.runs):
            for side in (sides if i % 2 == 0 else sides[::-1]):
                t = side.start()
                results[side.name]["warm"].append(t)
                print(f"warm {side.name:8} {t * 1000:7.0f} ms")
    server.shutdown()

    print()
    for kind in ("cold", "warm"):
        app, chromium = results["app"][kind], results["chromium"][kind]
        if not app:
            continue
        a, c = statistics.median(app), statistics.median(chromium)
        print(f"{kind}: app median {a * 1000:.0f} ms, chromium --app median {c * 1000:.0f} ms, "
              f"ratio {a / c:.2f}x (goal <= 1.0x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
