#pragma once
// A large array of doubles that asks Linux for transparent huge pages. Exact mode stores every
// outcome of a run (8 bytes x trials x series, hundreds of MB); touched a 4 KiB page at a time,
// the first writes cost one page fault per 512 values, which a profile of a 10^6-trial run
// put at about 5 % of its time. With 2 MiB pages that is one fault per 262,144 values.
// Where huge pages are off or unsupported this is an ordinary allocation.
#include <cstddef>
#include <memory>

namespace tcosim {

/// Frees what make_huge_page_array allocated.
struct HugePageFree {
  void operator()(double* p) const noexcept;
};

/// An uninitialised array of n doubles (n > 0), aligned to 2 MiB when it spans one or more.
using HugePageArray = std::unique_ptr<double[], HugePageFree>;

/// Allocates the array; throws std::bad_alloc when the memory is not there.
HugePageArray make_huge_page_array(std::size_t n);

}  // namespace tcosim
