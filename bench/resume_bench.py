#!/usr/bin/python3
"""Resume benchmark: re-running a 20-photo batch of camera-sized JPEGs, with and without the
upload record.

A person's interrupted or repeated batch: 20 distinct 12-MP JPEGs (4000x3000, about 4 MB each,
under the hosted API's request limit) are uploaded once to a fresh bmx-devserver (200 ms added
latency per request, like upload_bench.py). Then, each round, the same batch is run again:
  * without the record (a fresh XDG_STATE_HOME): every photo is sent and the server dedupes it;
  * with the record the first run wrote: the photos are read and hashed, not sent.
Prints the median wall time and the bytes the server received for image POSTs (its request log's
Content-Length sum), and their ratio.

    bench/resume_bench.py BUILD_DIR [--rounds N]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

import upload_bench  # the dev server and the key, shared with the upload benchmark

KEY = upload_bench.KEY


def make_camera_jpegs(directory, count, seed):
    """Distinct 12-MP photo-like JPEGs of about 4 MB."""
    return upload_bench.make_jpegs(directory, count, seed, size=(4000, 3000), noise=(40, 6), grain=0.22, quality=88,
                                   name="IMG_{:04}.jpg", first=1)


class ResumeDevServer(upload_bench.DevServer):
    """upload_bench's dev server, plus its request log."""

    def dev(self, method, path):
        request = urllib.request.Request(self.origin + path, method=method)
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    def image_post_bytes(self):
        """(POSTs, body bytes) of the image uploads logged since the last reset."""
        posts = [r for r in self.dev("GET", "/_dev/requests")
                 if r["method"] == "POST" and r["path"].endswith("/images")]
        return len(posts), sum(r["body_bytes"] for r in posts)


def run_batch(build, server, files, state_home):
    env = dict(os.environ, BMX_API_KEY=KEY, BMX_BASE_URL=server.base_url, XDG_STATE_HOME=state_home)
    server.dev("POST", "/_dev/reset")  # clears the request log only
    started = time.monotonic()
    done = subprocess.run([os.path.join(build, "cli/bmx-api"), "upload", "1", *files], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(f"bmx-api failed ({done.returncode}): {done.stderr[-800:]}")
    statuses = json.loads(done.stdout)
    posts, sent = server.image_post_bytes()
    return elapsed, posts, sent, statuses


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bmx-resume-bench-") as work:
        files = make_camera_jpegs(os.path.join(work, "photos"), 20, seed=7)
        sizes = [os.path.getsize(f) for f in files]
        print(f"20 camera JPEGs (4000x3000), {statistics.mean(sizes) / 1e6:.2f} MB each on average, "
              f"{sum(sizes) / 1e6:.1f} MB in all; dev server latency 200 ms; {args.rounds} rounds, median")
        server = ResumeDevServer(args.build, 200)
        try:
            record = os.path.join(work, "state-with-record")
            seconds, posts, sent, statuses = run_batch(args.build, server, files, record)
            assert all(s["upload_status"] == "uploaded" for s in statuses), statuses
            print(f"first run: {seconds:.2f} s, {posts} image POSTs, {sent / 1e6:.1f} MB sent")
            results = {"re-run without the record": [], "re-run with the record": []}
            for round_number in range(args.rounds):
                fresh = os.path.join(work, f"state-fresh-{round_number}")
                results["re-run without the record"].append(run_batch(args.build, server, files, fresh))
                results["re-run with the record"].append(run_batch(args.build, server, files, record))
        finally:
            server.close()
        print(f"\n{'20-photo re-run':28} {'median s':>9} {'image POSTs':>12} {'MB sent':>9}")
        medians = {}
        for name, runs in results.items():
            for _, _, _, statuses in runs:
                assert all(s["upload_status"] == "duplicate" for s in statuses), name
            medians[name] = statistics.median(r[0] for r in runs)
            posts = runs[-1][1]
            sent = runs[-1][2]
            print(f"{name:28} {medians[name]:9.2f} {posts:12d} {sent / 1e6:9.2f}")
        with_record = results["re-run with the record"][-1]
        without = results["re-run without the record"][-1]
        print(f"\ntime with / without the record: {medians['re-run with the record'] / medians['re-run without the record']:.3f}x")
        print(f"bytes with / without the record: {with_record[2]} / {without[2]} bytes")
        uplink = 10e6 / 8  # a 10 Mbit/s home uplink, in bytes per second
        print(f"at a 10 Mbit/s uplink the bytes alone take: without {without[2] / uplink:.0f} s, "
              f"with {with_record[2] / uplink:.0f} s (arithmetic, not measured)")


if __name__ == "__main__":
    main()
