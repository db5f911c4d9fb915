#!/usr/bin/python3
"""Times bmx-api thumbnail against vipsthumbnail and Pillow, interleaved in one run, and
prints the tables the README shows: first the headline, a batch of 12 camera JPEGs in one
process of each tool; then one file, with the share of it that is process start-up.
Called by thumbnail_bench.sh; run with /usr/bin/python3.

Usage: thumbnail_bench.py BMX_API FIXTURE_DIR [ENGINE_BENCH_BINARY]
"""
import io
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from PIL import Image, ImageChops, ImageOps

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
BATCH_ROUNDS = int(os.environ.get("BENCH_BATCH_ROUNDS", "3"))
CAMERA_ROUNDS = int(os.environ.get("BENCH_CAMERA_ROUNDS", "7"))


def run_quiet(command):
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def timed(action):
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def pillow_thumbnail(source, target):
    """The server's steps: thumbnail (with JPEG draft), EXIF transpose, RGB, quality 85."""
    with Image.open(source) as image:
        image.thumbnail((300, 300))
        image = ImageOps.exif_transpose(image)
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            white = Image.new("RGB", image.size, (255, 255, 255))
            white.paste(image, mask=image.getchannel("A"))
            image = white
        image.convert("RGB").save(target, quality=85)


PILLOW_PROCESS = ("from PIL import Image, ImageOps\n"
                  "import sys\n"
                  "im = Image.open(sys.argv[1]); im.thumbnail((300, 300)); im = ImageOps.exif_transpose(im)\n"
                  "im.convert('RGB').save(sys.argv[2], quality=85)\n")


def psnr(a_path, b_path):
    a = Image.open(a_path).convert("RGB")
    b = Image.open(b_path).convert("RGB")
    if a.size != b.size:
        return None, "sizes differ: %dx%d vs %dx%d" % (a.size + b.size)
    histogram = ImageChops.difference(a, b).histogram()
    squared = sum(count * (i % 256) ** 2 for i, count in enumerate(histogram))
    mse = squared / (a.size[0] * a.size[1] * 3)
    return (float("inf") if mse == 0 else 10 * math.log10(255 * 255 / mse)), ""


