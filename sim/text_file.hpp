#pragma once
// Reading a small text file given by a user (an experiment or sweep file). Only a regular file
// up to kMaxTextFileBytes is read: a device (/dev/zero) or a FIFO would otherwise be read until
// memory runs out or block forever, and a directory reads as an empty file on Linux.
#include <cstddef>
#include <stdexcept>
#include <string>

namespace placesim {

// 4 MiB: the largest preset is about 4 KiB and a sweep file a few KiB, so a thousand times
// that still leaves room for generated files while keeping a mistake cheap to refuse.
inline constexpr std::size_t kMaxTextFileBytes = 4u << 20;

class TextFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The whole file. `what` names the kind of file in messages ("experiment file"). Throws
// TextFileError naming the path and the reason: missing or unreadable, not a regular file
// (saying what it is instead), larger than kMaxTextFileBytes, or a read error.
std::string read_text_file(const std::string& path, const std::string& what);

}  // namespace placesim
