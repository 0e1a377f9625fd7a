// Reading user-given text files: only a regular file up to kMaxTextFileBytes is read; anything
// else is refused with a message naming the path and what it is.
#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/text_file.hpp"

using namespace placesim;
using Catch::Matchers::Contains;

namespace {

std::string error_of(const std::string& path) {
  try {
    read_text_file(path, "experiment file");
  } catch (const TextFileError& e) {
    return e.what();
  }
  FAIL("expected a TextFileError for " << path);
  return {};
}

// A fresh path in the temporary directory, removed at the end of the test.
struct TempPath {
  std::filesystem::path path;
  explicit TempPath(const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             ("placesim_text_" + std::to_string(::getpid()) + "_" + name)) {
    std::filesystem::remove(path);
  }
  ~TempPath() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("a regular file is read whole", "[text_file]") {
  TempPath t("ok.toml");
  { std::ofstream(t.path, std::ios::binary) << "[run]\ndays = 3\n"; }
  CHECK(read_text_file(t.path.string(), "experiment file") == "[run]\ndays = 3\n");
}

TEST_CASE("a device is refused without being read", "[text_file]") {
  // /dev/zero used to be read until memory ran out.
  const std::string m = error_of("/dev/zero");
  CHECK_THAT(m, Contains("/dev/zero: is a character device, not a regular file"));
  CHECK_THAT(m, Contains("experiment files must be regular files"));
}

TEST_CASE("a FIFO is refused without waiting for a writer", "[text_file]") {
  TempPath t("fifo.toml");
  REQUIRE(::mkfifo(t.path.c_str(), 0600) == 0);
  CHECK_THAT(error_of(t.path.string()), Contains("is a FIFO, not a regular file"));
}

TEST_CASE("a directory is refused", "[text_file]") {
  const auto dir = std::filesystem::temp_directory_path().string();
  CHECK_THAT(error_of(dir), Contains(dir + ": is a directory, not a regular file"));
}

TEST_CASE("a file above the size bound is refused; one at the bound is read", "[text_file]") {
  TempPath t("big.toml");
  { std::ofstream(t.path, std::ios::binary) << std::string(kMaxTextFileBytes, '#'); }
  CHECK(read_text_file(t.path.string(), "sweep file").size() == kMaxTextFileBytes);
  { std::ofstream(t.path, std::ios::binary | std::ios::app) << "#"; }
  const std::string m = error_of(t.path.string());
  CHECK_THAT(m, Contains("is " + std::to_string(kMaxTextFileBytes + 1) + " bytes"));
  CHECK_THAT(m, Contains("limited to 4 MiB"));
}

TEST_CASE("a missing file and an unprintable path are named", "[text_file]") {
  CHECK_THAT(
      error_of("/nonexistent/dir/exp.toml"),
      Contains("/nonexistent/dir/exp.toml: cannot read experiment file (missing or unreadable"));
  CHECK_THAT(error_of("/nonexistent/\x1b[2Jx.toml"), Contains("/nonexistent/\\x1B[2Jx.toml"));
}
