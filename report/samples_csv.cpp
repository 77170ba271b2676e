#include "report/samples_csv.hpp"

#include <fmt/format.h>

#include "util/csv_field.hpp"

namespace tcosim {

std::vector<std::string> sample_column_names(const Scenario& s) {
  std::vector<std::string> names;
  for (const InputSpec& in : s.inputs) names.push_back(in.path);
  for (const OptionSpec& o : s.options)
    for (std::size_t m = 0; m < s.metric_count(); ++m) names.push_back(fmt::format("{}.{}", o.name, kMetricNames[m]));
  return names;
}

std::string samples_csv(const Scenario& s, const SimulationResult& r) {
  std::string out = "trial";
  for (const std::string& name : sample_column_names(s)) {
    out += ',';
    out += csv_field(name);
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
