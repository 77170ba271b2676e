#pragma once
// The run catalogue: one SQLite file recording every batch run (what ran, with which content
// hash, seed, trial count and version, how it ended) and its percentiles, so an overnight
// batch can skip finished work and results can be queried with SQL (docs/overnight.md).
//
// Durability: WAL journal, every state change in its own transaction, a busy timeout for
// concurrent writers. A killed process leaves a `running` row (marked `interrupted` by the next
// batch writing to the same folder), never a damaged file.
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "report/percentile_rows.hpp"
#include "run/run_identity.hpp"
#include "run/simulate.hpp"

struct sqlite3;

namespace tcosim {

/// The error recorded for a batch's scenario that never started (the batch was stopped first).
inline constexpr const char* kNotStarted = "not started: the batch was stopped before its turn";

/// A row of `runs`: a run's identity, where it wrote, and how it ended.
struct RunRecord {
  std::int64_t id = 0;
  RunIdentity identity;                 ///< the fields the catalogue stores (run/run_identity.hpp)
  std::string out_dir;                  ///< the folder the run writes into
  std::string status;                   ///< ok, failed, running, interrupted
  std::string started_at, finished_at;  ///< UTC, ISO 8601; finished_at empty while running
  std::string error;

  /// "run 3: demo ok, started ... finished ..., into /out/demo".
  std::string to_string() const;
};

/// An open catalogue; thread-safe (one connection behind a mutex).
class RunCatalogue {
 public:
  /// Opens `file`, creating it and the schema when needed; `read_only` never creates anything.
  /// Throws std::runtime_error naming the file on failure.
  explicit RunCatalogue(const std::filesystem::path& file, bool read_only = false);
  ~RunCatalogue();
  RunCatalogue(const RunCatalogue&) = delete;
  RunCatalogue& operator=(const RunCatalogue&) = delete;

  /// Inserts a `running` row for a run writing into `out_dir` and returns its id. Earlier
  /// `running` rows with the same out_dir are first marked `interrupted` (their process died:
  /// one batch writes a folder at a time).
  std::int64_t begin_run(const RunIdentity& id, const std::string& out_dir);
  /// Stores the results and marks the run `ok`, in one transaction.
  void finish_ok(std::int64_t run_id, const std::vector<ResultRow>& rows);
  /// Marks the run `failed` with the error message.
  void finish_failed(std::int64_t run_id, const std::string& error);
  /// Marks the run `interrupted` (e.g. on SIGINT).
  void mark_interrupted(std::int64_t run_id);
  /// Marks a run opened with begin_run that never started `interrupted`, with kNotStarted.
  void mark_not_started(std::int64_t run_id);
  /// Records a run that never started as finished at once: `failed` with `error` (a file that
  /// does not parse, whose identity holds what is known: the file as its scenario name, its
  /// bytes' sha256), or, when `error` is empty, `interrupted` with the error "not started"
  /// (the batch was stopped before its turn). Returns the row's id.
  std::int64_t record_unrun(const RunIdentity& id, const std::string& out_dir, const std::string& error);

  /// The latest `ok` run with exactly this identity (as far as the catalogue stores it) into
  /// `out_dir`, if any.
  std::optional<RunRecord> find_ok(const RunIdentity& id, const std::string& out_dir);
  /// Every run, oldest first.
  std::vector<RunRecord> runs();
  /// The stored results of one run, in insertion order.
  std::vector<ResultRow> results(std::int64_t run_id);

  /// "run catalogue <file>".
  std::string to_string() const;

 private:
  void exec(const char* sql);
  void set_finished(std::int64_t run_id, const char* status, const std::string& error);

  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
  std::mutex mutex_;
};

}  // namespace tcosim
