// The HDF5 writer: never overwrites without being asked, never leaves a finished-looking file
// when writing fails, and writes what the recorder holds.
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>

#include "core/config.hpp"
#include "sim/h5_reader.hpp"
#include "sim/h5_writer.hpp"
#include "sim/output_file.hpp"
#include "sim/output_schema.hpp"
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
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(path), fs::directory_iterator()));
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

// Writes a file holding only the given root attributes (strings), as another program might.
void write_root_strings(const std::string& path,
                        const std::vector<std::pair<std::string, std::string>>& attrs) {
  OutputTarget target(path, true);
  H5Writer w(path);
  for (const auto& [k, v] : attrs) w.attr_string(w.root(), k, v);
  w.attr_int32(w.root(), schema::kComplete, 1);
  FileImage image = w.finish();
  target.write(image.data.get(), image.size);
  target.commit();
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

TEST_CASE("a regular file where the output's directory should be is called one", "[output]") {
  TempDir dir("file-as-dir");
  const std::string file = dir.file("run.h5");
  std::ofstream(file) << "a run";
  // Once said "'run.h5' is not a regular file, not a directory".
  CHECK_THROWS_WITH(check_output_path(file + "/x.h5", true),
                    Contains("'" + file + "' is a regular file, not a directory"));
}

TEST_CASE("only a regular file may be replaced, even with overwrite", "[output]") {
  TempDir dir("kinds");
  const std::string fifo = dir.file("fifo.h5");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(check_output_path(fifo, true), Contains("FIFO") && Contains(fifo));
  CHECK_THROWS_WITH(OutputTarget(fifo, true), Contains("FIFO"));
  fs::create_directory(dir.file("sub.h5"));
  CHECK_THROWS_WITH(check_output_path(dir.file("sub.h5"), true), Contains("is a directory"));
  fs::create_symlink("/dev/null", dir.file("null.h5"));
  CHECK_THROWS_WITH(check_output_path(dir.file("null.h5"), true),
                    Contains("symbolic link to a character device"));
  CHECK(fs::is_fifo(fs::symlink_status(fifo)));
  CHECK(fs::is_character_file(fs::status("/dev/null")));
}

TEST_CASE("a symbolic link at the output counts as existing, dangling or not", "[output]") {
  TempDir dir("symlink");
  const std::string link = dir.file("out.h5");
  fs::create_symlink(dir.file("nowhere.h5"), link);
  CHECK_THROWS_WITH(check_output_path(link, false),
                    Contains("--overwrite") && Contains("dangling"));
  write_output(link, true, provenance(), {{"main", "", &small_run()}});
  CHECK(fs::is_regular_file(fs::symlink_status(link)));  // the link was replaced, not followed
  CHECK_FALSE(fs::exists(dir.file("nowhere.h5")));
}

TEST_CASE("the temporary file exists from the start and goes unless committed", "[output]") {
  TempDir dir("target");
  const std::string out = dir.file("out.h5");
  {
    OutputTarget t(out, false);
    CHECK(t.partial_path() == out + ".partial-" + std::to_string(::getpid()));
    CHECK(fs::exists(t.partial_path()));
    CHECK_FALSE(fs::exists(out));
  }
  CHECK(dir.entries() == 0);
  {
    OutputTarget t(out, false);
    t.write("abc", 3);
    t.commit();
  }
  CHECK(read_all(out) == "abc");
  CHECK(dir.entries() == 1);
}

TEST_CASE("an unwritable directory is found when the target is claimed", "[output]") {
  // /proc refuses new files even to root.
  CHECK_THROWS_WITH(OutputTarget("/proc/placesim_test.h5", false),
                    Contains("cannot create a file in directory '/proc'"));
}

TEST_CASE("stale temporaries of dead processes are removed, others kept", "[output]") {
  TempDir dir("stale");
  const std::string out = dir.file("x.h5");
  const std::string dead = out + ".partial-999999999";  // above any pid_max
  const std::string alive = out + ".partial-1";         // init: always running
  const std::string other = dir.file("y.h5.partial-999999999");
  for (const auto& f : {dead, alive, other}) std::ofstream(f) << "partial";
  { OutputTarget t(out, false); }
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(alive));
  CHECK(fs::exists(other));
}

