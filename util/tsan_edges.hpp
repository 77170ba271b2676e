#pragma once
// ThreadSanitizer orders two threads' accesses only through what it sees: instrumented atomics,
// intercepted calls (mutexes, pthread_create), or annotations. oneTBB hands a loop's tasks to its
// threads inside libtbb, which Debian does not build instrumented, and the TSan build leaves
// oneTBB's header code out of the instrumentation too (cmake/tsan-ignorelist.txt), so the two
// edges every parallel loop has are invisible: the caller's writes before the loop happen before
// each task, and each task happens before what the caller does after the loop. Unannotated,
// TSan reports those as races (docs/testing.md, "ThreadSanitizer"). ForkJoinEdges states them.
// Without ThreadSanitizer it is empty and its functions compile to nothing.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TCOSIM_TSAN_EDGES 1
#endif
#endif
#if !defined(TCOSIM_TSAN_EDGES) && defined(__SANITIZE_THREAD__)
#define TCOSIM_TSAN_EDGES 1
#endif

#ifdef TCOSIM_TSAN_EDGES
#include <sanitizer/tsan_interface.h>
#endif
#include <utility>

namespace tcosim {

/// The fork and join edges of one oneTBB parallel loop, for ThreadSanitizer: the loop runs
/// `edges.task(body)` in place of `body`, and `edges.join()` follows it. Two sync addresses, not
/// one, so that a task is ordered after the caller's fork only, never after another task of the
/// same loop (that would hide races between tasks).
class ForkJoinEdges {
 public:
#ifdef TCOSIM_TSAN_EDGES
  ForkJoinEdges() = default;
  ForkJoinEdges(const ForkJoinEdges&) = delete;
  ForkJoinEdges& operator=(const ForkJoinEdges&) = delete;

  /// A loop body between the edges. Trivially copyable when Body is, so oneTBB's copies of it
  /// (made in uninstrumented header code) leave no accesses for TSan to order.
  template <class Body>
  class Task {
   public:
    /// The fork, made last: everything the caller wrote, this task object too, happens before
    /// every call.
    Task(ForkJoinEdges& edges, Body body) : edges_(&edges), body_(std::move(body)) { __tsan_release(&edges_->fork_); }

    template <class... Args>
    void operator()(Args&&... args) const {
      ForkJoinEdges* const edges = edges_before_fork();
      __tsan_acquire(&edges->fork_);
      body_(std::forward<Args>(args)...);
      __tsan_release(&edges->join_);
    }

   private:
    // The one read that must come before the acquire (it finds the sync address); TBB's hand-off
    // orders it, which TSan cannot see, so it is left uninstrumented.
    __attribute__((no_sanitize("thread"))) ForkJoinEdges* edges_before_fork() const { return edges_; }

    ForkJoinEdges* edges_;
    Body body_;
  };

  /// `body`, each call of it ordered after the fork (made here) and before the join.
  template <class Body>
  Task<Body> task(Body body) {
    return Task<Body>(*this, std::move(body));
  }
  /// The join: every task happens before what the calling thread does next. (A loop that throws
  /// skips it; no caller reads a loop's results after catching its exception.)
  void join() noexcept { __tsan_acquire(&join_); }

 private:
  char fork_ = 0;
  char join_ = 0;
#else
  template <class Body>
  Body&& task(Body&& body) const noexcept {
    return std::forward<Body>(body);
  }
  void join() const noexcept {}
#endif
};

}  // namespace tcosim
