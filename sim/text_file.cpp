#include "sim/text_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/printable.hpp"

namespace placesim {
namespace {

const char* file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a file";
}

// Closes the descriptor on every path out of read_text_file.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string read_text_file(const std::string& path, const std::string& what) {
  const std::string name = printable(path);
  auto fail = [&](const std::string& why) { throw TextFileError(name + ": " + why); };
  auto check_kind = [&](const struct stat& st) {
    if (!S_ISREG(st.st_mode))
      fail(std::string("is ") + file_kind(st.st_mode) + ", not a regular file; " + what +
           "s must be regular files");
    if (static_cast<std::size_t>(st.st_size) > kMaxTextFileBytes)
      fail("is " + std::to_string(st.st_size) + " bytes; " + what + "s are limited to " +
           std::to_string(kMaxTextFileBytes >> 20) + " MiB");
  };
  // Looked at before opening, so a device is never opened; checked again on the open file in
  // case the path was replaced in between.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    fail("cannot read " + what + " (missing or unreadable: " + std::strerror(errno) + ")");
  check_kind(st);
  // O_NONBLOCK: opening a FIFO swapped in after the stat must not wait for a writer.
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (f.fd < 0)
    fail("cannot read " + what + " (missing or unreadable: " + std::strerror(errno) + ")");
  if (::fstat(f.fd, &st) != 0) fail("cannot read " + what + ": " + std::strerror(errno));
  check_kind(st);
  // Read at most one byte past the bound, so a file that grows while it is read is caught.
  std::string text;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("error while reading " + what + ": " + std::strerror(errno));
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > kMaxTextFileBytes)
      fail("grew past " + std::to_string(kMaxTextFileBytes >> 20) + " MiB while being read; " +
           what + "s are limited to that");
  }
  return text;
}

}  // namespace placesim
