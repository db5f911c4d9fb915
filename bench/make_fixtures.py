#!/usr/bin/python3
"""Makes the thumbnail benchmark's inputs with Pillow: a camera-like 12-MP JPEG, a batch of 12
distinct camera-sized JPEGs, 50 mixed images, and 100 links to the 12-MP file for the memory test.

Run with Debian's /usr/bin/python3 (python3-pil). Usage: make_fixtures.py OUT_DIR
The pictures are photographic in character (sky and cloud gradients, fractal terrain
texture, buildings with windows, soft round objects, wires, text, lens blur, sensor noise),
because flat colour compresses to nothing and decodes unrealistically fast.
"""
import os
import random
import sys

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

ORIENTATION = 0x0112


def fractal(width, height, octaves):
    """Value noise summed over octaves: (cells across, weight) pairs."""
    total = None
    for cells, weight in octaves:
        grid = Image.effect_noise((max(2, cells), max(2, cells * height // width)), 64)
        layer = grid.resize((width, height), Image.BICUBIC)
        total = layer if total is None else Image.blend(total, layer, weight / (1 + weight))
    return ImageOps.autocontrast(total)


def gradient(width, height, top, bottom):
    column = Image.new("RGB", (1, 256))
    for y in range(256):
        t = y / 255
        column.putpixel((0, y), tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    return column.resize((width, height), Image.BICUBIC)


def camera_like(width, height, seed):
    rnd = random.Random(seed)
    horizon = int(height * rnd.uniform(0.35, 0.55))
    sky = gradient(width, height,
                   (rnd.randrange(60, 110), rnd.randrange(110, 150), rnd.randrange(170, 220)),
                   (rnd.randrange(190, 230), rnd.randrange(200, 230), rnd.randrange(215, 240)))
    clouds = fractal(width, height, ((8, 1.0), (32, 0.5), (128, 0.25), (512, 0.12))).point(
        lambda v: max(0, v - 140) * 2)
    picture = Image.composite(Image.new("RGB", (width, height), (245, 245, 245)), sky, clouds)

    terrain = fractal(width, height, ((8, 1.0), (32, 0.5), (128, 0.25), (512, 0.12)))
    ground = Image.merge("RGB", [terrain.point(lambda v, a=a, b=b: int(a + v * b / 255))
                                 for a, b in ((40, 90), (60, 110), (25, 55))])
    mask = Image.new("L", (width, height), 0)
    ridge = [(0, height)] + [(x, horizon + int(rnd.uniform(-0.08, 0.08) * height))
                             for x in range(0, width + 1, max(1, width // 12))] + [(width, height)]
    ImageDraw.Draw(mask).polygon(ridge, fill=255)
    picture = Image.composite(ground, picture, mask.filter(ImageFilter.GaussianBlur(3)))

    draw = ImageDraw.Draw(picture)
    for _ in range(rnd.randrange(4, 9)):  # buildings with windows
        bw, bh = rnd.randrange(width // 20, width // 7), rnd.randrange(height // 8, height // 3)
        x, y = rnd.randrange(0, width - bw), horizon + rnd.randrange(0, height // 6) - bh
        g = rnd.randrange(90, 200)
        draw.rectangle((x, y, x + bw, y + bh), fill=(g, g - rnd.randrange(0, 30), g - rnd.randrange(0, 50)))
        for wy in range(y + bh // 12, y + bh - bh // 12, max(4, bh // 10)):
            for wx in range(x + bw // 12, x + bw - bw // 12, max(4, bw // 8)):
                s = rnd.randrange(40, 120)
                draw.rectangle((wx, wy, wx + bw // 14, wy + bh // 16), fill=(s, s + 10, s + 25))
    for _ in range(rnd.randrange(10, 25)):  # trees, people: soft round shapes
        r, x, y = rnd.randrange(width // 60, width // 14), rnd.randrange(width), rnd.randrange(horizon, height)
        draw.ellipse((x - r, y - r, x + r, y + r),
                     fill=(rnd.randrange(20, 90), rnd.randrange(50, 120), rnd.randrange(20, 60)))
    for _ in range(6):  # wires
        y0 = rnd.randrange(height // 10, horizon)
        draw.line((0, y0, width, y0 + rnd.randrange(-height // 10, height // 10)), fill=(40, 40, 45),
                  width=max(1, width // 1500))
    for i in range(12):  # signs
        draw.text((rnd.randrange(width), rnd.randrange(horizon - height // 10, height)), "BlueMoxon %d" % i,
                  fill=(230, 230, 220))

    picture = picture.filter(ImageFilter.GaussianBlur(0.8))  # lens
    texture = fractal(width, height, ((256, 1.0), (1024, 0.8), (2048, 0.6))).point(
        lambda v: int(128 + (v - 128) * 0.3))
    picture = ImageChops.add(picture, Image.merge("RGB", [texture] * 3), 1.0, -128)
    noise = Image.merge("RGB", [Image.effect_noise((width, height), sigma) for sigma in (4.5, 4, 5.5)])
    return ImageChops.add(picture, noise, 1.0, -128)  # sensor noise


def exif_bytes(orientation):
    exif = Image.Exif()
    exif[0x010F] = "BlueMoxon"      # Make
    exif[0x0110] = "Bench Camera"   # Model
    exif[ORIENTATION] = orientation
    return exif.tobytes()


def save_jpeg(picture, path, quality, orientation):
    picture.save(path, quality=quality, exif=exif_bytes(orientation))


def mixed_set(directory, bases):
    """50 images: mostly JPEG camera and phone sizes, some PNG (a few with alpha) and WebP."""
    os.makedirs(directory, exist_ok=True)
    rnd = random.Random(7)
    jpeg_sizes = [(4000, 3000), (3264, 2448), (2592, 1944), (1920, 1080), (1600, 1200), (1024, 768),
                  (800, 600), (640, 480)]
    for i in range(50):
        base = bases[i % len(bases)]
        kind = "png" if i % 7 == 3 else "webp" if i % 7 == 5 else "jpeg"
        width, height = jpeg_sizes[i % len(jpeg_sizes)] if kind == "jpeg" else rnd.choice(
            [(1600, 1200), (1200, 900), (800, 600)])
        left, top = rnd.randrange(0, base.width // 8), rnd.randrange(0, base.height // 8)
        crop = base.crop((left, top, left + base.width * 7 // 8, top + base.height * 7 // 8))
        picture = crop.resize((width, height), Image.BILINEAR)
        if i % 4 == 1:
            width, height = height, width
            picture = picture.rotate(90, expand=True)
        name = os.path.join(directory, "mixed_%02d" % i)
        if kind == "jpeg":
            save_jpeg(picture, name + ".jpg", rnd.choice([85, 90, 92, 95]), rnd.choice([1, 1, 1, 6, 8, 3]))
        elif kind == "png":
            if i % 2:
                alpha = Image.radial_gradient("L").resize((width, height)).point(lambda v: 255 - v)
                picture = picture.convert("RGBA")
                picture.putalpha(alpha)
            picture.save(name + ".png", compress_level=6)
        else:
            picture.save(name + ".webp", quality=80)


def camera_batch(directory, bases, count=12):
    """A photographer's batch: distinct 4000x3000 JPEGs (shifted crops of the bases, some mirrored,
    each with its own sensor noise), quality 90-95, mostly upright, some rotated by EXIF."""
    os.makedirs(directory, exist_ok=True)
    rnd = random.Random(12)
    for i in range(count):
        base = bases[i % len(bases)]
        left, top = rnd.randrange(0, base.width // 10), rnd.randrange(0, base.height // 10)
        crop = base.crop((left, top, left + base.width * 9 // 10, top + base.height * 9 // 10))
        picture = crop.resize((4000, 3000), Image.BICUBIC)
        if i % 3 == 1:
            picture = picture.transpose(Image.FLIP_LEFT_RIGHT)
        noise = Image.merge("RGB", [Image.effect_noise((4000, 3000), sigma) for sigma in (3, 3, 4)])
        picture = ImageChops.add(picture, noise, 1.0, -128)
        save_jpeg(picture, os.path.join(directory, "cam_%02d.jpg" % i), rnd.choice([90, 92, 95]),
                  rnd.choice([1, 1, 1, 6, 8]))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    camera = camera_like(4000, 3000, 1)
    save_jpeg(camera, os.path.join(out, "cam12mp.jpg"), 92, 6)
    second = camera_like(4000, 3000, 2).transpose(Image.FLIP_LEFT_RIGHT)
    mixed_set(os.path.join(out, "mixed"), [camera, second])
    camera_batch(os.path.join(out, "batch12"), [camera, second])
    for count in (10, 100):
        directory = os.path.join(out, "rss%d" % count)
        os.makedirs(directory, exist_ok=True)
        for i in range(count):
            target = os.path.join(directory, "cam_%03d.jpg" % i)
            if not os.path.exists(target):
                os.link(os.path.join(out, "cam12mp.jpg"), target)


if __name__ == "__main__":
    main()
