#!/usr/bin/env python3
"""Checks a screenshot of report.html the way a glance would: the page is not blank, and the
chart colours (one per option, one per cost component) are actually on screen.

Usage: check-screenshot.py PNG WIDTH HEIGHT '#RRGGBB' ...
Each colour must cover at least MIN_PIXELS pixels (within a small tolerance for anti-aliasing
and colour management). Reads the PNG with matplotlib's image reader (Debian python3-matplotlib).
"""
import sys

import matplotlib.image as mpimg
import numpy as np

MIN_PIXELS = 80  # a 12 x 12 legend swatch with rounded corners is about 130
TOLERANCE = 6  # per channel, out of 255


def main() -> int:
    path, width, height, *colours = sys.argv[1:]
    img = mpimg.imread(path)
    rgb = np.rint(img[:, :, :3] * 255).astype(np.int16)
    problems = []
    if rgb.shape[:2] != (int(height), int(width)):
        problems.append(f"size {rgb.shape[1]}x{rgb.shape[0]}, expected {width}x{height}")
    pixels = rgb.reshape(-1, 3)
    non_white = np.mean(np.any(pixels < 245, axis=1))
    distinct = len(np.unique(pixels[:, 0] * 65536 + pixels[:, 1] * 256 + pixels[:, 2]))
    dark = np.mean(np.all(pixels < 100, axis=1))  # text and axes
    print(f"{path}: {rgb.shape[1]}x{rgb.shape[0]}, {non_white:.1%} non-white, {dark:.2%} dark (text), "
          f"{distinct} distinct colours")
    if dark < 0.005:
        problems.append(f"only {dark:.2%} dark pixels: no text rendered?")
    if non_white < 0.05:
        problems.append(f"only {non_white:.1%} of the pixels are not white: blank page?")
    if distinct < 50:
        problems.append(f"only {distinct} distinct colours: no charts rendered?")
    for c in colours:
        target = np.array([int(c[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
        n = int(np.sum(np.all(np.abs(pixels - target) <= TOLERANCE, axis=1)))
        print(f"  {c}: {n} pixels")
        if n < MIN_PIXELS:
            problems.append(f"colour {c} covers only {n} pixels (expected >= {MIN_PIXELS})")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
