#!/usr/bin/python3
"""Upload benchmark: 48 distinct ~1 MB JPEGs to bmx-devserver with 200 ms added latency.

Compares, in one run on one machine, `bmx-api upload --parallel 8` (which also thumbnails every
file) with a sequential `curl -F` loop and `curl -Z --parallel-max 8` (which make no thumbnails),
and the peak RSS of bmx-api for 200 files against 20. Each tool uploads to its own fresh dev
server, so the server's content dedupe never short-circuits a run.

    bench/upload_bench.py BUILD_DIR [--rounds N] [--https-only]

The https row: the same 20 photos over http and over https (`bmx-devserver --tls` with a PKI that
BUILD_DIR/tests/bmx-test-certs makes, trusted through BMX_CA_BUNDLE), both through the same
--uplink-kib-per-second uplink, which under --tls meters the TLS bytes on the wire.
"""
import argparse
import io
import json
import os
import random
import resource
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

from PIL import Image

KEY = "bench-key"


def make_jpegs(directory, count, seed, size=(1600, 1200), noise=(52, 8), grain=0.35, quality=92,
               name="photo-{:03}.jpg", first=0):
    """Distinct photo-like JPEGs (about 1 MB with the defaults): a gradient, a tint and sensor-like
    noise of sigma noise[0] plus up to noise[1], blended in at `grain`."""
    os.makedirs(directory, exist_ok=True)
    paths = []
    rng = random.Random(seed)
    base = Image.linear_gradient("L").resize(size).convert("RGB")
    for i in range(count):
        speckle = Image.effect_noise(size, noise[0] + rng.randint(0, noise[1])).convert("RGB")
        tint = Image.new("RGB", size, (rng.randint(60, 200), rng.randint(60, 200), rng.randint(60, 200)))
        image = Image.blend(Image.blend(base, tint, 0.5), speckle, grain)
        path = os.path.join(directory, name.format(i + first))
        image.save(path, "JPEG", quality=quality)
        paths.append(path)
    return paths


