#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli/experiment_text.hpp"

using namespace placesim;

namespace {

bool has_control(const std::string& s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return true;
  return false;
}

std::vector<PreparedArm> arms_with_escapes() {
  PreparedArm a;
  a.name = "silo\x1b[2J";
  a.cfg.experiment.title = "Title \x1b[31mred";
  a.cfg.experiment.story = "line one\nline two\a";
  a.cfg.experiment.expected = std::string("cut\0here", 8);
  return {a};
}

}  // namespace

TEST_CASE("presets text escapes control characters from experiment strings", "[cli]") {
  const auto arms = arms_with_escapes();
  const std::string line = cli::experiment_line("name\x1b", arms);
  CHECK_FALSE(has_control(line));
  CHECK(line.find("name\\x1B") == 0);
  CHECK(line.find("Title \\x1B[31mred") != std::string::npos);

  const std::string text =
      cli::experiment_description("name", arms, "title = \"\x1b[31m\"\n[run]\ndays = 3\n");
  CHECK_FALSE(has_control(text));
  CHECK(text.find("Title \\x1B[31mred") != std::string::npos);
  CHECK(text.find("line one\nline two\\x07") != std::string::npos);  // newlines stay
  CHECK(text.find("cut\\x00here") != std::string::npos);             // a NUL does not truncate
  CHECK(text.find("Arms: silo\\x1B[2J") != std::string::npos);
  CHECK(text.find("title = \"\\x1B[31m\"\n[run]") != std::string::npos);
}

TEST_CASE("presets listing keeps its column layout", "[cli]") {
  PreparedArm a;
  a.cfg.experiment.title = "A title";
  CHECK(cli::experiment_line("short", {a}) == "short                  A title\n");
}
