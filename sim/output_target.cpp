#include "sim/output_target.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace placesim {
namespace fs = std::filesystem;
namespace {

// ---- Signal cleanup ------------------------------------------------------------------------
// SIGINT, SIGTERM, SIGHUP (the user or the system stops the run) and SIGXFSZ (the file grew
// past the size limit, which otherwise kills the process with the partial file left behind).
// A fixed table the handler can read without allocating or locking: a slot is claimed (1),
// filled, then published (2); the handler unlinks every published path. std::atomic<int> is
// lock-free, so reading it in a handler is async-signal-safe.
// Each slot holds the absolute path of a temporary. The kernel refuses any path argument of
// PATH_MAX bytes or more, so a longer slot would not help: the handler could not unlink such a
// path by name. Paths that long are refused up front (check_temporary_name), which is simpler
// than keeping a directory descriptor per slot for unlinkat and leaves no output unprotected.
constexpr int kSlots = 64;
constexpr std::size_t kMaxPath = PATH_MAX;
struct Slot {
  std::atomic<int> state{0};
  char path[kMaxPath];
};
Slot g_slots[kSlots];

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGXFSZ};
struct sigaction g_previous[NSIG];  // what each signal did before; written outside handlers

extern "C" void remove_partials_and_reraise(int sig) {
  for (auto& s : g_slots)
    if (s.state.load() == 2) ::unlink(s.path);
  // Then do what would have happened without us (usually die of the signal): the signal is
  // blocked while this handler runs and is delivered again when it returns.
  ::sigaction(sig, &g_previous[sig], nullptr);
  ::raise(sig);
}

// Checked at every registration, since others (a test framework, a library) may have replaced
// the handler since; an ignored signal stays ignored (nohup).
void install_handlers() {
  for (int sig : kSignals) {
    struct sigaction cur {};
    if (::sigaction(sig, nullptr, &cur) != 0) continue;
    const bool plain = !(cur.sa_flags & SA_SIGINFO);
    if (plain && (cur.sa_handler == SIG_IGN || cur.sa_handler == remove_partials_and_reraise))
      continue;
    g_previous[sig] = cur;
    struct sigaction sa {};
    sa.sa_handler = remove_partials_and_reraise;
    sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
  }
}

int register_for_cleanup(const std::string& path) {
  static std::mutex mutex;
  {
    std::lock_guard<std::mutex> lock(mutex);
    install_handlers();
  }
  if (path.size() >= kMaxPath) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (g_slots[i].state.compare_exchange_strong(expected, 1)) {
      std::memcpy(g_slots[i].path, path.c_str(), path.size() + 1);
      g_slots[i].state.store(2);
      return i;
    }
  }
  return -1;  // more simultaneous outputs than slots: those rely on the destructor alone
}

void unregister(int& slot) {
  if (slot >= 0) g_slots[slot].state.store(0);
  slot = -1;
}

// ---- Path checks ---------------------------------------------------------------------------
std::string kind_of(fs::file_type t) {
  switch (t) {
    case fs::file_type::directory:
      return "a directory";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::fifo:
      return "a FIFO (named pipe)";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::symlink:
      return "a symbolic link";
    case fs::file_type::regular:
      return "a regular file";
    default:
      return "not a regular file";
  }
}

fs::path directory_of(const fs::path& p) { return p.has_parent_path() ? p.parent_path() : "."; }

void check_path(const std::string& path, bool overwrite) {
  const fs::path p(path);
  if (p.empty()) throw OutputError("--out: no output file given");
  const fs::path name = p.filename();
  if (name.empty() || name == "." || name == "..")
    throw OutputError(path + ": names a directory, not an output file");
  const fs::path dir = directory_of(p);
  std::error_code ec;
  const auto ds = fs::status(dir, ec);
  if (!fs::exists(ds))
    throw OutputError(path + ": directory '" + dir.string() + "' does not exist");
  if (!fs::is_directory(ds))
    throw OutputError(path + ": '" + dir.string() + "' is " + kind_of(ds.type()) +
                      ", not a directory");
  const auto st = fs::symlink_status(p, ec);
  if (!fs::exists(st)) return;
  const std::string only =
      "; placesim replaces only a regular file (with --overwrite), nothing else";
  if (fs::is_symlink(st)) {
    const auto target = fs::status(p, ec);
    if (fs::exists(target) && !fs::is_regular_file(target))
      throw OutputError(path + ": is a symbolic link to " + kind_of(target.type()) + only);
    if (!overwrite)
      throw OutputError(path + ": exists (a symbolic link" +
                        (fs::exists(target) ? "" : std::string(", dangling")) +
                        "); pass --overwrite to replace it");
    return;
  }
  if (!fs::is_regular_file(st)) throw OutputError(path + ": is " + kind_of(st.type()) + only);
  if (!overwrite) throw OutputError(path + ": exists; pass --overwrite to replace it");
}

std::string partial_name(const std::string& path) {
  return path + ".partial-" + std::to_string(::getpid());
}

