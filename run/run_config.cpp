#include "run/run_config.hpp"

#include <fmt/format.h>

#include "util/byte_size.hpp"

namespace tcosim {

std::string RunConfig::to_string() const {
  std::string out = fmt::format("{} trials, seed {}, {}, max memory {}", trials, seed, tcosim::to_string(sampling),
                                format_byte_size(max_memory_bytes));
  if (sample_rows > 0) out += fmt::format(", {} sample rows", sample_rows);
  if (target_precision) out += fmt::format(", target precision {}", *target_precision);
  if (!checkpoint.file.empty()) out += ", " + checkpoint.to_string();
  if (comm != nullptr) out += fmt::format(", {} ranks", comm->size());
  return out;
}

std::string RunConfig::Checkpointing::to_string() const {
  if (file.empty()) return "no checkpoint";
  return fmt::format("checkpoint {} every {} s{}", file.string(), interval_s, resume ? ", resume" : "");
}

std::string RunInterrupted::to_string() const {
  return fmt::format("interrupted by signal {} after {} trials, {}", signal, trials,
                     checkpoint_written ? "checkpoint written" : "no checkpoint");
}

std::string RunFlags::to_string() const {
  std::string out;
  if (trials) out += fmt::format(" --trials {}", *trials);
  if (seed) out += fmt::format(" --seed {}", *seed);
  if (sampling) out += fmt::format(" --sampling {}", tcosim::to_string(*sampling));
  return out.empty() ? "no flags" : out.substr(1);
}

RunConfig resolve_run_config(const Scenario& s, const RunFlags& flags) {
  RunConfig cfg;
  cfg.trials = flags.trials.value_or(s.run.trials);
  cfg.seed = flags.seed.value_or(s.run.seed);
  cfg.sampling = flags.sampling.value_or(s.run.sampling);
  return cfg;
}

}  // namespace tcosim