def peak_rss_kib(command):
    """Peak RSS of one child process, via a fresh Python whose only child it is."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    output = subprocess.run([sys.executable, "-c", probe] + command, check=True, capture_output=True, text=True)
    return int(output.stdout.strip())


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def single_file(bmx, camera, work):
    vips = shutil.which("vipsthumbnail")
    times = {"bmx": [], "vips": [], "pillow": [], "pillow_process": []}
    out = os.path.join(work, "single")
    os.makedirs(out, exist_ok=True)
    for _ in range(ROUNDS):  # interleaved, so drift in machine load hits every tool alike
        times["bmx"].append(timed(lambda: run_quiet([bmx, "thumbnail", camera, "--out", out])))
        if vips:
            times["vips"].append(timed(lambda: run_quiet(
                [vips, "--size", "300x300", "-o", os.path.join(out, "vips.jpg[Q=85]"), camera])))
        times["pillow"].append(timed(lambda: pillow_thumbnail(camera, os.path.join(out, "pillow.jpg"))))
        times["pillow_process"].append(timed(lambda: run_quiet(
            [sys.executable, "-c", PILLOW_PROCESS, camera, os.path.join(out, "pillow_p.jpg")])))
    return {tool: (statistics.median(t), min(t)) for tool, t in times.items() if t}


def camera_batch(bmx, directory, work):
    """The headline: every camera JPEG of the batch in one bmx-api process against one
    vipsthumbnail process over the same files, interleaved rounds, median wall time."""
    vips = shutil.which("vipsthumbnail")
    files = sorted(os.path.join(directory, f) for f in os.listdir(directory))
    out = os.path.join(work, "camera_batch")
    times = {"bmx": [], "bmx_jobs1": [], "vips": []}
    commands = {"bmx": [bmx, "thumbnail", "--out", out] + files,
                "bmx_jobs1": [bmx, "thumbnail", "--jobs", "1", "--out", out] + files}
    if vips:
        commands["vips"] = [vips, "--size", "300x300", "-o", os.path.join(out, "%s.vips.jpg[Q=85]")] + files
    for _ in range(CAMERA_ROUNDS):
        for tool, command in commands.items():
            shutil.rmtree(out, ignore_errors=True)
            os.makedirs(out)
            times[tool].append(timed(lambda: run_quiet(command)))
    return len(files), {tool: statistics.median(t) for tool, t in times.items() if t}


def start_up(bmx):
    """Median ms of a bmx-api process that starts and exits: bmx-api --version."""
    return statistics.median(timed(lambda: run_quiet([bmx, "--version"])) for _ in range(ROUNDS * 2))


def engine_only(engine, camera):
    if not engine or not os.access(engine, os.X_OK):
        return None
    output = subprocess.run([engine, "--runs", str(ROUNDS), camera], check=True, capture_output=True, text=True)
    return float(output.stdout.split()[-1])


def batch(bmx, directory, jobs, work):
    files = sorted(os.path.join(directory, f) for f in os.listdir(directory))
    out = os.path.join(work, "batch%d" % jobs)
    elapsed = []
    for _ in range(BATCH_ROUNDS):
        shutil.rmtree(out, ignore_errors=True)
        elapsed.append(timed(lambda: run_quiet([bmx, "thumbnail", "--jobs", str(jobs), "--out", out] + files)))
    best = statistics.median(elapsed)
    return len(files), best


def psnr_mixed(bmx, directory, work):
    out = os.path.join(work, "psnr")
    os.makedirs(out, exist_ok=True)
    files = sorted(f for f in os.listdir(directory) if f.endswith(".jpg"))
    subprocess.run([bmx, "thumbnail", "--out", out] + [os.path.join(directory, f) for f in files],
                   check=True, stdout=subprocess.DEVNULL)
    values, mismatches = [], []
    for name in files:
        stem = os.path.splitext(name)[0]
        pillow_thumbnail(os.path.join(directory, name), os.path.join(out, stem + ".pillow.jpg"))
        value, note = psnr(os.path.join(out, stem + ".thumb.jpg"), os.path.join(out, stem + ".pillow.jpg"))
        if value is None:
            mismatches.append("%s: %s" % (name, note))
        else:
            values.append(value)
    return values, mismatches


def main():
    bmx, fixtures = os.path.abspath(sys.argv[1]), sys.argv[2]
    engine = sys.argv[3] if len(sys.argv) > 3 else ""
    camera = os.path.join(fixtures, "cam12mp.jpg")
    work = tempfile.mkdtemp(prefix="bmx-bench-")
    try:
        with Image.open(camera) as image:
            camera_size = "%dx%d, %.1f MB, EXIF orientation %s" % (
                image.size + (os.path.getsize(camera) / 1e6, image.getexif().get(0x0112)))
        print("machine: %d cores, load average %.2f at start%s" % (
            os.cpu_count(), load_average(), "  (busy machine: figures will be noisy)" if load_average() > 0.5 else ""))
        print("input: camera-like 12-MP JPEG (%s)\n" % camera_size)

        count, batch_ms = camera_batch(bmx, os.path.join(fixtures, "batch12"), work)
        print("| batch: %d camera JPEGs (4000x3000) to 300px thumbnails, one process | median s | ms per image | bmx-api is |"
              % count)
        print("|---|---:|---:|---:|")
        for label, key in (("bmx-api thumbnail (2 workers, the default here)", "bmx"),
                           ("bmx-api thumbnail --jobs 1", "bmx_jobs1"), ("vipsthumbnail", "vips")):
            if key not in batch_ms:
                print("| %s | not installed | | |" % label)
                continue
            ratio = "1.00x" if key == "bmx" else "%.2fx its time" % (batch_ms["bmx"] / batch_ms[key])
            print("| %s | %.2f | %.1f | %s |" % (label, batch_ms[key] / 1000, batch_ms[key] / count, ratio))
        if "vips" in batch_ms:
            print("\nheadline: bmx-api's batch takes %.2fx vipsthumbnail's time (median of %d interleaved rounds)\n"
                  % (batch_ms["bmx"] / batch_ms["vips"], CAMERA_ROUNDS))

        single = single_file(bmx, camera, work)
        bmx_ms = single["bmx"][0]
        print("| one 12-MP JPEG to a 300px thumbnail | median ms | best ms | bmx-api is |")
        print("|---|---:|---:|---:|")
        rows = [("bmx-api thumbnail (process)", "bmx"), ("vipsthumbnail (process)", "vips"),
                ("Pillow Image.thumbnail (in-process)", "pillow"),
                ("Pillow in a python3 process (with start-up)", "pillow_process")]
        for label, key in rows:
            if key not in single:
                print("| %s | not installed | | |" % label)
                continue
            median, best = single[key]
            ratio = "1.00x" if key == "bmx" else "%.2fx its time" % (bmx_ms / median)
            print("| %s | %.1f | %.1f | %s |" % (label, median, best, ratio))
        engine_ms = engine_only(engine, camera)
        if engine_ms is not None:
            print("| bmx engine alone (make_thumbnail, no process start-up) | %.1f | | |" % engine_ms)
        if "vips" in single:
            verdict = "met" if bmx_ms <= 0.5 * single["vips"][0] else "MISSED"
            print("\ntarget bmx-api <= 0.5x vipsthumbnail: %.2fx (%s)" % (bmx_ms / single["vips"][0], verdict))
        # vipsthumbnail has no cheap no-op (--vips-version loads libvips' modules, which is most of
        # its start-up), so only bmx-api's share is measured.
        started = start_up(bmx)
        print("start-up (bmx-api --version, median of %d): %.1f ms of the %.1f ms single-file median, %.0f%%" % (
            2 * ROUNDS, started, bmx_ms, 100 * started / bmx_ms))

        value, note = psnr(os.path.join(work, "single", "cam12mp.thumb.jpg"), os.path.join(work, "single", "pillow.jpg"))
        if value is None:
            print("PSNR bmx-api vs Pillow, 12-MP JPEG: not comparable (%s)" % note)
        else:
            print("PSNR bmx-api vs Pillow, 12-MP JPEG: %.1f dB (target >= 35: %s)" % (value, "met" if value >= 35 else "MISSED"))
        values, mismatches = psnr_mixed(bmx, os.path.join(fixtures, "mixed"), work)
        if values:
            print("PSNR bmx-api vs Pillow, the %d JPEGs of the mixed set: min %.1f dB, mean %.1f dB" % (
                len(values), min(values), statistics.mean(values)))
        for mismatch in mismatches:
            print("  size mismatch: " + mismatch)

        print("\n| batch: 50 mixed images (JPEG 640x480 to 12 MP, PNG, WebP) | wall s | images/s |")
        print("|---|---:|---:|")
        for jobs in (1, 2):
            count, ms = batch(bmx, os.path.join(fixtures, "mixed"), jobs, work)
            print("| bmx-api thumbnail --jobs %d | %.2f | %.1f |" % (jobs, ms / 1000, count / (ms / 1000)))

        out = os.path.join(work, "rss")
        rss = {}
        for count in (10, 100):
            shutil.rmtree(out, ignore_errors=True)
            directory = os.path.join(fixtures, "rss%d" % count)
            files = sorted(os.path.join(directory, f) for f in os.listdir(directory))
            rss[count] = peak_rss_kib([bmx, "thumbnail", "--jobs", "2", "--out", out] + files)
        ratio = rss[100] / rss[10]
        print("\npeak RSS, --jobs 2: 10 x 12-MP JPEG %.1f MiB, 100 x 12-MP JPEG %.1f MiB: %.2fx (target <= 1.2x: %s)" % (
            rss[10] / 1024, rss[100] / 1024, ratio, "met" if ratio <= 1.2 else "MISSED"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
