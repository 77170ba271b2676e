// `tcosim bench` on the real binary: the JSON it writes has the documented shape. Timings
// are never asserted (they depend on the machine); only that they are positive numbers.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/run_binary.hpp"

using tcosim::test::read_file;
using tcosim::test::run_tcosim;
using tcosim::test::TempDir;

TEST_CASE("bench writes one run per thread count, the sampling floor and peak memory as JSON", "[bench]") {
  TempDir dir("bench");
  const std::string json_path = (dir.path() / "bench.json").string();
  const auto r = run_tcosim("bench --trials 20000 --threads 1,2 --json " + json_path);
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(r.output.find("sampling floor") != std::string::npos);

  const auto j = nlohmann::json::parse(read_file(json_path));
  CHECK(j.at("scenario") == "smart-speaker");
  CHECK(j.at("trials") == 20000);
  CHECK(j.at("variates_per_trial").get<int>() > 0);
  CHECK(j.at("variates_per_trial").get<int>() <= j.at("inputs").get<int>());
  const auto& runs = j.at("runs");
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].at("threads") == 1);
  CHECK(runs[1].at("threads") == 2);
  CHECK(runs[0].at("speedup").get<double>() == 1.0);
  for (const auto& run : runs) {
    for (const char* key : {"elapsed_s", "trials_per_s", "variates_per_s", "speedup", "efficiency"})
      CHECK(run.at(key).get<double>() > 0.0);
    CHECK(run.at("quantile_method") == "exact");
    CHECK(run.at("peak_rss_bytes").get<std::uint64_t>() > 0);
  }
  const auto& floor = j.at("sampling_floor");
  CHECK(floor.at("threads") == 1);
  CHECK(floor.at("trials_per_s").get<double>() > 0.0);
  CHECK(j.at("full_over_floor").get<double>() > 0.0);
  CHECK(j.at("peak_rss_bytes").get<std::uint64_t>() > 0);
}

TEST_CASE("bench always measures 1 thread, the scaling baseline", "[bench]") {
  TempDir dir("bench-baseline");
  const std::string json_path = (dir.path() / "bench.json").string();
  const auto r = run_tcosim("bench --trials 5000 --threads 2 --json " + json_path);
  INFO(r.output);
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(read_file(json_path));
  REQUIRE(j.at("runs").size() == 2);
  CHECK(j.at("runs")[0].at("threads") == 1);
}

TEST_CASE("bench rejects a zero thread count as a usage error", "[bench]") {
  CHECK(run_tcosim("bench --trials 100 --threads 0").status == 2);
}
