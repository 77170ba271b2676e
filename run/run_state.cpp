#include "run/run_state.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <span>

namespace tcosim {

namespace {

void save_chunk_state(ByteWriter& out, const ChunkState& st) {
  out.put_span(std::span<const Moments>(st.metrics));
  out.put_span(std::span<const Moments>(st.regret));
  for (const auto* counts :
       {&st.best, &st.fastest, &st.never_on_sale, &st.over_budget, &st.late, &st.no_payback, &st.cash_short})
    out.put_span(std::span<const std::uint64_t>(*counts));
  out.put_span(std::span<const std::uint64_t>(st.cheaper));
  out.put_span(std::span<const Moments>(st.pair_diff));
  out.put_span(st.binned.sums());
  out.put_span(std::span<const std::uint64_t>(st.stress_wins));
  out.put_span(std::span<const Moments>(st.replicate_metrics));
}

ChunkState load_chunk_state(ByteReader& in, const RunShape& shape) {
  ChunkState st = shape.empty_chunk_state();
  in.get_into(std::span<Moments>(st.metrics));
  in.get_into(std::span<Moments>(st.regret));
  for (auto* counts :
       {&st.best, &st.fastest, &st.never_on_sale, &st.over_budget, &st.late, &st.no_payback, &st.cash_short})
    in.get_into(std::span<std::uint64_t>(*counts));
  in.get_into(std::span<std::uint64_t>(st.cheaper));
  in.get_into(std::span<Moments>(st.pair_diff));
  in.get_into(st.binned.sums());
  in.get_into(std::span<std::uint64_t>(st.stress_wins));
  in.get_into(std::span<Moments>(st.replicate_metrics));
  return st;
}

/// Rows [first, last) of a row-major table clipped to its `rows`.
std::pair<std::size_t, std::size_t> clip_rows(std::uint64_t first, std::uint64_t last, std::uint64_t rows) {
  return {static_cast<std::size_t>(std::min(first, rows)), static_cast<std::size_t>(std::min(last, rows))};
}

}  // namespace

std::string RunShape::to_string() const {
  return fmt::format(
      "{} options x {} inputs, {} metrics and {} cash months per option, {} trials in {} chunks, {}, {} sample rows, "
      "{} sensitivity rows{}{}",
      options, inputs, metric_count, cash_months, chunks.trials, chunks.chunks(), exact ? "exact" : "sketch",
      sample_rows, sens_rows, analytics.options > 0 ? ", " + analytics.to_string() : std::string(),
      replicates > 0 ? fmt::format(", {} replicates", replicates) : std::string());
}

RunState::RunState(const RunShape& shape)
    : shape_(shape),
      samples_(std::min(shape.sample_rows, shape.chunks.trials) * shape.sample_width()),
      sens_(std::min(shape.sens_rows, shape.chunks.trials) * shape.sens_width()),
      sens_bins_(std::min(shape.sens_rows, shape.chunks.trials) * shape.sens_bin_width()) {
  shape_.sample_rows = std::min(shape.sample_rows, shape.chunks.trials);
  shape_.sens_rows = std::min(shape.sens_rows, shape.chunks.trials);
  if (shape_.exact) {
    stored_.resize(shape_.series());
    for (auto& v : stored_) {
      v.reset(new double[shape_.chunks.trials]);
      stored_ptrs_.push_back(v.get());
    }
  }
  if (shape_.stress_marked()) stress_marks_.reset(new StressMark[shape_.chunks.trials]);
  sketches_.assign(shape_.sketch_count(), QuantileSketch(shape_.sketch_accuracy));
}

ChunkRanges RunState::covered() const {
  ChunkRanges out;
  for (const Fragment& f : fragments_) out.emplace_back(f.first_leaf(), f.next_leaf());
  return out;
}

std::uint64_t RunState::prefix_chunks() const noexcept {
  return !fragments_.empty() && fragments_.front().first_leaf() == 0 ? fragments_.front().next_leaf() : 0;
}

ChunkState RunState::total() const {
  const ChunkState empty = shape_.empty_chunk_state();
  if (fragments_.empty()) return empty;
  if (fragments_.size() != 1 || fragments_.front().first_leaf() != 0)
    throw std::logic_error("RunState::total: completed chunks are not one range from 0");
  return fragments_.front().total(empty);
}

void RunState::push_chunk(std::uint64_t c, ChunkState st) {
  // Usually the chunk extends the fragment the previous chunk extended: search from the back.
  for (std::size_t i = fragments_.size(); i-- > 0;) {
    if (fragments_[i].next_leaf() == c) {
      fragments_[i].push(std::move(st), &spare_);
      if (i + 1 < fragments_.size() && fragments_[i + 1].first_leaf() == c + 1) {
        for (const auto& b : fragments_[i + 1].blocks()) fragments_[i].push(b);
        fragments_.erase(fragments_.begin() + static_cast<std::ptrdiff_t>(i + 1));
      }
      return;
    }
  }
  Fragment f(c);
  f.push(std::move(st));
  add_fragment(std::move(f));
}

ChunkState RunState::spare_chunk_state() {
  if (spare_.empty()) return {};
  ChunkState st = std::move(spare_.back());
  spare_.pop_back();
  return st;
}

void RunState::add_fragment(Fragment f) {
  auto at = std::lower_bound(fragments_.begin(), fragments_.end(), f.first_leaf(),
                             [](const Fragment& g, std::uint64_t first) { return g.first_leaf() < first; });
  if ((at != fragments_.end() && at->first_leaf() < f.next_leaf()) ||
      (at != fragments_.begin() && std::prev(at)->next_leaf() > f.first_leaf()))
    throw ByteStreamError("overlapping chunk ranges");
  // Join with the neighbours it touches, so adjacent ranges always form one fragment.
  if (at != fragments_.end() && at->first_leaf() == f.next_leaf()) {
    for (const auto& b : at->blocks()) f.push(b);
    at = fragments_.erase(at);
  }
  if (at != fragments_.begin() && std::prev(at)->next_leaf() == f.first_leaf()) {
    for (const auto& b : f.blocks()) std::prev(at)->push(b);
    return;
  }
  fragments_.insert(at, std::move(f));
}

void RunState::save(ByteWriter& out) const {
  const ChunkPlan& plan = shape_.chunks;
  out.put<std::uint64_t>(fragments_.size());
  for (const Fragment& f : fragments_) {
    out.put<std::uint64_t>(f.first_leaf());
    out.put<std::uint64_t>(f.next_leaf());
    out.put<std::uint64_t>(f.blocks().size());
    for (const auto& b : f.blocks()) {
      out.put<std::uint64_t>(b.first);
      out.put<std::uint32_t>(b.level);
      save_chunk_state(out, b.state);
    }
    const std::uint64_t t0 = plan.begin(f.first_leaf()), t1 = plan.end(f.next_leaf() - 1);
    for (const double* v : stored_ptrs_) out.put_span(std::span<const double>(v + t0, v + t1));
    if (stress_marks_) out.put_span(std::span<const StressMark>(stress_marks_.get() + t0, stress_marks_.get() + t1));
    const auto [s0, s1] = clip_rows(t0, t1, shape_.sample_rows);
    out.put_span(
        std::span<const double>(samples_).subspan(s0 * shape_.sample_width(), (s1 - s0) * shape_.sample_width()));
    const auto [e0, e1] = clip_rows(t0, t1, shape_.sens_rows);
    out.put_span(std::span<const double>(sens_).subspan(e0 * shape_.sens_width(), (e1 - e0) * shape_.sens_width()));
    out.put_span(std::span<const std::uint8_t>(sens_bins_)
                     .subspan(e0 * shape_.sens_bin_width(), (e1 - e0) * shape_.sens_bin_width()));
  }
  out.put<std::uint64_t>(sketches_.size());
  for (const QuantileSketch& sk : sketches_) sk.save(out);
}

void RunState::merge_saved(ByteReader& in) {
  const ChunkPlan& plan = shape_.chunks;
  const std::uint64_t n_chunks = plan.chunks();
  const auto n_fragments = in.get<std::uint64_t>();
  if (n_fragments > std::min(n_chunks, kMaxSavedFragments)) throw ByteStreamError("fragment count out of range");
  for (std::uint64_t i = 0; i < n_fragments; ++i) {
    const auto first = in.get<std::uint64_t>();
    const auto next = in.get<std::uint64_t>();
    const auto n_blocks = in.get<std::uint64_t>();
    if (!(first < next && next <= n_chunks) || n_blocks == 0 || n_blocks > 128)
      throw ByteStreamError("chunk range out of range");
    Fragment f(first);
    for (std::uint64_t b = 0; b < n_blocks; ++b) {
      FoldBlock<ChunkState> block;
      block.first = in.get<std::uint64_t>();
      block.level = in.get<std::uint32_t>();
      if (block.level > 62 || block.first != f.next_leaf() || block.first + block.size() > next)
        throw ByteStreamError("reduction block out of range");
      block.state = load_chunk_state(in, shape_);
      try {
        f.push(std::move(block));
      } catch (const std::logic_error&) {
        throw ByteStreamError("reduction block not aligned");
      }
    }
    if (f.next_leaf() != next) throw ByteStreamError("reduction blocks do not cover their range");
    const std::uint64_t t0 = plan.begin(first), t1 = plan.end(next - 1);
    for (double* v : stored_ptrs_) in.get_into(std::span<double>(v + t0, v + t1));
    if (stress_marks_) in.get_into(std::span<StressMark>(stress_marks_.get() + t0, stress_marks_.get() + t1));
    const auto [s0, s1] = clip_rows(t0, t1, shape_.sample_rows);
    in.get_into(std::span<double>(samples_).subspan(s0 * shape_.sample_width(), (s1 - s0) * shape_.sample_width()));
    const auto [e0, e1] = clip_rows(t0, t1, shape_.sens_rows);
    in.get_into(std::span<double>(sens_).subspan(e0 * shape_.sens_width(), (e1 - e0) * shape_.sens_width()));
    in.get_into(
        std::span<std::uint8_t>(sens_bins_).subspan(e0 * shape_.sens_bin_width(), (e1 - e0) * shape_.sens_bin_width()));
    add_fragment(std::move(f));
  }
  const auto n_sketches = in.get<std::uint64_t>();
  if (n_sketches != sketches_.size()) throw ByteStreamError("sketch count differs from the run's");
  for (QuantileSketch& sk : sketches_) {
    const QuantileSketch loaded = QuantileSketch::load(in);
    if (loaded.relative_accuracy() != sk.relative_accuracy()) throw ByteStreamError("sketch accuracy differs");
    sk.merge(loaded);
  }
}

void RunState::clear_accumulated() {
  fragments_.clear();
  for (QuantileSketch& sk : sketches_) sk.clear();
}

std::string RunState::to_string() const {
  std::string out = shape_.to_string() + "; chunks";
  if (fragments_.empty()) out += " none";
  for (const auto& [a, b] : covered()) out += fmt::format(" [{}, {})", a, b);
  return out;
}

namespace {

/// Saturating arithmetic for size bounds: a bound that overflows is no bound at all.
std::uint64_t sat_add(std::uint64_t a, std::uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }
std::uint64_t sat_mul(std::uint64_t a, std::uint64_t b) { return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b; }

constexpr std::uint64_t kLength = sizeof(std::uint64_t);  // a span's length prefix

/// Bytes save_chunk_state writes for one block: every span's length is fixed by the shape, so
/// an empty state of the shape writes exactly as many as a full one.
std::uint64_t chunk_state_bytes(const RunShape& sh) {
  ByteWriter out;
  save_chunk_state(out, sh.empty_chunk_state());
  return out.take().size();
}

/// Per replicate r < R, the trials t of the chunk ranges with t mod R = r: each replicate's
/// share of them (sim/sobol_points.hpp).
std::vector<std::uint64_t> replicate_trials(const ChunkPlan& plan, const ChunkRanges& ranges, std::uint64_t R) {
  std::vector<std::uint64_t> own(R, 0);
  for (const auto& [c0, c1] : ranges) {
    const std::uint64_t t0 = plan.begin(c0), t1 = plan.end(c1 - 1);
    for (std::uint64_t r = 0; r < R; ++r) own[r] += (t1 + R - 1 - r) / R - (t0 + R - 1 - r) / R;
  }
  return own;
}

std::string moments_problem(const Moments& m, std::uint64_t trials) {
  if (m.n != trials) return fmt::format("count {} for {} trials", m.n, trials);
  // The mean of n equal values x is x only up to rounding (the sum of n copies of x is not
  // always n x exactly), so a run's mean may sit an ulp or so outside [min, max]; a forged one
  // is refused when it lies further out than summation error can put it.
  const double slack = 1e-9 * std::max(std::fabs(m.min), std::fabs(m.max));
  if (m.n > 0 && (m.mean < m.min - slack || m.mean > m.max + slack))
    return fmt::format("mean {} outside [min {}, max {}]", m.mean, m.min, m.max);
  if (m.m2 < 0) return fmt::format("negative sum of squares {}", m.m2);
  return {};
}

/// Why the stress marks of trials [t0, t1) cannot be those of the chunks whose stress wins are
/// in `st` (a bit for no stress input, a trial in both extreme deciles of one input, a decile
/// whose marked trials differ from the trials its wins count), or empty.
std::string marks_problem(const RunState& state, std::uint64_t t0, std::uint64_t t1, const ChunkState& st) {
  const RunShape& sh = state.shape();
  const StressMark* marks = state.stress_marks();
  if (marks == nullptr) return {};
  const std::size_t inputs = sh.analytics.stress.size(), n_opt = sh.analytics.options;
  std::array<std::uint64_t, 2 * kStressInputs> marked{};
  const auto used = static_cast<unsigned>((1u << (2 * inputs)) - 1u);
  for (std::uint64_t t = t0; t < t1; ++t) {
    const unsigned m = marks[t];
    if ((m & ~used) != 0) return fmt::format("trial {} has mark {:#04x} for {} stress inputs", t, m, inputs);
    for (std::size_t j = 0; j < inputs; ++j) {
      if ((m & stress_bit(j, 0)) != 0 && (m & stress_bit(j, 1)) != 0)
        return fmt::format("trial {} is in both extreme deciles of stress input {}", t, j);
      for (std::size_t high = 0; high < 2; ++high) marked[j * 2 + high] += (m & stress_bit(j, high)) != 0 ? 1 : 0;
    }
  }
  for (std::size_t c = 0; c < 2 * inputs; ++c) {
    std::uint64_t wins = 0;
    for (std::size_t o = 0; o < n_opt; ++o) wins += st.stress_wins[c * n_opt + o];
    if (wins != marked[c])
      return fmt::format("{} trials marked in decile {} of stress input {}, {} counted", marked[c],
                         c % 2 == 0 ? "low" : "high", c / 2, wins);
  }
  return {};
}

}  // namespace

std::uint64_t max_saved_bytes(const RunShape& sh) {
  const ChunkPlan& plan = sh.chunks;
  const std::uint64_t n_chunks = plan.chunks();
  const std::uint64_t fragments = std::min(n_chunks, kMaxSavedFragments);
  // merge_saved allows 128 blocks per fragment; a fold of n leaves never needs more than two per bit.
  const std::uint64_t blocks = std::min<std::uint64_t>(128, 2 * (std::bit_width(n_chunks) + 1));
  const std::uint64_t block = sizeof(std::uint64_t) + sizeof(std::uint32_t) + chunk_state_bytes(sh);
  const std::uint64_t spans = sh.series() + 3 + (sh.stress_marked() ? 1 : 0);  // per-trial arrays
  const std::uint64_t per_fragment = 3 * kLength + sat_mul(blocks, block) + spans * kLength;
  std::uint64_t bytes = sat_add(kLength, sat_mul(fragments, per_fragment));
  const std::uint64_t trials = plan.trials;
  if (sh.exact) bytes = sat_add(bytes, sat_mul(sat_mul(trials, sh.series()), sizeof(double)));
  if (sh.stress_marked()) bytes = sat_add(bytes, sat_mul(trials, sizeof(StressMark)));
  bytes = sat_add(bytes, sat_mul(sat_mul(std::min(sh.sample_rows, trials), sh.sample_width()), sizeof(double)));
  bytes = sat_add(bytes, sat_mul(sat_mul(std::min(sh.sens_rows, trials), sh.sens_width()), sizeof(double)));
  bytes = sat_add(bytes, sat_mul(std::min(sh.sens_rows, trials), sh.sens_bin_width()));
  bytes = sat_add(bytes, kLength);
  if (!sh.exact) {
    // A sketch saves its accuracy, zero count and two stores of (index, count) pairs; it has
    // at most as many buckets as max_memory_bytes counts 8-byte counters.
    const std::uint64_t buckets = QuantileSketch::max_memory_bytes(sh.sketch_accuracy) / sizeof(std::uint64_t);
    const std::uint64_t sketch = 4 * kLength + sat_mul(buckets, sizeof(std::int32_t) + sizeof(std::uint64_t));
    bytes = sat_add(bytes, sat_mul(sh.sketch_count(), sketch));
  }
  return bytes;
}

std::string state_inconsistency(const RunState& state) {
  const RunShape& sh = state.shape();
  const ChunkPlan& plan = sh.chunks;
  for (const Fragment& f : state.fragments())
    for (const auto& b : f.blocks()) {
      const std::uint64_t trials = plan.end(b.first + b.size() - 1) - plan.begin(b.first);
      const ChunkState& st = b.state;
      const std::vector<std::uint64_t> own = replicate_trials(plan, {{b.first, b.first + b.size()}}, sh.replicates);
      const auto where = [&](std::string_view what, std::size_t o) {
        return fmt::format("chunks [{}, {}), option {}, {}", b.first, b.first + b.size(), o, what);
      };
      for (std::size_t o = 0; o < sh.options; ++o) {
        for (std::size_t m = 0; m < sh.metric_count; ++m)
          if (const std::string p = moments_problem(st.metrics[o * sh.metric_count + m], trials); !p.empty())
            return where(fmt::format("metric {}: {}", m, p), o);
        if (const std::string p = moments_problem(st.regret[o], trials); !p.empty()) return where("regret: " + p, o);
        for (std::size_t m = 0; m < sh.metric_count; ++m)
          for (std::size_t r = 0; r < sh.replicates; ++r) {
            const Moments& mo = st.replicate_metrics[(o * sh.metric_count + m) * sh.replicates + r];
            if (const std::string p = moments_problem(mo, own[r]); !p.empty())
              return where(fmt::format("metric {} replicate {}: {}", m, r, p), o);
          }
        for (const auto* counts :
             {&st.best, &st.fastest, &st.never_on_sale, &st.over_budget, &st.late, &st.no_payback, &st.cash_short})
          if ((*counts)[o] > trials)
            return where(fmt::format("a decision count of {} for {} trials", (*counts)[o], trials), o);
      }
      if (const std::string p = marks_problem(state, plan.begin(b.first), plan.end(b.first + b.size() - 1), st);
          !p.empty())
        return fmt::format("chunks [{}, {}), stress marks: {}", b.first, b.first + b.size(), p);
    }
  // The sensitivity rows' EVPPI bins of the covered trials are bins.
  const std::size_t width = sh.sens_bin_width();
  for (const auto& [c0, c1] : state.covered()) {
    const auto [e0, e1] = clip_rows(plan.begin(c0), plan.end(c1 - 1), sh.sens_rows);
    for (std::size_t i = e0 * width; i < e1 * width; ++i)
      if (state.sens_bins()[i] >= kValueBins)
        return fmt::format("sensitivity row {} has EVPPI bin {} of {}", i / width, state.sens_bins()[i], kValueBins);
  }
  // Series and pair sketches see every trial covered; a stress sketch only the trials of its
  // input's decile, the same trials for every option.
  const std::uint64_t covered = trials_in(plan, state.covered());
  const auto& sketches = state.sketches();
  const std::size_t whole = sh.series_sketches() + sh.analytics.pair_sketch_count();
  const std::size_t replicas = sh.first_replicate_sketch();
  const std::vector<std::uint64_t> own = replicate_trials(plan, state.covered(), sh.replicates);
  for (std::size_t k = replicas; k < sketches.size(); ++k) {
    const std::uint64_t n = own[(k - replicas) % sh.replicates];
    if (sketches[k].count() != n)
      return fmt::format("replicate sketch {} holds {} values for {} trials", k, sketches[k].count(), n);
  }
  for (std::size_t k = 0; k < std::min(replicas, sketches.size()); ++k) {
    const std::uint64_t n = sketches[k].count();
    if (k < whole ? n != covered : n > covered)
      return fmt::format("sketch {} holds {} values for {} trials", k, n, covered);
    if (k >= whole && sh.analytics.options > 0 && (k - whole) % sh.analytics.options != 0 &&
        n != sketches[k - 1].count())
      return fmt::format("stress sketch {} holds {} values, its neighbour {}", k, n, sketches[k - 1].count());
  }
  return {};
}

std::uint64_t trials_in(const ChunkPlan& chunks, const ChunkRanges& ranges) {
  std::uint64_t n = 0;
  for (const auto& [a, b] : ranges) n += chunks.end(b - 1) - chunks.begin(a);
  return n;
}

ChunkRanges chunk_gaps(const ChunkRanges& covered, std::uint64_t end) {
  ChunkRanges gaps;
  std::uint64_t at = 0;
  for (const auto& [a, b] : covered) {
    if (a >= end) break;
    if (a > at) gaps.emplace_back(at, a);
    at = std::max(at, b);
  }
  if (at < end) gaps.emplace_back(at, end);
  return gaps;
}

ChunkRanges share_of(const ChunkRanges& gaps, unsigned rank, unsigned ranks) {
  std::uint64_t total = 0;
  for (const auto& [a, b] : gaps) total += b - a;
  // Positions [lo, hi) of the concatenated gaps; the split is balanced to within one chunk.
  const auto lo = static_cast<std::uint64_t>((static_cast<unsigned __int128>(total) * rank) / ranks);
  const auto hi = static_cast<std::uint64_t>((static_cast<unsigned __int128>(total) * (rank + 1)) / ranks);
  ChunkRanges out;
  std::uint64_t pos = 0;
  for (const auto& [a, b] : gaps) {
    const std::uint64_t len = b - a;
    const std::uint64_t from = std::max(pos, lo), to = std::min(pos + len, hi);
    if (from < to) out.emplace_back(a + (from - pos), a + (to - pos));
    pos += len;
  }
  return out;
}

}  // namespace tcosim