class DevServer:
    def __init__(self, build, latency_ms, extra=(), tls=None):
        if tls:
            extra = ("--tls", os.path.join(tls, "server.pem"), os.path.join(tls, "server.key"), *extra)
        self.process = subprocess.Popen(
            [os.path.join(build, "tests/devserver/bmx-devserver"), "--port", "0", "--key", KEY,
             "--latency-ms", str(latency_ms), "--books", "10", "--exit-after-seconds", "600", *extra],
            stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        self.origin = line.strip().rsplit(" ", 1)[-1]
        self.base_url = self.origin + "/api/v1"

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def timed(command, env=None):
    """Wall seconds and peak RSS (KiB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(f"{command[0]} failed ({done.returncode}): {done.stderr[-500:]}")
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far; callers run the largest last.
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def peak_rss_kib(command, env):
    """Peak RSS of one run, read in a fresh python so earlier children do not mask it."""
    probe = ("import resource,subprocess,sys;"
             "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if r.returncode==0 else -1)")
    out = subprocess.run([sys.executable, "-c", probe] + command, env=env, capture_output=True, text=True)
    return int(out.stdout.strip())


STATE_DIR = tempfile.mkdtemp(prefix="bmx-upload-bench-state-")


def run_bmx(build, files, server, parallel=8, binary=None, extra=()):
    # The upload record goes to a scratch directory, never the user's own (each server is new anyway).
    env = dict(os.environ, BMX_API_KEY=KEY, BMX_BASE_URL=server.base_url, XDG_STATE_HOME=STATE_DIR)
    binary = binary or os.path.join(build, "cli/bmx-api")
    return [binary, "upload", "1", "--parallel", str(parallel), *extra] + files, env


def order_cost(build, files, rounds, baseline, latency_ms=200):
    """What placing the book costs a 20-photo batch on a server that finishes uploads out of order
    (jitter), as the real one does: bmx-api by default (the image list before the uploads, one
    reorder after), with --no-reorder (the list before and after), curl -Z over the same files (no
    list, no order, no thumbnails), and (with --baseline-bin) an older bmx-api. Prints the two
    ratios the order step is held to: default <= --no-reorder x 1.05 + one round trip, and
    default <= 1.05 x (curl -Z + two round trips)."""
    variants = {"bmx-api upload": ("bmx", ()), "bmx-api upload --no-reorder": ("bmx", ("--no-reorder",)),
                "curl -Z --parallel-max 8": ("curl", ())}
    if baseline:
        variants["baseline"] = ("baseline", ())
    timings = {name: [] for name in variants}
    for _ in range(rounds):
        for name, (tool, extra) in variants.items():
            server = DevServer(build, latency_ms, ("--processing-jitter-ms", "150", "--seed", "3"))
            try:
                if tool == "curl":
                    command, env = curl_parallel(files, server, book=1), None
                else:
                    command, env = run_bmx(build, files, server, binary=baseline if tool == "baseline" else None, extra=extra)
                seconds, _ = timed(command, env)
                timings[name].append(seconds)
            finally:
                server.close()
    medians = {name: statistics.median(values) for name, values in timings.items()}
    rtt = latency_ms / 1000.0
    print(f"\n{len(files)} photos, {latency_ms} ms per request, uploads finishing out of order; {rounds} rounds, median")
    print(f"{'variant':32} {'median s':>9}")
    for name, seconds in medians.items():
        print(f"{name:32} {seconds:9.2f}")
    ours, plain, curl = medians["bmx-api upload"], medians["bmx-api upload --no-reorder"], medians["curl -Z --parallel-max 8"]
    first = ours / (plain * 1.05 + rtt)
    second = ours / (1.05 * (curl + 2 * rtt))
    print(f"default / (--no-reorder x 1.05 + one round trip)  = {first:.2f} (target <= 1: {'met' if first <= 1 else 'missed'})")
    print(f"default / (1.05 x (curl -Z + two round trips))    = {second:.2f} (target <= 1: {'met' if second <= 1 else 'missed'})")


UPLINK_KIB_PER_SECOND = 4096  # 32 Mbit/s, a good home uplink


def https_cost(build, files, rounds, certs):
    """bmx-api upload of the same files over http and over https, through the same uplink (one
    shared bucket of UPLINK_KIB_PER_SECOND, 50 ms deep), interleaved round by round. Prints the
    https / http ratio of the medians; the target is at most 1.05."""
    variants = {"http": None, "https": certs}
    timings = {name: [] for name in variants}
    handshakes = []
    for _ in range(rounds):
        for name, tls in variants.items():
            server = DevServer(build, 0, ("--uplink-kib-per-second", str(UPLINK_KIB_PER_SECOND)), tls=tls)
            try:
                command, env = run_bmx(build, files, server, parallel=6)
                if tls:
                    env["BMX_CA_BUNDLE"] = os.path.join(tls, "ca.pem")
                seconds, _ = timed(command, env)
                timings[name].append(seconds)
                if tls:
                    handshakes.append(server_stats(server, tls)["tls_handshakes"])
            finally:
                server.close()
    medians = {name: statistics.median(values) for name, values in timings.items()}
    megabytes = sum(os.path.getsize(f) for f in files) / 1e6
    print(f"\n{len(files)} photos ({megabytes:.1f} MB), --parallel 6, uplink {UPLINK_KIB_PER_SECOND} KiB/s; "
          f"{rounds} rounds, median")
    print(f"{'scheme':32} {'median s':>9}")
    for name, seconds in medians.items():
        print(f"{name:32} {seconds:9.2f}")
    ratio = medians["https"] / medians["http"]
    print(f"https / http = {ratio:.3f} (target <= 1.05: {'met' if ratio <= 1.05 else 'missed'}); "
          f"TLS handshakes a run: {', '.join(str(h) for h in handshakes)}")


def server_stats(server, certs):
    """The dev server's /_dev/stats over https, trusting the test CA (this reader's own handshake
    is counted too, and taken off)."""
    context = ssl.create_default_context(cafile=os.path.join(certs, "ca.pem"))
    with urllib.request.urlopen(server.origin + "/_dev/stats", context=context, timeout=10) as answer:
        stats = json.load(answer)
    stats["tls_handshakes"] -= 1
    return stats


def make_certs(build, directory):
    subprocess.run([os.path.join(build, "tests/bmx-test-certs"), directory], check=True, stdout=subprocess.DEVNULL)
    return directory


def curl_loop(files, server):
    script = "".join(
        f'curl -sS -f -o /dev/null -H "X-API-Key: {KEY}" -F "file=@{path}" "{server.base_url}/books/2/images" || exit 1\n'
        for path in files)
    return ["bash", "-c", script]


def curl_parallel(files, server, book=3):
    command = ["curl", "-sS", "-f", "-Z", "--parallel-max", "8"]
    for i, path in enumerate(files):
        if i:
            command.append("--next")
        command += ["-o", "/dev/null", "-H", f"X-API-Key: {KEY}", "-F", f"file=@{path}", f"{server.base_url}/books/{book}/images"]
    return command


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline-bin", help="an older bmx-api to time the 20-photo batch against")
    parser.add_argument("--order-only", action="store_true", help="only the 20-photo order-cost comparison")
    parser.add_argument("--https-only", action="store_true", help="only the https / http comparison over one uplink")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bmx-upload-bench-") as work:
        files = make_jpegs(os.path.join(work, "48"), 48, seed=1)
        sizes = [os.path.getsize(f) for f in files]
        print(f"48 JPEGs, {statistics.mean(sizes) / 1e6:.2f} MB each on average, "
              f"{sum(sizes) / 1e6:.1f} MB in all; dev server latency 200 ms; {args.rounds} rounds, median")
        print(f"load average at start: {os.getloadavg()[0]:.2f}")
        certs = make_certs(args.build, os.path.join(work, "certs"))
        if args.order_only:
            order_cost(args.build, files[:20], args.rounds, args.baseline_bin)
            return
        if args.https_only:
            https_cost(args.build, files[:20], args.rounds, certs)
            return

        timings = {"bmx-api upload --parallel 8": [], "curl -F loop (sequential)": [], "curl -Z --parallel-max 8": []}
        for _ in range(args.rounds):
            for name in timings:
                server = DevServer(args.build, 200)
                try:
                    if name.startswith("bmx"):
                        command, env = run_bmx(args.build, files, server)
                    elif "loop" in name:
                        command, env = curl_loop(files, server), None
                    else:
                        command, env = curl_parallel(files, server), None
                    seconds, _ = timed(command, env)
                    timings[name].append(seconds)
                finally:
                    server.close()

        medians = {name: statistics.median(values) for name, values in timings.items()}
        ours = medians["bmx-api upload --parallel 8"]
        print(f"\n{'tool':32} {'median s':>9} {'bmx-api / tool':>15}")
        for name, seconds in medians.items():
            print(f"{name:32} {seconds:9.2f} {ours / seconds:15.2f}")

        order_cost(args.build, files[:20], args.rounds, args.baseline_bin)
        https_cost(args.build, files[:20], args.rounds, certs)

        many = make_jpegs(os.path.join(work, "200"), 200, seed=2)
        rss = {}
        for count in (20, 200):
            server = DevServer(args.build, 0)
            try:
                command, env = run_bmx(args.build, many[:count], server)
                rss[count] = peak_rss_kib(command, env)
            finally:
                server.close()
        print(f"\npeak RSS of bmx-api upload: 20 files {rss[20] / 1024:.1f} MiB, 200 files {rss[200] / 1024:.1f} MiB, "
              f"ratio {rss[200] / rss[20]:.2f}")


if __name__ == "__main__":
    main()
