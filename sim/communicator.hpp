#pragma once
// The few collective operations a distributed run needs, and the one-way messages a batch's
// ranks send rank 0 as each scenario ends, over MPI when the process was started by an MPI
// launcher (mpirun, srun) and tcosim was built with MPI, or over a single process otherwise, so
// the same binary and the same code path serve both.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tcosim {

/// Ranks of one job; rank 0 is the root that reduces, decides and writes files.
class Communicator {
 public:
  /// The single-process communicator (rank 0 of 1).
  static Communicator& single();
  /// MPI_COMM_WORLD when MpiSession started MPI, else single().
  static Communicator& world();

  unsigned rank() const noexcept { return rank_; }
  unsigned size() const noexcept { return size_; }
  bool is_root() const noexcept { return rank_ == 0; }
  bool distributed() const noexcept { return size_ > 1; }

  enum class Op { Max, Sum };
  /// Element-wise reduction across ranks; every rank receives the result.
  void allreduce(std::span<std::uint64_t> values, Op op);
  /// Every rank's bytes, in rank order, at the root; an empty vector elsewhere.
  std::vector<std::string> gather(const std::string& bytes);
  /// The root's bytes, on every rank.
  void broadcast(std::string& bytes);

  /// A message one rank sent another with send().
  struct Message {
    unsigned from = 0;
    std::string bytes;
    /// e.g. "Message{12 bytes from rank 2}".
    std::string to_string() const;
  };
  /// Sends `bytes` to rank `to` (another rank than this one), in order with this rank's earlier
  /// messages to it. Returns once `bytes` may be reused: a small message at once, a large one
  /// when `to` takes it (try_receive). Not a collective; throws std::logic_error for a rank
  /// that does not exist or is this one (a single process has no other rank).
  void send(unsigned to, const std::string& bytes);
  /// A message sent to this rank if one has arrived, else nothing: never waits. Messages from
  /// one rank arrive in the order it sent them; from several ranks, in any order.
  std::optional<Message> try_receive();

  /// Bytes moved by gather, broadcast, send and try_receive through this communicator (sent
  /// plus received at this rank): the communication volume reported for a run.
  std::uint64_t bytes_moved() const noexcept { return bytes_moved_; }
  /// Ends every rank of the job with `code` after printing `message`: for failures that would
  /// otherwise leave other ranks waiting forever in a collective.
  [[noreturn]] void abort(std::string_view message, int code);
  /// e.g. "Communicator{rank 0 of 4, 1024 bytes moved}".
  std::string to_string() const;

 private:
  Communicator(unsigned rank, unsigned size) : rank_(rank), size_(size) {}
  unsigned rank_;
  unsigned size_;
  std::uint64_t bytes_moved_ = 0;
  friend class MpiSession;
};

/// Starts MPI for the lifetime of the object when the process was launched by an MPI
/// launcher and MPI support is compiled in; does nothing otherwise. MPI is started with
/// MPI_THREAD_FUNNELED: only the thread that made the session (the main thread) calls MPI.
class MpiSession {
 public:
  MpiSession(int* argc, char*** argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  /// True when this build can run under mpirun.
  static bool compiled_in() noexcept;
  /// Whether MPI was started, and whether this build has it.
  std::string to_string() const;

 private:
  bool started_ = false;
};

/// "max" or "sum".
constexpr std::string_view to_string(Communicator::Op op) noexcept {
  return op == Communicator::Op::Max ? "max" : "sum";
}

}  // namespace tcosim
