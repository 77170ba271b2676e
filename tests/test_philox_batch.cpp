#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "sim/philox_batch.hpp"
#include "sim/philox_stream.hpp"

using namespace tcosim;

TEST_CASE("philox_first_u01 gives each trial's first stream uniform, bit for bit") {
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
  };
  for (const Case& c : cases) {
    for (const std::size_t n :
         {std::size_t{1}, std::size_t{3}, kPhiloxLanes - 1, kPhiloxLanes, kPhiloxLanes + 1, std::size_t{300}}) {
      INFO("seed " << c.seed << ", first " << c.first << ", id " << c.id << ", n " << n);
      std::vector<double> u(n, -1.0);
      philox_first_u01(c.seed, c.first, c.id, n, u.data());
      for (std::size_t i = 0; i < n; ++i) {
        PhiloxStream s(c.seed, c.first + i, c.id);
        CHECK(u[i] == s.next_u01());
      }
    }
  }
}

TEST_CASE("philox_first_u01 uniforms stay inside the open interval") {
  std::vector<double> u(4096);
  philox_first_u01(3, 0, 99u, u.size(), u.data());
  for (double v : u) {
    CHECK(v >= 0x1p-53);
    CHECK(v <= 1.0 - 0x1p-53);
  }
}