TEST_CASE("the temporary of an exited but unreaped process (a zombie) is stale", "[output]") {
  TempDir dir("zombie");
  const std::string out = dir.file("x.h5");
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    OutputTarget t(out, false);
    ::_exit(0);  // no destructor: the temporary stays, as after kill -9
  }
  // Wait until the child has exited, but leave it unreaped: kill(child, 0) still succeeds.
  siginfo_t info{};
  REQUIRE(::waitid(P_PID, static_cast<id_t>(child), &info, WEXITED | WNOWAIT) == 0);
  const std::string stale = out + ".partial-" + std::to_string(child);
  REQUIRE(fs::exists(stale));
  REQUIRE(::kill(child, 0) == 0);
  { OutputTarget t(out, false); }
  CHECK_FALSE(fs::exists(stale));
  int status = 0;
  CHECK(::waitpid(child, &status, 0) == child);
}

TEST_CASE("an output name too long for its temporary name is named before anything runs",
          "[output]") {
  TempDir dir("longname");
  const long name_max = ::pathconf(dir.path.c_str(), _PC_NAME_MAX);
  REQUIRE(name_max > 20);
  const std::string name(static_cast<std::size_t>(name_max - 2), 'n');  // legal by itself
  const std::string out = dir.file(name);
  for (const auto& msg : {std::string("NAME.partial-PID"),
                          std::string("name limit of " + std::to_string(name_max))}) {
    CHECK_THROWS_WITH(check_output_path(out, false), Contains(msg));
    CHECK_THROWS_WITH(OutputTarget(out, false), Contains(msg));
  }
  CHECK(dir.entries() == 0);
}

TEST_CASE("a temporary whose absolute path reaches PATH_MAX is refused, not left unguarded",
          "[output]") {
  TempDir dir("longpath");
  const fs::path start = fs::current_path();
  // Deeper than PATH_MAX, built step by step since no single path argument may be that long.
  const std::string level(200, 'd');
  int depth = 0;
  REQUIRE(::chdir(dir.path.c_str()) == 0);
  for (; depth < 4096 / 200 + 2; ++depth) {
    REQUIRE(::mkdir(level.c_str(), 0700) == 0);
    REQUIRE(::chdir(level.c_str()) == 0);
  }
  CHECK_THROWS_WITH(OutputTarget("x.h5", false), Contains("PATH_MAX"));
  const bool created = fs::exists("x.h5.partial-" + std::to_string(::getpid()));
  for (; depth > 0; --depth) {
    REQUIRE(::chdir("..") == 0);
    ::rmdir(level.c_str());
  }
  fs::current_path(start);
  CHECK_FALSE(created);
}

TEST_CASE("a signal removes the temporary file", "[output]") {
  TempDir dir("signal");
  const std::string out = dir.file("out.h5");
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      std::signal(sig, SIG_DFL);  // not the test framework's handler
      OutputTarget t(out, false);
      ::raise(sig);
      ::_exit(0);  // not reached
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    INFO("signal " << sig);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == sig);
    CHECK(dir.entries() == 0);
  }
}

