#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "sim/philox_batch.hpp"
#include "sim/philox_stream.hpp"

using namespace tcosim;

TEST_CASE("input_uniforms gives input_uniform of each trial, bit for bit") {
  struct Case {
    std::uint64_t seed;
    std::uint64_t first;
    std::uint32_t id;
  };
  const std::vector<Case> cases = {
      {1, 0, 12345u},
      {0, 0, 0u},
      {0xdeadbeefcafef00dULL, 123456789012345ULL, 0xffffffffu},
      {7, 0xffffffffULL - 40, input_id_for("market.demand_units")},  // the trial's low word wraps mid-batch
      {0xffffffffffffffffULL, (1ULL << 62) + 3, 0x80000000u},
      {9, (1ULL << 33) - 41, 77u},  // odd start; the pair index's low word wraps mid-batch
  };
  for (const Case& c : cases) {
    for (const std::size_t n :
         {std::size_t{1}, std::size_t{3}, kPhiloxLanes - 1, kPhiloxLanes, kPhiloxLanes + 1, std::size_t{300}}) {
      INFO("seed " << c.seed << ", first " << c.first << ", id " << c.id << ", n " << n);
      std::vector<double> u(n, -1.0);
      input_uniforms(c.seed, c.first, c.id, n, u.data());
      for (std::size_t i = 0; i < n; ++i) CHECK(u[i] == input_uniform(c.seed, c.first + i, c.id));
    }
  }
}

TEST_CASE("input_uniform takes the two words of one Philox block for a pair of trials") {
  // PhiloxStream(seed, p, id) starts at counter (p, id, 0): its first two draws are that
  // block's two words, the uniforms of trials 2p and 2p + 1 (Random123's known answers for
  // PhiloxStream are checked in test_philox_stream.cpp).
  for (const std::uint64_t pair : {0ULL, 1ULL, 12345ULL, (1ULL << 32) + 5, (1ULL << 62) - 1}) {
    for (const std::uint32_t id : {0u, 3u, input_id_for("oem.unit_cost")}) {
      PhiloxStream s(2026, pair, id);
      CHECK(input_uniform(2026, 2 * pair, id) == s.next_u01());
      CHECK(input_uniform(2026, 2 * pair + 1, id) == s.next_u01());
    }
  }
}

TEST_CASE("input_uniforms stay inside the open interval") {
  std::vector<double> u(4096);
  input_uniforms(3, 0, 99u, u.size(), u.data());
  for (double v : u) {
    CHECK(v >= 0x1p-53);
    CHECK(v <= 1.0 - 0x1p-53);
  }
}
