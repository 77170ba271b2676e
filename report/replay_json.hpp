#pragma once
// What `tcosim replay` prints (and tcosim.replay returns in Python): one trial's inputs, each
// option's outputs and the trial's decision, as the full run saw them; in format 2 also each
// option's monthly table, so any number of a report can be traced month by month (MODEL.md 7.4).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>

#include "models/monthly_model.hpp"
#include "models/scenario.hpp"

namespace tcosim {

/// One month of the table, keys in MonthRow's order: month, month_end, demand, sold, arrivals,
/// ordered, the eight cost components as booked, deposit, balance, cash_out, cash_in,
/// cumulative_cash.
nlohmann::ordered_json month_row_json(const MonthRow& row);

/// {"trial", "inputs", "outputs", "decision"} for trial `trial` whose inputs are `x`; a format-2
/// scenario adds "months": {"<option>": [row, ...]}. A format-1 scenario gives exactly the
/// shape replay always printed.
nlohmann::ordered_json replay_json(const Scenario& s, std::uint64_t trial, std::span<const double> x);

}  // namespace tcosim
