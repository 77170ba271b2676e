#include "run/run_catalogue.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <ctime>
#include <stdexcept>

#include "util/utc_clock.hpp"

namespace tcosim {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS runs(
  id INTEGER PRIMARY KEY,
  scenario TEXT NOT NULL,
  scenario_sha256 TEXT NOT NULL,
  seed INTEGER NOT NULL,
  trials INTEGER NOT NULL,
  sampling TEXT NOT NULL,
  tcosim_version TEXT NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('ok','failed','running','interrupted')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  out_dir TEXT NOT NULL,
  error TEXT);
CREATE TABLE IF NOT EXISTS results(
  run_id INTEGER NOT NULL REFERENCES runs(id),
  option TEXT NOT NULL,
  metric TEXT NOT NULL,
  statistic TEXT NOT NULL,
  value REAL);
CREATE INDEX IF NOT EXISTS results_run ON results(run_id);
CREATE INDEX IF NOT EXISTS runs_identity ON runs(scenario_sha256, seed, trials);
)sql";

/// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw std::runtime_error(fmt::format("catalogue: {}", sqlite3_errmsg(db)));
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, const std::string& text) {
    check(sqlite3_bind_text(stmt_, i, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
  }
  Statement& bind(int i, double v) {
    check(sqlite3_bind_double(stmt_, i, v));
    return *this;
  }
  /// SQLite integers are signed 64-bit: a seed past INT64_MAX is stored as the int64 with the
  /// same bits (negative), compared and read back exactly (documented in docs/overnight.md).
  Statement& bind_u64(int i, std::uint64_t v) { return bind(i, static_cast<std::int64_t>(v)); }
  /// true while a row is available.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(fmt::format("catalogue: {}", sqlite3_errmsg(db_)));
  }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  void reset() { sqlite3_reset(stmt_); }
  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::uint64_t u64(int col) const { return static_cast<std::uint64_t>(int64(col)); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) throw std::runtime_error(fmt::format("catalogue: {}", sqlite3_errmsg(db_)));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

/// Binds the six identity columns the catalogue stores, in the order of `runs` (scenario,
/// scenario_sha256, seed, trials, sampling, tcosim_version), to parameters 1 to 6.
Statement& bind_identity(Statement& st, const RunIdentity& id) {
  return st.bind(1, id.scenario)
      .bind(2, id.scenario_sha256)
      .bind_u64(3, id.seed)
      .bind_u64(4, id.trials)
      .bind(5, std::string(tcosim::to_string(id.sampling)))
      .bind(6, id.tcosim_version);
}

constexpr const char* kRunColumns =
    "id, scenario, scenario_sha256, seed, trials, sampling, tcosim_version, status, started_at, "
    "COALESCE(finished_at, ''), out_dir, COALESCE(error, '')";

RunRecord read_run(const Statement& st) {
  RunRecord r;
  r.id = st.int64(0);
  r.identity.scenario = st.text(1);
  r.identity.scenario_sha256 = st.text(2);
  r.identity.seed = st.u64(3);
  r.identity.trials = st.u64(4);
  const std::string sampling = st.text(5);
  const auto scheme = sampling_from(sampling);
  if (!scheme) throw std::runtime_error(fmt::format("catalogue: run {} has unknown sampling `{}`", r.id, sampling));
  r.identity.sampling = *scheme;
  r.identity.tcosim_version = st.text(6);
  r.status = st.text(7);
  r.started_at = st.text(8);
  r.finished_at = st.text(9);
  r.out_dir = st.text(10);
  r.error = st.text(11);
  return r;
}

/// BEGIN IMMEDIATE ... COMMIT, rolled back when the scope is left by an exception.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) { run("BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!committed_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    run("COMMIT");
    committed_ = true;
  }

 private:
  void run(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
      throw std::runtime_error(fmt::format("catalogue: {}", sqlite3_errmsg(db_)));
  }
  sqlite3* db_;
  bool committed_ = false;
};

}  // namespace

RunCatalogue::RunCatalogue(const std::filesystem::path& file, bool read_only) : file_(file) {
  const int flags =
      (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(fmt::format("cannot open the run catalogue {}: {}", file.string(), why));
  }
  sqlite3_busy_timeout(db_, 30000);
  try {
    if (!read_only) {
      exec("PRAGMA journal_mode=WAL");
      exec("PRAGMA synchronous=NORMAL");
      Transaction t(db_);
      exec(kSchema);
      t.commit();
    } else {
      // Fails here, with a clear message, when the file is not a catalogue.
      Statement(db_, "SELECT COUNT(*) FROM runs").step();
    }
  } catch (const std::exception& e) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(fmt::format("cannot open the run catalogue {}: {}", file.string(), e.what()));
  }
}

RunCatalogue::~RunCatalogue() { sqlite3_close(db_); }

void RunCatalogue::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string why = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    throw std::runtime_error(fmt::format("catalogue {}: {}", file_.string(), why));
  }
}