// The output is written under NAME.partial-PID, which is longer than NAME: a legal NAME may
// still give a temporary name the file system refuses, and the operating system's "File name
// too long" would not say which name. The signal handler also needs the absolute path of the
// temporary to fit its table (see kMaxPath).
void check_temporary_name(const std::string& path) {
  const fs::path p(path);
  const std::string name = p.filename().string();
  const std::string suffix = ".partial-" + std::to_string(::getpid());
  const long name_max = ::pathconf(directory_of(p).c_str(), _PC_NAME_MAX);
  if (name_max > 0 && name.size() + suffix.size() > static_cast<std::size_t>(name_max))
    throw OutputError(path + ": the temporary file name NAME.partial-PID ('" + name + suffix +
                      "', " + std::to_string(name.size() + suffix.size()) +
                      " characters) exceeds the file system's name limit of " +
                      std::to_string(name_max) + "; use an output name of at most " +
                      std::to_string(name_max - static_cast<long>(suffix.size())) + " characters");
  std::error_code ec;
  const std::string absolute = fs::absolute(partial_name(path), ec).string();
  if (!ec && absolute.size() >= kMaxPath)
    throw OutputError(path + ": the absolute path of the temporary file (" +
                      std::to_string(absolute.size()) + " characters) reaches PATH_MAX (" +
                      std::to_string(kMaxPath) + "); choose a shorter path");
}

// True when process `pid` no longer runs. kill(pid, 0) also succeeds for a zombie (killed or
// exited, not yet reaped by its parent), which will never finish its temporary, so its state
// in /proc/PID/stat is read too; without /proc, a process that answers counts as alive.
bool process_gone(long pid) {
  if (::kill(static_cast<pid_t>(pid), 0) != 0) return errno == ESRCH;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!stat || !std::getline(stat, line)) return false;
  // "PID (COMM) STATE ...": COMM may hold spaces and parentheses, so look after the last ')'.
  const auto close = line.rfind(')');
  if (close == std::string::npos || close + 2 >= line.size()) return false;
  const char state = line[close + 2];
  return state == 'Z' || state == 'X';
}

// Removes OUT.partial-PID files whose process is gone (no such process, or a zombie) and that
// no one holds locked: what a crashed or killed -9 run of the same output left behind. The
// lock protects a live writer even if its PID were misjudged.
void remove_stale_partials(const fs::path& dir, const std::string& base) {
  const std::string prefix = base + ".partial-";
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const long pid = std::stol(digits);
    if (pid <= 0 || pid == ::getpid()) continue;
    if (!process_gone(pid)) continue;
    std::error_code sec;
    if (!fs::is_regular_file(fs::symlink_status(it->path(), sec))) continue;
    const int fd = ::open(it->path().c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) ::unlink(it->path().c_str());
    ::close(fd);
  }
}

std::string os_error(int err) { return std::strerror(err); }

}  // namespace

void check_output_path(const std::string& path, bool overwrite) {
  check_path(path, overwrite);
  check_temporary_name(path);
}

OutputTarget::OutputTarget(const std::string& path, bool overwrite)
    : path_(path), overwrite_(overwrite) {
  check_path(path, overwrite);
  check_temporary_name(path);
  const fs::path p(path);
  dir_ = directory_of(p).string();
  remove_stale_partials(dir_, p.filename().string());
  partial_ = partial_name(path);
  std::error_code ec;
  const fs::path absolute = fs::absolute(partial_, ec);
  // Registered before the file exists, so a signal between the two cannot leave it behind.
  slot_ = register_for_cleanup(ec ? partial_ : absolute.string());
  fd_ = ::open(partial_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd_ < 0) {
    const int err = errno;
    unregister(slot_);
    throw OutputError(path + ": cannot create a file in directory '" + dir_ + "' (" +
                      os_error(err) + ")");
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    unregister(slot_);
    throw OutputError(partial_ + ": exists and is not a regular file; remove it");
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    unregister(slot_);
    throw OutputError(partial_ + ": locked by another writer of " + path);
  }
  if (::ftruncate(fd_, 0) != 0)
    abandon(path + ": cannot truncate " + partial_ + ": " + os_error(errno));
}

OutputTarget::~OutputTarget() {
  if (!committed_ && fd_ >= 0) ::unlink(partial_.c_str());
  unregister(slot_);
  if (fd_ >= 0) ::close(fd_);
}

void OutputTarget::abandon(const std::string& message) {
  ::unlink(partial_.c_str());
  unregister(slot_);
  ::close(fd_);
  fd_ = -1;
  throw OutputError(message);
}

void OutputTarget::write(const char* data, std::size_t size) {
  if (fd_ < 0 || committed_)
    throw OutputError(path_ + ": the output is no longer open for writing");
  while (size > 0) {
    const ssize_t n = ::write(fd_, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      abandon((n < 0 ? os_error(errno) : std::string("nothing written")) + " writing " + path_);
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void OutputTarget::commit() {
  if (committed_) return;
  if (fd_ < 0) throw OutputError(path_ + ": the output was already abandoned");
  if (::fsync(fd_) != 0)
    abandon(os_error(errno) + " syncing " + path_ + " to disk; nothing was written");
  try {
    check_path(path_, overwrite_);
  } catch (const OutputError& e) {
    if (!overwrite_) abandon(path_ + ": appeared while the run was going; not overwritten");
    abandon(e.what());
  }
  if (::rename(partial_.c_str(), path_.c_str()) != 0)
    abandon(path_ + ": cannot rename the finished file into place: " + os_error(errno));
  committed_ = true;
  unregister(slot_);
  ::close(fd_);  // releases the lock
  fd_ = -1;
  // Make the rename itself durable. Some file systems cannot sync a directory (EINVAL).
  const int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    const int rc = ::fsync(dfd);
    const int err = errno;
    ::close(dfd);
    if (rc != 0 && err != EINVAL && err != EROFS)
      throw OutputError(os_error(err) + " syncing directory '" + dir_ + "' after writing " + path_);
  }
}

}  // namespace placesim
