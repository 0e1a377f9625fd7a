// placesim-mpi: the sweep launcher for MPI clusters (docs/sweeps.md).
//
//   mpirun -np 17 placesim-mpi --config sweep.toml --out results/ [--threads T]
//
// Rank 0 prepares the directory (manifest check, resume), hands out runs one at a time to
// whichever rank asks next (dynamic load balancing: long and short runs even out), and writes
// summary.h5 from the run files, exactly as `placesim sweep` does, so both give the same
// summary. Ranks 1..N-1 run. Rank 0 waits by polling with short sleeps, so it costs almost no
// CPU and may share a core with a worker. Every rank reads the sweep file itself, so the
// file and the output directory must be on a filesystem all nodes see.
#include <mpi.h>

#include <cxxopts.hpp>

#include <oneapi/tbb/global_control.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "cli/cli.hpp"
#include "cli/sweep_memory.hpp"
#include "core/printable.hpp"
#include "experiments/sweep.hpp"
#include "sim/progress_bar.hpp"

namespace {

using namespace placesim;

constexpr int kTagReady = 1;  // worker -> rank 0: {finished run index or -1, ok}
constexpr int kTagWork = 2;   // rank 0 -> worker: run index, or -1 to stop

int coordinate(const std::vector<std::int64_t>& todo, int ranks, bool progress) {
  ProgressBar bar("placesim-mpi sweep", progress);
  std::size_t next = 0;
  std::int64_t done = 0;
  int active = ranks - 1;
  bar.update(0, static_cast<std::int64_t>(todo.size()));
  while (active > 0) {
    int flag = 0;
    MPI_Status st;
    MPI_Iprobe(MPI_ANY_SOURCE, kTagReady, MPI_COMM_WORLD, &flag, &st);
    if (!flag) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    long long msg[2];
    MPI_Recv(msg, 2, MPI_LONG_LONG, st.MPI_SOURCE, kTagReady, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (msg[0] >= 0) bar.update(++done, static_cast<std::int64_t>(todo.size()));
    long long work = -1;
    if (next < todo.size())
      work = todo[next++];
    else
      --active;
    MPI_Send(&work, 1, MPI_LONG_LONG, st.MPI_SOURCE, kTagWork, MPI_COMM_WORLD);
  }
  bar.finish();
  return 0;
}

void work(const SweepPlan& plan, const std::string& dir, int threads,
          const std::string& command_line) {
  long long msg[2] = {-1, 0};
  for (;;) {
    MPI_Send(msg, 2, MPI_LONG_LONG, 0, kTagReady, MPI_COMM_WORLD);
    long long index = -1;
    MPI_Recv(&index, 1, MPI_LONG_LONG, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (index < 0) return;
    msg[0] = index;
    msg[1] = execute_run(dir, plan, index, threads, command_line) ? 1 : 0;
  }
}

int run(int argc, char** argv, int rank, int ranks) {
  cxxopts::Options opts(
      "placesim-mpi",
      "Run a parameter sweep across MPI ranks (rank 0 coordinates, the others run).\n"
      "  mpirun -np 17 placesim-mpi --config sweep.toml --out results/");
  // clang-format off
  opts.add_options()
    ("config", "sweep file (TOML)", cxxopts::value<std::string>())
    ("out", "output directory (shared by all nodes)", cxxopts::value<std::string>())
    ("threads", "threads per worker rank for each run's per-tick loops",
     cxxopts::value<std::string>()->default_value("1"))
    ("overwrite", "discard the results already in the output directory")
    ("force", "run even if a run's memory estimate exceeds the memory available")
    ("quiet", "no progress bar or summary line")
    ("help", "show this help");
  // clang-format on
  cxxopts::ParseResult args;
  if (auto stop = cli::parse_command(opts, argc, argv, args, rank == 0)) return *stop;
  if (!args.count("config") || !args.count("out")) {
    if (rank == 0)
      std::fprintf(stderr, "placesim-mpi: --config SWEEP.toml and --out DIR are required\n");
    return cli::kBadInput;
  }
  int threads = 1;
  try {
    // A worker rank runs one run at a time, so a run's upper bound applies; the thread cap
    // below needs at least one.
    threads =
        static_cast<int>(cli::whole_number(args, "threads", {1, cli::key_range("run.threads").hi}));
  } catch (const cli::UsageError& e) {
    if (rank == 0) std::fprintf(stderr, "placesim-mpi: %s\n(see placesim-mpi --help)\n", e.what());
    return cli::kBadInput;
  }
  const std::string dir = args["out"].as<std::string>();
  const bool quiet = args.count("quiet") > 0;
  tbb::global_control cap(tbb::global_control::max_allowed_parallelism,
                          static_cast<std::size_t>(threads));
  const std::string command_line = "mpirun -np " + std::to_string(ranks) + " " +
                                   cli::joined_command_line(argc - 1, argv + 1, "placesim-mpi");

  // Every rank plans (deterministic); rank 0 alone touches the directory, then tells the
  // others whether to go on.
  SweepPlan plan;
  int status = cli::kOk;
  try {
    plan = plan_sweep(load_sweep_file(args["config"].as<std::string>()));
  } catch (const ConfigError& e) {
    if (rank == 0)
      for (const auto& m : e.messages())
        std::fprintf(stderr, "placesim-mpi: %s\n", printable(m).c_str());
    status = cli::kBadInput;
  }
  std::vector<std::int64_t> todo;
  // Checked where rank 0 runs; worker nodes are taken to offer as much memory as it does.
  if (rank == 0 && status == cli::kOk && !args.count("force")) {
    const std::string no_room = cli::sweep_memory_refusal(plan, Shard{});
    if (!no_room.empty()) {
      std::fprintf(stderr, "placesim-mpi: %s\n", no_room.c_str());
      status = cli::kBadInput;
    }
  }
  if (rank == 0 && status == cli::kOk) {
    try {
      todo = prepare_sweep_dir(dir, plan, Shard{}, args.count("overwrite") > 0);
    } catch (const SweepError& e) {
      std::fprintf(stderr, "placesim-mpi: %s\n", printable(e.what()).c_str());
      status = cli::kBadInput;
    }
  }
  MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (status != cli::kOk) return status;

  if (rank == 0) {
    if (ranks == 1) {
      for (auto i : todo) execute_run(dir, plan, i, threads, command_line);
    } else {
      coordinate(todo, ranks, !quiet && ProgressBar::stderr_is_terminal());
    }
    const Manifest m = make_manifest(plan);
    std::vector<std::int64_t> all;
    for (const auto& r : plan.runs) all.push_back(r.index);
    const auto rows = collect_rows(dir, m, all);
    std::int64_t failed = 0;
    for (const auto& r : rows) failed += r.status != "ok";
    try {
      write_summary(dir + "/summary.h5", m, rows);
    } catch (const SweepError& e) {
      std::fprintf(stderr, "placesim-mpi: %s\n", printable(e.what()).c_str());
      status = cli::kFailed;
    }
    if (!quiet)
      std::fprintf(stderr,
                   "placesim-mpi: %zu run%s (%zu run now on %d worker rank%s), %lld failed; "
                   "wrote %s/summary.h5\n",
                   rows.size(), rows.size() == 1 ? "" : "s", todo.size(), std::max(1, ranks - 1),
                   ranks > 2 ? "s" : "", static_cast<long long>(failed), printable(dir).c_str());
    if (failed > 0) status = cli::kFailed;
  } else {
    work(plan, dir, threads, command_line);
  }
  MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  int code = cli::kFailed;
  try {
    code = run(argc, argv, rank, ranks);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "placesim-mpi (rank %d): error: %s\n", rank, printable(e.what()).c_str());
    MPI_Abort(MPI_COMM_WORLD, cli::kFailed);
  }
  MPI_Finalize();
  return code;
}
