#include "app/commands.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace tcosim {

namespace {

/// A command line under construction: "tcosim <command>", then only what differs from the
/// defaults, in the order of `tcosim <command> --help`.
class CommandLine {
 public:
  explicit CommandLine(std::string_view command) : text_(fmt::format("tcosim {}", command)) {}

  CommandLine& arg(const std::string& value) {
    if (!value.empty()) text_ += " " + value;
    return *this;
  }
  template <class T>
  CommandLine& flag(std::string_view name, const T& value, const T& default_value) {
    if (value != default_value) text_ += fmt::format(" {} {}", name, value);
    return *this;
  }
  template <class T>
  CommandLine& flag(std::string_view name, const std::optional<T>& value) {
    if (value) text_ += fmt::format(" {} {}", name, *value);
    return *this;
  }
  template <class T>
  CommandLine& always(std::string_view name, const T& value) {
    text_ += fmt::format(" {} {}", name, value);
    return *this;
  }
  CommandLine& flag(std::string_view name, bool on) {
    if (on) text_ += fmt::format(" {}", name);
    return *this;
  }
  CommandLine& each(std::string_view name, const std::vector<std::string>& values) {
    for (const std::string& v : values) text_ += fmt::format(" {} {}", name, v);
    return *this;
  }
  std::string str() const { return text_; }

 private:
  std::string text_;
};

}  // namespace

std::string RunOptions::to_string() const {
  return CommandLine("run")
      .arg(scenario)
      .flag("--trials", trials)
      .flag("--seed", seed)
      .flag("--threads", threads, 0u)
      .flag("--out", out_dir, std::string())
      .flag("--samples", samples, std::uint64_t{0})
      .flag("--max-memory", max_memory, std::string("2G"))
      .flag("--sampling", sampling)
      .flag("--target-precision", target_precision)
      .flag("--repair-correlations", repair_correlations)
      .flag("--quiet", quiet)
      .each("--set", sets)
      .flag("--checkpoint-interval", checkpoint_interval, 60.0)
      .flag("--resume", resume)
      .flag("--xlsx", xlsx)
      .flag("--force", force)
      .each("--compare", compare)
      .str();
}

std::string ReplayOptions::to_string() const {
  return CommandLine("replay")
      .arg(scenario)
      .always("--trial", trial)
      .flag("--seed", seed)
      .flag("--sampling", sampling)
      .flag("--repair-correlations", repair_correlations)
      .each("--set", sets)
      .str();
}

std::string BatchOptions::to_string() const {
  return CommandLine("batch")
      .arg(fmt::format("{}", fmt::join(paths, " ")))
      .flag("--out", out_dir, std::string())
      .flag("--trials", trials)
      .flag("--jobs", jobs, 1u)
      .flag("--threads", threads, 0u)
      .flag("--force", force)
      .each("--set", sets)
      .flag("--checkpoint-interval", checkpoint_interval, 60.0)
      .flag("--max-memory", max_memory, std::string("2G"))
      .flag("--xlsx", xlsx)
      .str();
}

std::string RunsOptions::to_string() const {
  return CommandLine("runs").flag("--db", db, std::string("results/catalogue.sqlite")).str();
}

std::string SweepOptions::to_string() const {
  return CommandLine("sweep")
      .arg(scenario)
      .each("--param", params)
      .flag("--out", out_dir, std::string())
      .flag("--trials", trials)
      .flag("--threads", threads, 0u)
      .flag("--breakeven", breakeven)
      .each("--set", sets)
      .str();
}

std::string BenchOptions::to_string() const {
  return CommandLine("bench")
      .arg(scenario)
      .flag("--threads", fmt::format("{}", fmt::join(threads, ",")), std::string("1,2"))
      .flag("--trials", trials, std::uint64_t{1000000})
      .flag("--seed", seed)
      .flag("--max-memory", max_memory, std::string("2G"))
      .flag("--json", json, std::string())
      .str();
}

}  // namespace tcosim
