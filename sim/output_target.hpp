#pragma once
// Where a run's output goes, claimed before anything is simulated. The file is written under
// OUT.partial-PID in the same directory, locked, and renamed to OUT only when it is complete
// and on disk; until then SIGINT, SIGTERM and SIGHUP and the destructor remove it, so an
// interrupted or failed run never leaves a file that looks finished (docs/output.md).
#include <cstddef>
#include <stdexcept>
#include <string>

namespace placesim {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class OutputTarget {
 public:
  // Checks `path` (its directory exists; only a regular file may be replaced, and only with
  // `overwrite`; a symbolic link counts as existing), removes stale OUT.partial-PID files left
  // by dead processes, then creates and locks this process's temporary file. Throws OutputError
  // naming the path and the problem.
  OutputTarget(const std::string& path, bool overwrite);
  // Without commit(), removes the temporary file.
  ~OutputTarget();
  OutputTarget(const OutputTarget&) = delete;
  OutputTarget& operator=(const OutputTarget&) = delete;

  const std::string& path() const { return path_; }
  const std::string& partial_path() const { return partial_; }
  bool committed() const { return committed_; }

  // Appends bytes to the temporary file, retrying short and interrupted writes. Throws
  // OutputError with the operating system's reason ("No space left on device writing
  // out/x.h5"), after removing the temporary file.
  void write(const char* data, std::size_t size);

  // Call after the whole file has been written: syncs it to disk, renames it to
  // path() (refusing if something appeared there meanwhile and overwrite is false) and syncs
  // the directory. Throws OutputError, after removing the temporary file.
  void commit();

 private:
  [[noreturn]] void abandon(const std::string& message);

  std::string path_;
  std::string partial_;
  std::string dir_;
  bool overwrite_;
  int fd_ = -1;
  int slot_ = -1;  // entry in the signal-cleanup table
  bool committed_ = false;
};

// Throws OutputError if `path` may not be written (see OutputTarget), without creating
// anything; for callers that only want to know early.
void check_output_path(const std::string& path, bool overwrite);

}  // namespace placesim
