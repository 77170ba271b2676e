#pragma once
// TCOSIM_VECTOR_CLONES before a function definition has GCC compile it three times, for the
// portable x86-64 baseline (SSE2), x86-64-v3 (AVX2) and x86-64-v4 (AVX-512), and pick one
// when the program loads (function multiversioning), so the default build stays portable and
// still uses wide vectors where the CPU has them. Only for loops of exact IEEE operations
// (+ - * / sqrt, comparisons, conversions, integer arithmetic): with -ffp-contract=off (the
// top-level CMakeLists.txt) no version fuses a multiply and an add, so every version gives the
// same bits. Empty with other compilers, off x86-64, or with -DTCOSIM_NO_CLONES.
//
// TCOSIM_AVX2_CLONES: the baseline and x86-64-v3 only, for loops that run no faster in 512-bit
// vectors (byte packing, scattered additions) and whose AVX-512 versions measured slower over a
// whole run (docs/performance.md, "Seventh round": the decision analytics' bins and pairs).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(TCOSIM_NO_CLONES)
#define TCOSIM_VECTOR_CLONES __attribute__((target_clones("default", "arch=x86-64-v3", "arch=x86-64-v4")))
#define TCOSIM_AVX2_CLONES __attribute__((target_clones("default", "arch=x86-64-v3")))
#else
#define TCOSIM_VECTOR_CLONES
#define TCOSIM_AVX2_CLONES
#endif