std::string RunRecord::to_string() const {
  return fmt::format("run {}: {} {}, started {}{}, into {}", id, identity.scenario, status, started_at,
                     finished_at.empty() ? "" : ", finished " + finished_at, out_dir);
}

std::int64_t RunCatalogue::begin_run(const RunIdentity& id, const std::string& out_dir) {
  std::lock_guard lock(mutex_);
  Transaction t(db_);
  Statement(db_, "UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status = 'running' AND out_dir = ?")
      .bind(1, utc_now_iso8601())
      .bind(2, out_dir)
      .step();
  Statement insert(db_,
                   "INSERT INTO runs(scenario, scenario_sha256, seed, trials, sampling, tcosim_version, status, "
                   "started_at, out_dir) VALUES(?, ?, ?, ?, ?, ?, 'running', ?, ?)");
  bind_identity(insert, id).bind(7, utc_now_iso8601()).bind(8, out_dir);
  insert.step();
  const std::int64_t run_id = sqlite3_last_insert_rowid(db_);
  t.commit();
  return run_id;
}

void RunCatalogue::finish_ok(std::int64_t run_id, const std::vector<ResultRow>& rows) {
  std::lock_guard lock(mutex_);
  Transaction t(db_);
  Statement(db_, "DELETE FROM results WHERE run_id = ?").bind(1, run_id).step();
  Statement insert(db_, "INSERT INTO results(run_id, option, metric, statistic, value) VALUES(?, ?, ?, ?, ?)");
  for (const ResultRow& row : rows) {
    insert.bind(1, run_id).bind(2, row.option).bind(3, row.metric).bind(4, row.statistic).bind(5, row.value);
    insert.step();
    insert.reset();
  }
  Statement(db_, "UPDATE runs SET status = 'ok', finished_at = ?, error = NULL WHERE id = ?")
      .bind(1, utc_now_iso8601())
      .bind(2, run_id)
      .step();
  t.commit();
}

std::int64_t RunCatalogue::record_unrun(const RunIdentity& id, const std::string& out_dir, const std::string& error) {
  std::lock_guard lock(mutex_);
  Transaction t(db_);
  const std::string now = utc_now_iso8601();
  Statement insert(db_,
                   "INSERT INTO runs(scenario, scenario_sha256, seed, trials, sampling, tcosim_version, status, "
                   "started_at, finished_at, out_dir, error) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_identity(insert, id)
      .bind(7, std::string(error.empty() ? "interrupted" : "failed"))
      .bind(8, now)
      .bind(9, now)
      .bind(10, out_dir)
      .bind(11, error.empty() ? std::string(kNotStarted) : error);
  insert.step();
  const std::int64_t run_id = sqlite3_last_insert_rowid(db_);
  t.commit();
  return run_id;
}

void RunCatalogue::set_finished(std::int64_t run_id, const char* status, const std::string& error) {
  std::lock_guard lock(mutex_);
  Transaction t(db_);
  Statement(db_, "UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ?")
      .bind(1, std::string(status))
      .bind(2, utc_now_iso8601())
      .bind(3, error)
      .bind(4, run_id)
      .step();
  t.commit();
}

void RunCatalogue::finish_failed(std::int64_t run_id, const std::string& error) {
  set_finished(run_id, "failed", error);
}

void RunCatalogue::mark_interrupted(std::int64_t run_id) { set_finished(run_id, "interrupted", "interrupted"); }

void RunCatalogue::mark_not_started(std::int64_t run_id) { set_finished(run_id, "interrupted", kNotStarted); }

std::optional<RunRecord> RunCatalogue::find_ok(const RunIdentity& id, const std::string& out_dir) {
  std::lock_guard lock(mutex_);
  Statement st(db_, fmt::format("SELECT {} FROM runs WHERE status = 'ok' AND scenario = ? AND scenario_sha256 = ? "
                                "AND seed = ? AND trials = ? AND sampling = ? AND tcosim_version = ? AND out_dir = ? "
                                "ORDER BY id DESC LIMIT 1",
                                kRunColumns)
                        .c_str());
  bind_identity(st, id).bind(7, out_dir);
  if (!st.step()) return std::nullopt;
  return read_run(st);
}

std::vector<RunRecord> RunCatalogue::runs() {
  std::lock_guard lock(mutex_);
  Statement st(db_, fmt::format("SELECT {} FROM runs ORDER BY id", kRunColumns).c_str());
  std::vector<RunRecord> out;
  while (st.step()) out.push_back(read_run(st));
  return out;
}

std::vector<ResultRow> RunCatalogue::results(std::int64_t run_id) {
  std::lock_guard lock(mutex_);
  Statement st(db_, "SELECT option, metric, statistic, value FROM results WHERE run_id = ? ORDER BY rowid");
  st.bind(1, run_id);
  std::vector<ResultRow> out;
  while (st.step()) out.push_back(ResultRow{st.text(0), st.text(1), st.text(2), st.real(3)});
  return out;
}

std::string RunCatalogue::to_string() const { return fmt::format("run catalogue {}", file_.string()); }

}  // namespace tcosim
