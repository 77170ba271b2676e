#include "sim/huge_page_array.hpp"

#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace tcosim {

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;
}  // namespace

void HugePageFree::operator()(double* p) const noexcept { std::free(p); }

HugePageArray make_huge_page_array(std::size_t n) {
  const std::size_t bytes = (n == 0 ? 1 : n) * sizeof(double);
  const bool huge = bytes >= kHugePage;
  // aligned_alloc wants a size that is a multiple of the alignment.
  const std::size_t rounded = huge ? (bytes + kHugePage - 1) / kHugePage * kHugePage : bytes;
  void* p = huge ? std::aligned_alloc(kHugePage, rounded) : std::malloc(bytes);
  if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // Advice only: with THP set to "never" or for lack of free huge pages it changes nothing.
  if (huge) (void)madvise(p, rounded, MADV_HUGEPAGE);
#endif
  return HugePageArray(static_cast<double*>(p));
}

}  // namespace tcosim
