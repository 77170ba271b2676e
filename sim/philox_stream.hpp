#pragma once
// Counter-based random stream: every uniform is a pure function of
// (seed, trial index, input id, draw number), so a trial can be replayed alone and
// results do not depend on threads, chunking or resume (the OpenMC idea of keying a
// particle's stream by its global index).
#include <Random123/philox.h>

#include <Random123/uniform.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace tcosim {

/// Stable 32-bit id of a sampled input, derived from its path (FNV-1a), so adding an
/// option or input elsewhere in a scenario does not change the draws of the others.
constexpr std::uint32_t input_id_for(std::string_view path) noexcept {
  std::uint32_t h = 2166136261u;
  for (char c : path) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

/// Uniforms on the open interval (0, 1) for one (seed, trial, input id). Draw k comes from
/// Philox4x32-10 block k/2 (each block gives two 64-bit words, hence two 53-bit doubles).
class PhiloxStream {
 public:
  PhiloxStream(std::uint64_t seed, std::uint64_t trial, std::uint32_t input_id) noexcept {
    key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    ctr_ = {{static_cast<std::uint32_t>(trial), static_cast<std::uint32_t>(trial >> 32), input_id, 0u}};
  }

  /// Next uniform in (0, 1): never exactly 0 or 1, so inverse CDFs stay finite.
  double next_u01() noexcept {
    if (left_ == 0) {
      block_ = r123::Philox4x32{}(ctr_, key_);
      ctr_.v[3] += 1;
      left_ = 2;
    }
    const int i = 2 - left_;
    --left_;
    const std::uint64_t w = (static_cast<std::uint64_t>(block_.v[2 * i]) << 32) | block_.v[2 * i + 1];
    return r123::u01fixedpt<double>(w);
  }

  /// The stream's key and how many uniforms it has given, e.g.
  /// "PhiloxStream{seed=1, trial=2, input=3, 5 draws}".
  std::string to_string() const;

 private:
  r123::Philox4x32::key_type key_{};
  r123::Philox4x32::ctr_type ctr_{};
  r123::Philox4x32::ctr_type block_{};
  int left_ = 0;
};

}  // namespace tcosim
