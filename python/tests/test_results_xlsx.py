"""results.xlsx (`tcosim run --xlsx`, `tcosim batch --xlsx`) read back with openpyxl: every
number a number, equal to summary.json's (Excel keeps 15-16 significant digits), money in the
scenario's currency, and native charts in the file."""
import json
import math
import subprocess
import zipfile

import openpyxl
import pandas as pd
import pytest

REL = 1e-15  # libxlsxwriter writes 16 significant digits


def same(cell, expected):
    if expected is None:  # summary.json's null: a value JSON cannot hold, "inf" in the sheet
        return cell in ("inf", "-inf", "NaN")
    return isinstance(cell, (int, float)) and math.isclose(cell, expected, rel_tol=REL, abs_tol=1e-300)


def table(ws, title):
    """The rows under the header that follows the cell `title` in column A (None: the header is
    the row whose first cell is "input"), up to a blank row."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == title) + 1 if title else next(
        i for i, r in enumerate(rows) if r[0] == "input")
    header = [c for c in rows[start] if c is not None]
    out = []
    for r in rows[start + 1:]:
        if r[0] is None:
            break
        out.append(dict(zip(header, r)))
    return out


@pytest.fixture(scope="module")
def run_folder(tcosim_bin, root, tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx")
    done = subprocess.run([str(tcosim_bin), "run", str(root / "scenarios" / "default.yaml"), "--trials", "2000",
                           "--seed", "5", "--samples", "12", "--xlsx", "--out", str(out), "-q"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def book(run_folder):
    return openpyxl.load_workbook(run_folder / "results.xlsx")


@pytest.fixture(scope="module")
def summary(run_folder):
    return json.loads((run_folder / "summary.json").read_text())


def test_sheets(book):
    assert book.sheetnames == ["Decision", "Breakdown", "Cash", "Drivers", "Samples", "Scenario"]


def test_percentile_table_is_summary_json(book, summary):
    rows = table(book["Decision"], "Percentiles per option and metric (USD; months; units)")
    assert len(rows) == sum(len(o["metrics"]) for o in summary["options"].values())
    for row in rows:
        m = summary["options"][row["option"]]["metrics"][row["metric"]]
        for stat in ("mean", "sd", "stderr", "min", "max", "cvar95"):
            assert same(row[stat], m[stat]), (row["option"], row["metric"], stat)
        for level, value in m["quantiles"].items():
            assert same(row[level], value), (row["option"], row["metric"], level)
            lo, hi = m["quantile_ci95"][level]
            assert same(row[f"{level}_ci95_lo"], lo) and same(row[f"{level}_ci95_hi"], hi)
    decision = table(book["Decision"], "Decision statistics per option")
    assert [r["option"] for r in decision] == list(summary["options"])
    for row in decision:
        for key in ("p_best_cost", "p_fastest", "mean_regret", "p_never_on_sale", "p_no_payback"):
            assert same(row[key], summary["options"][row["option"]][key])


def test_money_is_a_number_in_the_currency(book):
    ws = book["Decision"]
    cheapest = next(r for r in ws.iter_rows() if r[0].value == "Cheapest at the median")
    cell = cheapest[3]
    assert cell.data_type == "n" and '"USD"' in cell.number_format


def test_breakdown_cash_and_drivers_are_summary_json(book, summary):
    ws = book["Breakdown"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    header = rows[0]
    for r in rows[1:1 + len(summary["options"])]:
        metrics = summary["options"][r[0]]["metrics"]
        for name, value in zip(header[1:], r[1:]):
            assert same(value, metrics[name]["mean"]), (r[0], name)
    cash = list(book["Cash"].iter_rows(min_row=3, values_only=True))
    header = cash[0]
    for option, res in summary["options"].items():
        for level in ("p5", "p25", "p50", "p75", "p95"):
            column = header.index(f"{option} {level}")
            assert all(same(r[column], v) for r, v in zip(cash[1:], res["cash_curve"][level]))
    drivers = list(book["Drivers"].iter_rows(min_row=4, values_only=True))
    first = next(r for r in drivers if r[0] == "odm-dongguan" and r[1] == "npv_cost" and r[2] == 1)
    expected = summary["options"]["odm-dongguan"]["sensitivity"]["npv_cost"][0]
    assert first[3] == expected["input"] and same(first[4], expected["spearman"])


def test_samples_and_scenario_sheets(book, run_folder):
    samples = pd.read_csv(run_folder / "samples.csv", float_precision="round_trip")
    rows = list(book["Samples"].iter_rows(values_only=True))
    assert list(rows[0]) == list(samples.columns)
    assert len(rows) == 1 + len(samples) == 13
    for got, (_, want) in zip(rows[1:], samples.iterrows()):
        assert all(same(g, w) if math.isfinite(w) else g == "inf" for g, w in zip(got, want))
    metrics = [c for c in samples.columns if c.endswith(".total_cost")]
    n_inputs = list(samples.columns).index(metrics[0]) - 1  # trial, the inputs, then the outputs
    inputs = table(book["Scenario"], None)
    assert [r["input"] for r in inputs] == list(samples.columns[1:1 + n_inputs])
    assert all(isinstance(r["mean"], (int, float)) or r["mean"] == "inf" for r in inputs)


def test_native_charts(run_folder):
    names = zipfile.ZipFile(run_folder / "results.xlsx").namelist()
    # two CDFs (cost, time to market), the stacked breakdown, the cash fan
    assert sum(n.startswith("xl/charts/chart") for n in names) == 4


def test_batch_writes_a_workbook_per_scenario_and_an_overview(tcosim_bin, root, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.yaml").write_text((root / "scenarios" / "default.yaml").read_text())
    (src / "b.yaml").write_text((root / "scenarios" / "smart-speaker-format1.yaml").read_text())
    out = tmp_path / "out"
    done = subprocess.run([str(tcosim_bin), "batch", str(src), "--out", str(out), "--trials", "300", "--xlsx"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    overview = list(openpyxl.load_workbook(out / "batch.xlsx")["Batch"].iter_rows(values_only=True))
    header = overview[0]
    assert len(overview) == 3
    for row in overview[1:]:
        r = dict(zip(header, row))
        assert r["status"] == "ok" and r["trials"] == 300
        summary = json.loads((out / r["scenario"] / "summary.json").read_text())
        cost = r["cost compared"]
        assert same(r["P50 cost"], summary["options"][r["cheapest at P50"]]["metrics"][cost]["quantiles"]["p50"])
        assert (out / r["scenario"] / "results.xlsx").is_file()