TEST_CASE("a write error removes the temporary and names the file and the reason", "[output]") {
  TempDir dir("efbig");
  const std::string out = dir.file("out.h5");
  // A file size limit makes write() fail with EFBIG, as a full disk fails with ENOSPC.
  struct rlimit old {};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old;
  small.rlim_cur = 50000;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  std::string message;
  try {
    write_output(out, false, provenance(), {{"main", "", &small_run()}});
  } catch (const OutputError& e) {
    message = e.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
  CHECK_THAT(message, Contains("File too large") && Contains(out));
  CHECK(dir.entries() == 0);
}

TEST_CASE("write_output leaves an existing file untouched without overwrite", "[output]") {
  TempDir dir("keep");
  const std::string out = dir.file("out.h5");
  std::ofstream(out) << "precious";
  CHECK_THROWS_AS(write_output(out, false, provenance(), {{"main", "", &small_run()}}),
                  OutputError);
  CHECK(read_all(out) == "precious");
  CHECK(dir.entries() == 1);  // no temporary left behind
}

TEST_CASE("a write that fails midway leaves neither the target nor a temporary", "[output]") {
  TempDir dir("fail");
  const std::string out = dir.file("out.h5");
  // The second arm cannot be created (same group name) after the first has been written.
  const std::vector<ArmResult> arms = {{"main", "", &small_run()}, {"main", "", &small_run()}};
  CHECK_THROWS_WITH(write_output(out, false, provenance(), arms),
                    Contains(out) && Contains("creating group /arms/main"));
  CHECK_FALSE(fs::exists(out));
  CHECK(dir.entries() == 0);

  // The same when replacing: the old file survives a failed overwrite.
  std::ofstream(out) << "old";
  CHECK_THROWS_AS(write_output(out, true, provenance(), arms), OutputError);
  CHECK(read_all(out) == "old");
  CHECK(dir.entries() == 1);
}

TEST_CASE("a written file is complete and holds one row per day", "[output]") {
  namespace S = schema;
  TempDir dir("ok");
  const std::string out = dir.file("out.h5");
  std::ofstream(out) << "old";
  write_output(out, true, provenance(), {{"main", "run.days = 9\n", &small_run()}});
  REQUIRE(dir.entries() == 1);

  const H5Reader f(out);  // checks schema_version and complete
  CHECK(f.attr_number("/", S::kComplete) == 1.0);
  CHECK(f.attr_number("/", S::kThreads) == 2.0);
  const Recorder& rec = small_run().recorder();
  for (const auto& m : rec.place_meta()) {
    INFO(m.name);
    const std::string ds = S::arm_path("main", S::kSeriesGroup) + "/" + m.name;
    CHECK(f.dims(ds) == std::vector<std::uint64_t>{9});
    CHECK(f.attr_string(ds, S::kUnits) == m.unit);
    CHECK(f.attr_string(ds, S::kDescription) == m.description);
  }
  const auto need = f.read_doubles(S::arm_path("main", S::kCitizensGroup) + "/" +
                                   S::citizens::kNeedPrefix + "money");
  const auto& want = small_run().state().citizens.need[Money];
  REQUIRE(need.size() == want.size());
  for (std::size_t i = 0; i < need.size(); ++i) CHECK(need[i] == static_cast<double>(want[i]));
  const std::string net = S::arm_path("main", S::kNetworkGroup);
  CHECK(f.attr_number(net, S::network::kMeanDegree) == small_run().network_summary()->mean_degree);
}

TEST_CASE("every place series named in the schema is written by a service run", "[output]") {
  Config cfg;
  cfg.place.citizens = 500;
  cfg.place.neighbourhoods = 2;
  cfg.run.days = 2;
  cfg.services.enabled = true;
  Simulation sim(cfg);
  std::set<std::string> declared;
  for (const auto& m : sim.recorder().place_meta()) declared.insert(m.name);
  for (const char* name : schema::series::kAll) {
    INFO(name);
    CHECK(declared.count(name) == 1);
  }
}

TEST_CASE("the simulation reports the threads it uses and its network when it ends", "[output]") {
  Config cfg;
  cfg.place.citizens = 300;
  cfg.place.neighbourhoods = 2;
  cfg.run.days = 1;
  cfg.run.threads = 0;  // all
  Simulation sim(cfg);
  CHECK(sim.threads() >= 1);
  CHECK(sim.network_summary() == nullptr);
  sim.run();
  REQUIRE(sim.network_summary() != nullptr);
  CHECK(sim.network_summary()->mean_degree > 0);
}

TEST_CASE("a schema_version of the wrong type is named, not reported missing", "[output]") {
  TempDir dir("schema");
  const std::string out = dir.file("s.h5");
  write_root_strings(out, {{schema::kSchemaVersion, "1"}});
  CHECK_THROWS_WITH(
      H5Reader(out),
      Contains(out) && Contains("schema_version attribute of type string; expected an integer"));
}
