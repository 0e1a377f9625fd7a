// The HDF5 writer: never overwrites without being asked, never leaves a finished-looking file
// when writing fails, and writes what the recorder holds.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <H5Cpp.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "core/config.hpp"
#include "sim/output_file.hpp"
#include "sim/simulation.hpp"

using namespace placesim;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

// A fresh directory per test case, removed at the end.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag)
      : path(fs::temp_directory_path() /
             ("placesim_test_" + tag + "_" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), fs::directory_iterator()));
  }
};

std::string read_all(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// One small run shared by the test cases (Catch2 runs them in one process).
const Simulation& small_run() {
  static const std::unique_ptr<Simulation> sim = [] {
    Config cfg;
    cfg.place.citizens = 2000;
    cfg.place.neighbourhoods = 4;
    cfg.run.days = 9;
    cfg.run.threads = 2;
    auto s = std::make_unique<Simulation>(cfg);
    s->run();
    return s;
  }();
  return *sim;
}

Provenance provenance() {
  Provenance p;
  p.experiment = "test";
  p.source = "test";
  p.config_toml = "run.days = 9\n";
  p.seed = 1;
  p.threads = 2;
  return p;
}

}  // namespace

TEST_CASE("check_output_path refuses an existing file unless told to overwrite", "[output]") {
  TempDir dir("check");
  const std::string out = dir.file("out.h5");
  CHECK_NOTHROW(check_output_path(out, false));
  std::ofstream(out) << "precious";
  CHECK_THROWS_AS(check_output_path(out, false), OutputError);
  CHECK_THROWS_WITH(check_output_path(out, false), Contains("--overwrite"));
  CHECK_NOTHROW(check_output_path(out, true));
  CHECK_THROWS_WITH(check_output_path(dir.file("no/such/dir/out.h5"), true),
                    Contains("does not exist"));
  CHECK(read_all(out) == "precious");
}

TEST_CASE("write_output leaves an existing file untouched without overwrite", "[output]") {
  TempDir dir("keep");
  const std::string out = dir.file("out.h5");
  std::ofstream(out) << "precious";
  CHECK_THROWS_AS(write_output(out, false, provenance(), {{"main", "", &small_run()}}), OutputError);
  CHECK(read_all(out) == "precious");
  CHECK(dir.entries() == 1);  // no temporary left behind
}

TEST_CASE("a write that fails midway leaves neither the target nor a temporary", "[output]") {
  TempDir dir("fail");
  const std::string out = dir.file("out.h5");
  // The second arm cannot be created (same group name) after the first has been written.
  const std::vector<ArmResult> arms = {{"main", "", &small_run()}, {"main", "", &small_run()}};
  CHECK_THROWS_AS(write_output(out, false, provenance(), arms), OutputError);
  CHECK_FALSE(fs::exists(out));
  CHECK(dir.entries() == 0);

  // The same when replacing: the old file survives a failed overwrite.
  std::ofstream(out) << "old";
  CHECK_THROWS_AS(write_output(out, true, provenance(), arms), OutputError);
  CHECK(read_all(out) == "old");
  CHECK(dir.entries() == 1);
}

TEST_CASE("a written file is complete and holds one row per day", "[output]") {
  TempDir dir("ok");
  const std::string out = dir.file("out.h5");
  std::ofstream(out) << "old";
  write_output(out, true, provenance(), {{"main", "run.days = 9\n", &small_run()}});
  REQUIRE(dir.entries() == 1);

  H5::H5File f(out, H5F_ACC_RDONLY);
  std::int32_t complete = 0;
  f.openAttribute("complete").read(H5::PredType::NATIVE_INT32, &complete);
  CHECK(complete == 1);
  const Recorder& rec = small_run().recorder();
  for (const auto& m : rec.place_meta()) {
    INFO(m.name);
    H5::DataSet ds = f.openDataSet("/arms/main/series/" + m.name);
    hsize_t n = 0;
    ds.getSpace().getSimpleExtentDims(&n);
    CHECK(n == 9);
    CHECK(ds.attrExists("units"));
    CHECK(ds.attrExists("description"));
  }
  H5::DataSet need = f.openDataSet("/arms/main/citizens/need_money");
  std::vector<float> v(2000);
  need.read(v.data(), H5::PredType::NATIVE_FLOAT);
  CHECK(v == small_run().state().citizens.need[Money]);
}
