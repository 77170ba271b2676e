#include "sim/communicator.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>

#ifdef TCOSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace tcosim {

namespace {

Communicator* g_world = nullptr;

#ifdef TCOSIM_HAVE_MPI
/// The tags of point-to-point traffic: gather's payloads and send()'s messages never match one
/// another, whatever a rank has in flight.
enum Tag : int { kGatherTag = 7, kMessageTag = 8 };

/// Launchers export one of these to every process they start; without one, MPI is not started,
/// so a plain `tcosim run` never needs an MPI runtime (singleton MPI start-up is slow and, as
/// root, refused by OpenMPI).
bool launched_by_mpi() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(var) != nullptr) return true;
  return false;
}

void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) throw std::runtime_error(fmt::format("MPI error in {} (code {})", what, rc));
}

int as_count(std::size_t n) {
  if (n > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw std::runtime_error("MPI message larger than 2 GiB: use fewer trials per rank or streaming statistics");
  return static_cast<int>(n);
}
#endif

}  // namespace

Communicator& Communicator::single() {
  static Communicator one(0, 1);
  return one;
}

Communicator& Communicator::world() { return g_world != nullptr ? *g_world : single(); }

void Communicator::allreduce(std::span<std::uint64_t> values, Op op) {
  if (size_ == 1) return;
#ifdef TCOSIM_HAVE_MPI
  check(MPI_Allreduce(MPI_IN_PLACE, values.data(), as_count(values.size()), MPI_UINT64_T,
                      op == Op::Max ? MPI_MAX : MPI_SUM, MPI_COMM_WORLD),
        "MPI_Allreduce");
#else
  (void)values;
  (void)op;
#endif
}

std::vector<std::string> Communicator::gather(const std::string& bytes) {
  if (size_ == 1) return {bytes};
#ifdef TCOSIM_HAVE_MPI
  // Lengths first (as 64-bit), then the payloads rank by rank with point-to-point messages, so
  // no single message needs the sum of all payloads to fit in an int.
  std::uint64_t len = bytes.size();
  std::vector<std::uint64_t> lens(is_root() ? size_ : 0);
  check(MPI_Gather(&len, 1, MPI_UINT64_T, lens.data(), 1, MPI_UINT64_T, 0, MPI_COMM_WORLD), "MPI_Gather");
  if (!is_root()) {
    check(MPI_Send(bytes.data(), as_count(bytes.size()), MPI_BYTE, 0, kGatherTag, MPI_COMM_WORLD), "MPI_Send");
    bytes_moved_ += bytes.size();
    return {};
  }
  std::vector<std::string> out(size_);
  out[0] = bytes;
  for (unsigned r = 1; r < size_; ++r) {
    out[r].resize(lens[r]);
    check(MPI_Recv(out[r].data(), as_count(lens[r]), MPI_BYTE, static_cast<int>(r), kGatherTag, MPI_COMM_WORLD,
                   MPI_STATUS_IGNORE),
          "MPI_Recv");
    bytes_moved_ += lens[r];
  }
  return out;
#else
  return {bytes};
#endif
}

void Communicator::broadcast([[maybe_unused]] std::string& bytes) {
  if (size_ == 1) return;
#ifdef TCOSIM_HAVE_MPI
  std::uint64_t len = bytes.size();
  check(MPI_Bcast(&len, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD), "MPI_Bcast");
  bytes.resize(len);
  check(MPI_Bcast(bytes.data(), as_count(len), MPI_BYTE, 0, MPI_COMM_WORLD), "MPI_Bcast");
  bytes_moved_ += len;
#endif
}

void Communicator::send(unsigned to, const std::string& bytes) {
  if (to >= size_ || to == rank_)
    throw std::logic_error(fmt::format("send to rank {} from rank {} of {}: no such other rank", to, rank_, size_));
#ifdef TCOSIM_HAVE_MPI
  check(MPI_Send(bytes.data(), as_count(bytes.size()), MPI_BYTE, static_cast<int>(to), kMessageTag, MPI_COMM_WORLD),
        "MPI_Send");
  bytes_moved_ += bytes.size();
#else
  (void)bytes;  // unreachable: one process has no other rank
#endif
}

std::optional<Communicator::Message> Communicator::try_receive() {
  if (size_ == 1) return std::nullopt;
#ifdef TCOSIM_HAVE_MPI
  int arrived = 0;
  MPI_Status status;
  check(MPI_Iprobe(MPI_ANY_SOURCE, kMessageTag, MPI_COMM_WORLD, &arrived, &status), "MPI_Iprobe");
  if (arrived == 0) return std::nullopt;
  int count = 0;
  check(MPI_Get_count(&status, MPI_BYTE, &count), "MPI_Get_count");
  Message m{static_cast<unsigned>(status.MPI_SOURCE), std::string(static_cast<std::size_t>(count), '\0')};
  // From the sender the probe saw, so the message received is the one probed.
  check(MPI_Recv(m.bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, kMessageTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
        "MPI_Recv");
  bytes_moved_ += m.bytes.size();
  return m;
#else
  return std::nullopt;
#endif
}

void Communicator::abort(std::string_view message, int code) {
  std::fprintf(stderr, "tcosim rank %u of %u: %.*s\n", rank_, size_, static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
#ifdef TCOSIM_HAVE_MPI
  if (size_ > 1) MPI_Abort(MPI_COMM_WORLD, code);
#endif
  std::exit(code);
}

MpiSession::MpiSession([[maybe_unused]] int* argc, [[maybe_unused]] char*** argv) {
#ifdef TCOSIM_HAVE_MPI
  if (!launched_by_mpi()) return;
  int provided = 0;
  // Only the main thread calls MPI: TBB workers never do, and while a batch's rank 0 runs its
  // own scenarios on a second thread, the main thread alone takes in the other ranks' endings.
  check(MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  static Communicator world(static_cast<unsigned>(rank), static_cast<unsigned>(size));
  g_world = &world;
  started_ = true;
#endif
}

MpiSession::~MpiSession() {
#ifdef TCOSIM_HAVE_MPI
  if (started_) MPI_Finalize();
#endif
}

bool MpiSession::compiled_in() noexcept {
#ifdef TCOSIM_HAVE_MPI
  return true;
#else
  return false;
#endif
}

std::string Communicator::to_string() const {
  return fmt::format("Communicator{{rank {} of {}, {} bytes moved}}", rank_, size_, bytes_moved_);
}

std::string Communicator::Message::to_string() const {
  return fmt::format("Message{{{} bytes from rank {}}}", bytes.size(), from);
}

std::string MpiSession::to_string() const {
  if (started_) return "MpiSession{MPI started}";
  return compiled_in() ? "MpiSession{single process, MPI compiled in}"
                       : "MpiSession{single process, no MPI in this build}";
}

}  // namespace tcosim
