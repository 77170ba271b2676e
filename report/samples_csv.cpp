#include "report/samples_csv.hpp"

#include <fmt/format.h>

#include "util/csv_field.hpp"

namespace tcosim {

std::string samples_csv(const Scenario& s, const SimulationResult& r) {
  std::string out = "trial";
  for (const InputSpec& in : s.inputs) {
    out += ',';
    out += csv_field(in.path);
  }
  for (const OptionSpec& o : s.options)
    for (std::size_t m = 0; m < s.metric_count(); ++m) {
      out += ',';
      out += csv_field(fmt::format("{}.{}", o.name, kMetricNames[m]));
    }
  out += '\n';
  const SampleTable& t = r.samples;
  for (std::size_t row = 0; row < t.rows; ++row) {
    out += fmt::format("{}", row);
    const double* v = t.values.data() + row * t.width;
    for (std::size_t c = 0; c < t.width; ++c) out += fmt::format(",{}", v[c]);
    out += '\n';
  }
  return out;
}

}  // namespace tcosim
