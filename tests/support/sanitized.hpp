#pragma once
// Under AddressSanitizer or ThreadSanitizer the binary runs 5-15x slower. Tests whose point is a
// behaviour (a signal lands mid-run, a resume gives the same bits), not a statistic, scale their
// trial counts down there so the sanitizer build stays within CI time; the Release build keeps
// the full counts.
#include <cstdint>

namespace tcosim::test {

// GCC defines __SANITIZE_ADDRESS__ / __SANITIZE_THREAD__; clang 14 answers __has_feature only.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TCOSIM_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define TCOSIM_TEST_SANITIZED 1
#endif
#endif

#ifdef TCOSIM_TEST_SANITIZED
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif

/// `trials` in the Release build, a quarter of it under a sanitizer.
constexpr std::uint64_t behaviour_trials(std::uint64_t trials) { return kSanitized ? trials / 4 : trials; }

}  // namespace tcosim::test
