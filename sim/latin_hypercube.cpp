#include "sim/latin_hypercube.hpp"

#include <numeric>
#include <stdexcept>
#include <utility>

#include "sim/philox_stream.hpp"

namespace tcosim {

void lhs_permutation(std::uint64_t seed, std::uint64_t block, std::uint32_t input_id, std::span<std::uint16_t> perm) {
  const std::size_t m = perm.size();
  if (m == 0 || m > kMaxLhsStrata) throw std::invalid_argument("lhs_permutation: 1 to 65536 strata");
  std::iota(perm.begin(), perm.end(), std::uint16_t{0});
  PhiloxStream stream(seed, block | kLhsStreamBit, input_id);
  for (std::size_t i = m - 1; i > 0; --i) {
    // u < 1, so j <= i; the bias of scaling a 53-bit uniform to i + 1 <= 2^16 values is
    // below 2^-37 per swap, far under anything a simulation could detect.
    const auto j = static_cast<std::size_t>(stream.next_u01() * static_cast<double>(i + 1));
    std::swap(perm[i], perm[j]);
  }
}

}  // namespace tcosim
