#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into OUT_DIR/<target> (scripts/fuzz.sh calls it).

scenario_parser, made fresh from the repository each time rather than committed as copies:
  - every scenarios/*.yaml and tests/data/**/*.yaml, as written and without comment lines
    (a third of the size: the fuzzer runs faster on small inputs);
  - every C++ raw string literal R"(...)" in tests/ that holds a scenario (`tcosim:`);
  - for each scenario file, variants with `#set PATH=VALUE` comment lines (the harness turns
    them into --set overrides) and with `#repair`, so the override paths start covered;
  - fuzz/regressions/scenario_parser/*: every input that once found a bug.
parse_number: a few numbers in every spelling YAML allows or refuses, and
fuzz/regressions/parse_number/*.
Usage: make_corpus.py REPO_ROOT OUT_DIR
"""
import hashlib
import pathlib
import re
import sys

NUMBERS = ["0", "12", "-3.5", "+7", "1e6", ".5", "1.", "9007199254740993", "18446744073709551615",
           "18446744073709551616", ".inf", "-.Inf", ".nan", "1e309", "1e-400", "0x10", "1_000", "+-1"]


def without_comments(text: bytes) -> bytes:
    lines = []
    for line in text.split(b"\n"):
        if line.lstrip().startswith(b"#"):
            continue
        if b'"' not in line and b"'" not in line:
            line = re.sub(rb"\s+#.*$", b"", line)
        lines.append(line)
    return b"\n".join(lines)


def write(out: pathlib.Path, seeds: list) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        (out / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    print(f"seed corpus: {len(set(seeds))} inputs in {out}")


def main() -> None:
    root = pathlib.Path(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    seeds = []
    files = sorted(root.glob("scenarios/*.yaml")) + sorted(root.glob("tests/data/**/*.yaml"))
    for path in files:
        text = path.read_bytes()
        short = without_comments(text)
        seeds += [text, short]
        # The first option's name, for short-form override paths (`odm-dg.unit_cost`).
        match = re.search(rb"^options:\s*\n\s*-\s*name:\s*([A-Za-z0-9_-]+)", short, re.M)
        option = match.group(1) if match else b"opt"
        seeds.append(
            short
            + b"\n#set market.unit_margin=25\n#set run.trials=1000\n#set finance.carrying_rate=0.1\n#set "
            + option
            + b".unit_cost={dist: uniform, min: 1, max: 2}\n#set options."
            + option
            + b".delays.x.probability=0.5\n"
        )
        seeds.append(short + b"\n#repair\n#set targets.budget=1e6\n#set correlations[0][2]=0.9\n")
    for path in sorted(root.glob("tests/**/*.cpp")) + sorted(root.glob("tests/support/*.hpp")):
        for literal in re.findall(rb'R"\((.*?)\)"', path.read_bytes(), re.S):
            if b"tcosim:" in literal:
                seeds.append(literal)
    regressions = root / "fuzz" / "regressions"
    seeds += [p.read_bytes() for p in sorted((regressions / "scenario_parser").glob("*")) if p.is_file()]
    write(out / "scenario_parser", seeds)

    numbers = [n.encode() for n in NUMBERS]
    numbers += [p.read_bytes() for p in sorted((regressions / "parse_number").glob("*")) if p.is_file()]
    write(out / "parse_number", numbers)


if __name__ == "__main__":
    main()
