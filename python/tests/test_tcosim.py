"""The Python module against the command line: the same numbers, bit for bit, for the same
scenario, seed and trials; scenario errors with their location; Ctrl-C; the GIL released."""
import io
import json
import math
import os
import signal
import subprocess
import threading
import time

import pandas as pd
import pytest

import tcosim

TRIALS = 3000  # small: every test here runs in well under a second


def cli(tcosim_bin, *args):
    done = subprocess.run([str(tcosim_bin), *map(str, args)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def finite_or_none(x):
    """summary.json writes a value JSON cannot hold (an infinity) as null."""
    if isinstance(x, dict):
        return {k: finite_or_none(v) for k, v in x.items()}
    if isinstance(x, list):
        return [finite_or_none(v) for v in x]
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def without_timing(summary):
    return {k: v for k, v in summary.items() if k not in ("elapsed_s", "trials_per_s")}


def read_csv(path):
    return pd.read_csv(path, float_precision="round_trip")


@pytest.fixture(scope="module")
def default_yaml(root):
    return root / "scenarios" / "default.yaml"


@pytest.fixture(scope="module")
def cli_run(tcosim_bin, default_yaml, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    cli(tcosim_bin, "run", default_yaml, "--trials", TRIALS, "--seed", 7, "--samples", 20, "--out", out, "-q")
    return out


@pytest.fixture(scope="module")
def py_run(default_yaml):
    return tcosim.run(default_yaml, trials=TRIALS, seed=7, samples=20)


def test_summary_is_the_cli_summary_bit_for_bit(cli_run, py_run):
    expected = json.loads((cli_run / "summary.json").read_text())
    assert without_timing(finite_or_none(py_run.summary)) == without_timing(expected)
    assert py_run.trials == TRIALS and py_run.seed == 7


def test_percentiles_samples_and_cash_curve_are_the_cli_files(cli_run, py_run):
    pd.testing.assert_frame_equal(py_run.percentiles(), read_csv(cli_run / "percentiles.csv"), check_exact=True)
    # samples.csv prints 0.0 as 0, which pandas reads as an integer column: values are compared, not dtypes.
    pd.testing.assert_frame_equal(py_run.samples(), read_csv(cli_run / "samples.csv"), check_exact=True,
                                  check_dtype=False)
    cash = py_run.cash_curve()
    summary = py_run.summary
    for option, part in cash.groupby("option", sort=False):
        curve = summary["options"][option]["cash_curve"]
        for column in ("month_end", "p5", "p25", "p50", "p75", "p95"):
            assert part[column].tolist() == curve[column]
    assert list(cash["option"].unique()) == list(summary["options"])


def test_write_gives_the_cli_files(cli_run, py_run, tmp_path):
    py_run.write(tmp_path)
    assert (tmp_path / "percentiles.csv").read_bytes() == (cli_run / "percentiles.csv").read_bytes()
    assert (tmp_path / "samples.csv").read_bytes() == (cli_run / "samples.csv").read_bytes()
    assert without_timing(json.loads((tmp_path / "summary.json").read_text())) == without_timing(
        json.loads((cli_run / "summary.json").read_text()))


def test_threads_do_not_change_the_numbers(py_run, default_yaml):
    one = tcosim.run(default_yaml, trials=TRIALS, seed=7, samples=20, threads=1)
    assert without_timing(one.summary) == without_timing(py_run.summary)


def test_a_dict_and_yaml_text_run_as_the_file(default_yaml):
    yaml = pytest.importorskip("yaml")
    text = default_yaml.read_text()
    from_file = tcosim.run(default_yaml, trials=500, seed=3).summary
    from_text = tcosim.run(text, trials=500, seed=3).summary
    from_dict = tcosim.run(yaml.safe_load(text), trials=500, seed=3).summary
    assert from_text["scenario_sha256"] == from_file["scenario_sha256"]  # the same bytes
    assert from_text["options"] == from_file["options"]
    assert from_dict["options"] == from_file["options"]


def test_overrides_are_the_cli_set(tcosim_bin, default_yaml, tmp_path):
    cli(tcosim_bin, "run", default_yaml, "--trials", 500, "--set", "odm-dongguan.unit_cost.mode=30",
        "--set", "finance.runway=500000", "--out", tmp_path, "-q")
    r = tcosim.run(default_yaml, trials=500, overrides={"odm-dongguan.unit_cost.mode": 30, "finance.runway": 500000})
    assert without_timing(r.summary) == without_timing(json.loads((tmp_path / "summary.json").read_text()))


def test_check_raises_scenario_error_with_the_location(default_yaml, tmp_path):
    tcosim.check(default_yaml)  # valid: no exception
    lines = default_yaml.read_text().splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("horizon_months:"))
    lines[row] = "horizon_months: -3"
    bad = tmp_path / "bad.yaml"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(tcosim.ScenarioError) as caught:
        tcosim.check(bad)
    e = caught.value
    assert isinstance(e, ValueError)
    assert (e.file, e.line, e.field) == (str(bad), row + 1, "horizon_months")
    assert e.column == len("horizon_months: ") + 1
    assert str(e).startswith(f"{bad}:{row + 1}:{e.column}: horizon_months: ")
    assert e.errors[0]["field"] == "horizon_months"
    with pytest.raises(tcosim.ScenarioError) as caught:
        tcosim.run(default_yaml, overrides={"odm-dongguan.unit_costs": 3})
    assert "did you mean" in caught.value.message
    with pytest.raises(tcosim.ScenarioError):
        tcosim.check(tmp_path / "missing.yaml")


def test_replay_is_the_cli_replay(tcosim_bin, default_yaml):
    expected = json.loads(cli(tcosim_bin, "replay", default_yaml, "--trial", 41, "--seed", 9))
    got = tcosim.replay(default_yaml, 41, seed=9)
    assert finite_or_none(got) == expected
    assert set(got) == {"trial", "inputs", "outputs", "decision", "months"}


def test_sweep_is_the_cli_sweep(tcosim_bin, default_yaml, tmp_path):
    param = "market.demand_units.mode"
    cli(tcosim_bin, "sweep", default_yaml, "--param", f"{param}=30000,60000", "--trials", 400, "--breakeven",
        "--out", tmp_path)
    frame = tcosim.sweep(default_yaml, params={param: [30000, 60000]}, trials=400, breakeven=True)
    pd.testing.assert_frame_equal(frame, read_csv(tmp_path / "sweep.csv"), check_exact=True)
    pd.testing.assert_frame_equal(frame.attrs["breakeven"], read_csv(tmp_path / "breakeven.csv"), check_exact=True)


def test_sweep_reports_an_invalid_point(default_yaml):
    with pytest.raises(RuntimeError, match="point 1"):
        tcosim.sweep(default_yaml, params={"market.demand_units.mode": [45000, -1]}, trials=100)


def test_cash_curve_needs_format_2(root):
    r = tcosim.run(root / "scenarios" / "smart-speaker-format1.yaml", trials=200)
    with pytest.raises(ValueError, match="format-2"):
        r.cash_curve()


def test_ctrl_c_stops_the_run_cleanly(default_yaml):
    # Python leaves SIGINT alone when it starts with SIGINT ignored (a background job of a
    # shell without job control); Ctrl-C is Python's handler, so install it for this test.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
        start = time.monotonic()
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            tcosim.run(default_yaml, trials=10**10)  # hours, were it not stopped
        assert time.monotonic() - start < 20
    finally:
        signal.signal(signal.SIGINT, previous)
    assert tcosim.run(default_yaml, trials=200).trials == 200  # the module still works


def test_the_run_releases_the_gil(default_yaml):
    done = []
    worker = threading.Thread(target=lambda: done.append(tcosim.run(default_yaml, trials=100000)))
    worker.start()
    spins = 0
    while worker.is_alive():
        spins += 1
    worker.join()
    assert done and spins > 1000


def test_latin_hypercube_and_the_streaming_sketch_are_the_cli_s(tcosim_bin, default_yaml, tmp_path):
    # 60,000 trials of exact quantiles need more than 80 MiB: the run streams into the sketch.
    cli(tcosim_bin, "run", default_yaml, "--trials", 60000, "--sampling", "lhs", "--max-memory", "80M",
        "--out", tmp_path, "-q")
    expected = json.loads((tmp_path / "summary.json").read_text())
    assert expected["quantile_method"] == "ddsketch" and expected["sampling"] == "lhs"
    got = tcosim.run(default_yaml, trials=60000, sampling="lhs", max_memory="80M").summary
    assert without_timing(finite_or_none(got)) == without_timing(expected)


def test_a_dict_may_hold_numpy_numbers_and_arrays(default_yaml):
    yaml = pytest.importorskip("yaml")
    np = pytest.importorskip("numpy")
    plain = yaml.safe_load(default_yaml.read_text())
    with_numpy = yaml.safe_load(default_yaml.read_text())
    # What a DataFrame hands out: NumPy integers, floats and arrays where Python's were.
    with_numpy["horizon_months"] = np.int64(plain["horizon_months"])
    with_numpy["correlations"] = [[a, b, np.float64(r)] for a, b, r in plain["correlations"]]
    with_numpy["correlations"][0] = np.array(plain["correlations"][0], dtype=object)
    expected = tcosim.run(plain, trials=500, seed=3).summary
    got = tcosim.run(with_numpy, trials=500, seed=3).summary
    assert got["options"] == expected["options"]
    with pytest.raises(TypeError, match="scenario: a object is not a number"):
        tcosim.run({**plain, "name": object()}, trials=500)


def test_repair_correlations_is_the_cli_flag(tcosim_bin, default_yaml, tmp_path):
    yaml = pytest.importorskip("yaml")
    scenario = yaml.safe_load(default_yaml.read_text())
    # Three suppliers' unit costs pairwise +0.9, +0.9, -0.9: no correlation matrix is like that.
    scenario["correlations"][:3] = [["odm-dongguan.unit_cost", "oem-shenzhen.unit_cost", 0.9],
                                    ["oem-shenzhen.unit_cost", "contract-penang.unit_cost", 0.9],
                                    ["odm-dongguan.unit_cost", "contract-penang.unit_cost", -0.9]]
    with pytest.raises(tcosim.ScenarioError, match="positive"):
        tcosim.check(scenario)
    tcosim.check(scenario, repair_correlations=True)
    path = tmp_path / "not-positive-definite.yaml"
    path.write_text(yaml.safe_dump(scenario, sort_keys=False))
    cli(tcosim_bin, "run", path, "--trials", 500, "--seed", 3, "--repair-correlations", "--out", tmp_path / "cli", "-q")
    r = tcosim.run(path, trials=500, seed=3, repair_correlations=True)
    cli_summary = json.loads((tmp_path / "cli" / "summary.json").read_text())
    assert without_timing(r.summary) == without_timing(cli_summary)
    assert tcosim.replay(path, 7, repair_correlations=True)["trial"] == 7
