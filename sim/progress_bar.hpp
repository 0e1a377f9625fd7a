#pragma once
// A progress bar with ETA on stderr, shown only when stderr is a terminal (quiet in pipes,
// logs and CI).
#include <chrono>
#include <cstdint>
#include <string>

namespace placesim {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label, bool enabled);
  ~ProgressBar();
  void update(std::int64_t done, std::int64_t total);
  void finish();
  static bool stderr_is_terminal();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace placesim
