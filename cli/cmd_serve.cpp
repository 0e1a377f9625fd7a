// `placesim serve`: the HTTP glue of the live page (issue 12). The sessions, their validation
// and their limits live in serve/live_session (no HTTP there, unit-tested); this file maps
// requests to them with Debian's cpp-httplib and streams weekly aggregates as server-sent
// events. No request carries a file path: saving goes to --save-dir under generated names.
#include <httplib.h>
#include <cxxopts.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>

#include <unistd.h>

#include "analysis/report.hpp"
#include "cli/cli.hpp"
#include "core/printable.hpp"
#include "experiments/preset_registry.hpp"
#include "serve/live_session.hpp"
#include "serve/web_assets.hpp"
#include "sim/h5_reader.hpp"

namespace placesim::cli {
namespace {

constexpr std::size_t kMaxParamBytes = 200;      // any one form field
constexpr std::size_t kMaxBodyBytes = 16 * 1024;  // a whole request body

std::atomic<httplib::Server*> g_server{nullptr};
std::atomic<bool> g_stopping{false};  // open streams end, so the server's threads can join
extern "C" void on_signal(int) {
  g_stopping = true;
  if (auto* s = g_server.load()) s->stop();
}

std::string error_json(const std::string& msg) {
  // Plain ASCII from printable(): escape the two characters JSON cares about.
  std::string out = "{\"error\":\"";
  for (char c : printable(msg)) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out + "\"}";
}

void reply_error(httplib::Response& res, int status, const std::string& msg) {
  res.status = status;
  res.set_content(error_json(msg), "application/json");
}

// A form or query field, bounded; empty when absent.
std::string field(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return {};
  std::string v = req.get_param_value(name);
  if (v.size() > kMaxParamBytes) throw LiveError(std::string("field '") + name + "' is too long");
  return v;
}

// A whole number field within [lo, hi]; throws LiveError.
std::int64_t whole_field(const httplib::Request& req, const char* name, std::int64_t lo,
                         std::int64_t hi, std::int64_t fallback) {
  const std::string v = field(req, name);
  if (v.empty()) return fallback;
  std::int64_t x = 0;
  const char* end = v.data() + v.size();
  auto [p, ec] = std::from_chars(v.data(), end, x);
  if (ec != std::errc() || p != end || x < lo || x > hi)
    throw LiveError(std::string("field '") + name + "' must be a whole number in [" +
                    std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return x;
}

std::string random_token() {
  std::random_device rd;
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 24; ++i) s += hex[rd() & 15u];
  return s;
}

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string preset;
  std::string save_dir = ".";
  std::size_t max_sessions = 4;
  std::int64_t max_citizens = 50000;
  std::int64_t idle_minutes = 20;
  std::string token;  // required on /api/ when not bound to the loopback address
  std::string command_line;
};

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

class Server {
 public:
  explicit Server(ServeOptions o)
      : o_(std::move(o)),
        pool_(o_.max_sessions, std::chrono::minutes(o_.idle_minutes)) {}

  int run() {
    httplib::Server svr;
    // One thread per open stream (each session has at most one live stream) and a few for
    // the requests around them.
    const std::size_t threads = 2 * o_.max_sessions + 4;
    svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    svr.set_payload_max_length(kMaxBodyBytes);
    svr.set_read_timeout(10, 0);
    svr.set_write_timeout(10, 0);
    svr.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                 std::exception_ptr ep) {
      std::string what = "internal error";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      reply_error(res, 500, what);
    });
    routes(svr);
    int port = o_.port;
    if (port == 0) {
      port = svr.bind_to_any_port(o_.host);
    } else if (!svr.bind_to_port(o_.host, port)) {
      port = -1;
    }
    if (port < 0) {
      std::fprintf(stderr, "placesim serve: cannot listen on %s:%d (in use, or not an address "
                           "of this machine)\n", printable(o_.host).c_str(), o_.port);
      return kFailed;
    }
    // On every address, the link names this machine as others on the network reach it.
    std::string shown = o_.host;
    if (o_.host == "0.0.0.0" || o_.host == "::") {
      char name[256] = {};
      shown = ::gethostname(name, sizeof name - 1) == 0 && name[0] ? name : "THIS-MACHINE";
    }
    std::printf("placesim serve: open http://%s:%d/%s\n", shown.c_str(), port,
                o_.token.empty() ? "" : ("?token=" + o_.token).c_str());
    std::printf("placesim serve: at most %zu sessions of at most %lld people; idle sessions end "
                "after %lld minutes; saving into %s. Ctrl-C stops.\n",
                o_.max_sessions, static_cast<long long>(o_.max_citizens),
                static_cast<long long>(o_.idle_minutes), printable(o_.save_dir).c_str());
    std::fflush(stdout);
    g_server = &svr;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::thread reaper([this, &svr] {
      while (!stopping_) {
        for (int i = 0; i < 50 && !stopping_; ++i)
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        pool_.expire();
      }
      (void)svr;
    });
    const bool ok = svr.listen_after_bind();
    stopping_ = true;
    reaper.join();
    g_server = nullptr;
    return ok ? kOk : kFailed;
  }

 private:
  bool authorised(const httplib::Request& req, httplib::Response& res) const {
    if (o_.token.empty()) return true;
    if (req.has_param("token") && req.get_param_value("token") == o_.token) return true;
    reply_error(res, 403, "this server needs the token printed in its link");
    return false;
  }

  // The session named by the request's `id`; replies 410 when it is gone.
  std::shared_ptr<SessionPool::Entry> session(const httplib::Request& req,
                                              httplib::Response& res) {
    auto e = pool_.find(field(req, "id"));
    if (!e)
      reply_error(res, 410,
                  "this session has ended (reset, or idle for " +
                      std::to_string(o_.idle_minutes) + " minutes): start again");
    return e;
  }

  // Wraps an API handler: token, then LiveError as a 400 with its message.
  template <class F>
  httplib::Server::Handler api(F f) {
    return [this, f](const httplib::Request& req, httplib::Response& res) {
      if (!authorised(req, res)) return;
      try {
        f(req, res);
      } catch (const LiveError& e) {
        reply_error(res, 400, e.what());
      }
    };
  }

  void routes(httplib::Server& svr) {
    for (const auto& a : web_assets()) {
      const WebAsset* asset = &a;
      svr.Get(a.url, [asset](const httplib::Request&, httplib::Response& res) {
        res.set_content(asset->data, asset->size, asset->content_type);
        res.set_header("Cache-Control", "no-cache");
      });
    }
    svr.Get("/api/presets", api([this](const httplib::Request&, httplib::Response& res) {
      std::string j = presets_json();
      // The preset named on the command line is the page's first choice.
      j.insert(j.rfind('}'), ",\"chosen\":\"" + o_.preset + "\"");
      res.set_content(j, "application/json");
    }));
    svr.Post("/api/session", api([this](const httplib::Request& req, httplib::Response& res) {
      const std::string preset = field(req, "preset").empty() ? o_.preset : field(req, "preset");
      const auto n = whole_field(req, "citizens", 0, o_.max_citizens, 0);
      std::string id;
      try {
        id = pool_.create(preset, n, o_.max_citizens, field(req, "arm_a"), field(req, "arm_b"));
      } catch (const LiveError& e) {
        const bool full = std::string(e.what()).rfind("the server is full", 0) == 0;
        reply_error(res, full ? 503 : 400, e.what());
        return;
      }
      auto e = pool_.find(id);
      std::lock_guard lock(e->mutex);
      res.set_content("{\"id\":\"" + id + "\",\"info\":" + e->session->info_json() + "}",
                      "application/json");
    }));
    svr.Get("/api/info", api([this](const httplib::Request& req, httplib::Response& res) {
      auto e = session(req, res);
      if (!e) return;
      std::lock_guard lock(e->mutex);
      res.set_content(e->session->info_json(), "application/json");
    }));
    svr.Post("/api/control", api([this](const httplib::Request& req, httplib::Response& res) {
      auto e = session(req, res);
      if (!e) return;
      const std::string action = field(req, "action");
      std::lock_guard lock(e->mutex);
      if (action == "play") e->playing = true;
      else if (action == "pause") e->playing = false;
      else if (action == "step") e->pending_weeks = std::min(e->pending_weeks + 1, 52);
      else if (action == "speed")
        e->weeks_per_second = static_cast<double>(whole_field(req, "weeks_per_second", 1, 1000, 2));
      else
        throw LiveError("unknown action (play, pause, step or speed)");
      res.set_content("{\"ok\":true}", "application/json");
    }));
    svr.Post("/api/lever", api([this](const httplib::Request& req, httplib::Response& res) {
      auto e = session(req, res);
      if (!e) return;
      std::lock_guard lock(e->mutex);
      const LeverChange c =
          e->session->set_lever(field(req, "arm"), field(req, "key"), field(req, "value"));
      res.set_content("{\"day\":" + std::to_string(c.day) + ",\"info\":" +
                          e->session->info_json() + "}",
                      "application/json");
    }));
    svr.Post("/api/follow", api([this](const httplib::Request& req, httplib::Response& res) {
      auto e = session(req, res);
      if (!e) return;
      std::lock_guard lock(e->mutex);
      e->session->follow(whole_field(req, "person", 0, e->session->citizens() - 1, 0));
      // The week as the stream gives it, and the person's past weeks for their charts.
      res.set_content("{\"week\":" + e->session->week_json() + ",\"history\":" +
                          e->session->history_json() + "}",
                      "application/json");
    }));
    svr.Post("/api/save", api([this](const httplib::Request& req, httplib::Response& res) {
      auto e = session(req, res);
      if (!e) return;
      std::lock_guard lock(e->mutex);
      e->playing = false;  // a save is of a paused run
      const std::string name = e->session->save(o_.save_dir, o_.command_line);
      e->saved_name = name;
      e->report_html.clear();
      // The report of the saved file, offered on the page (and written next to it).
      try {
        const H5Reader f((std::filesystem::path(o_.save_dir) / name).string());
        analysis::ReportOptions ro;
        ro.person = e->session->followed();
        ro.command_line = "placesim report " + name;
        e->report_html = analysis::render_report(f, ro);
      } catch (const std::exception& ex) {
        std::fprintf(stderr, "placesim serve: report of %s: %s\n", name.c_str(),
                     printable(ex.what()).c_str());
      }
      res.set_content("{\"file\":\"" + name + "\",\"dir\":" + "\"" +
                          std::string(o_.save_dir == "." ? "the server's current directory"
                                                         : "the save directory") +
                          "\",\"report\":" + (e->report_html.empty() ? "false" : "true") + "}",
                      "application/json");
    }));
    svr.Get("/api/report", api([this](const httplib::Request& req, httplib::Response& res) {
      auto e = session(req, res);
      if (!e) return;
      std::lock_guard lock(e->mutex);
      if (e->report_html.empty()) throw LiveError("save the run first");
      res.set_content(e->report_html, "text/html; charset=utf-8");
    }));
    svr.Post("/api/reset", api([this](const httplib::Request& req, httplib::Response& res) {
      pool_.remove(field(req, "id"));
      res.set_content("{\"ok\":true}", "application/json");
    }));
    svr.Get("/api/stream", api([this](const httplib::Request& req, httplib::Response& res) {
      auto e = session(req, res);
      if (!e) return;
      const std::string id = field(req, "id");
      std::uint64_t mine = 0;
      {
        std::lock_guard lock(e->mutex);
        mine = ++e->stream;  // a newer stream (a reload) ends this one
      }
      res.set_header("Cache-Control", "no-cache");
      auto first = std::make_shared<bool>(true);  // the state on connecting goes first
      res.set_chunked_content_provider(
          "text/event-stream", [this, e, id, mine, first](std::size_t, httplib::DataSink& sink) {
            return stream_once(*e, id, mine, *first, sink);
          });
    }));
  }

  // One turn of a session's stream: a week when playing (paced by the speed), a step when asked,
  // a heartbeat otherwise. False ends the stream (client gone, newer stream, session ended).
  bool stream_once(SessionPool::Entry& e, const std::string& id, std::uint64_t mine,
                   bool& first, httplib::DataSink& sink) {
    using clock = std::chrono::steady_clock;
    if (stopping_ || g_stopping) return false;
    if (!pool_.find(id, false)) {
      const std::string msg = "event: ended\ndata: " +
                              error_json("this session has ended (reset, or idle too long)") +
                              "\n\n";
      sink.write(msg.data(), msg.size());
      sink.done();
      return true;
    }
    std::string event;
    double wait_s = 0.1;
    {
      std::lock_guard lock(e.mutex);
      if (e.stream != mine) return false;
      if (first) {
        first = false;
        event = "event: week\ndata: " + e.session->week_json() + "\n\n";
      } else if (!e.session->done() && (e.playing || e.pending_weeks > 0)) {
        if (e.pending_weeks > 0) --e.pending_weeks;
        const auto t0 = clock::now();
        e.session->step_week();
        const double took = std::chrono::duration<double>(clock::now() - t0).count();
        event = "event: week\ndata: " + e.session->week_json() + "\n\n";
        wait_s = std::max(0.0, 1.0 / e.weeks_per_second - took);
        if (e.playing) pool_.find(id, true);  // a playing run is in use
        if (e.session->done()) e.playing = false;
      }
    }
    if (!event.empty()) {
      if (!sink.is_writable() || !sink.write(event.data(), event.size())) return false;
    } else if (++idle_turns_ % 100 == 0) {
      static const std::string beat = ": still here\n\n";
      if (!sink.is_writable() || !sink.write(beat.data(), beat.size())) return false;
    }
    if (wait_s > 0) std::this_thread::sleep_for(std::chrono::duration<double>(wait_s));
    return true;
  }

  ServeOptions o_;
  SessionPool pool_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> idle_turns_{0};
};

}  // namespace

int cmd_serve(int argc, char** argv) {
  cxxopts::Options opts(
      "placesim serve",
      "A live page in the browser: the two arms of a preset as two places with the same people "
      "and life events, side by side, with sliders for the levers (docs/serve.md).\n"
      "  placesim serve                      # http://127.0.0.1:8080/\n"
      "  placesim serve --preset austerity --port 0\n"
      "  placesim serve --host 0.0.0.0 --max-sessions 12   # a classroom; prints a link with a token");
  // clang-format off
  opts.add_options()
    ("preset", "the preset the page starts with", cxxopts::value<std::string>())
    ("port", "port to listen on (0: any free port)", cxxopts::value<std::string>()->default_value("8080"))
    ("host", "address to listen on; anything but 127.0.0.1 needs the printed token",
     cxxopts::value<std::string>()->default_value("127.0.0.1"))
    ("save-dir", "directory \"Save this run\" writes into (generated names, never overwriting)",
     cxxopts::value<std::string>()->default_value("."))
    ("max-sessions", "browsers served at once, each with its own pair of places",
     cxxopts::value<std::string>()->default_value("4"))
    ("max-citizens", "largest place a page may start", cxxopts::value<std::string>()->default_value("50000"))
    ("idle-minutes", "a session unused this long ends", cxxopts::value<std::string>()->default_value("20"))
    ("help", "show this help");
  // clang-format on
  cxxopts::ParseResult args;
  if (auto stop = parse_command(opts, argc, argv, args)) return *stop;
  ServeOptions o;
  o.host = args["host"].as<std::string>();
  o.port = static_cast<int>(whole_number(args, "port", {0, 65535}));
  o.max_sessions = static_cast<std::size_t>(whole_number(args, "max-sessions", {1, 64}));
  o.max_citizens = whole_number(args, "max-citizens", {kLiveMinCitizens, 200000});
  o.idle_minutes = whole_number(args, "idle-minutes", {1, 24 * 60});
  o.save_dir = args["save-dir"].as<std::string>();
  o.preset = args.count("preset") ? args["preset"].as<std::string>() : kDefaultPreset;
  o.command_line = joined_command_line(argc, argv);
  if (!find_preset(o.preset)) {
    std::fprintf(stderr, "placesim serve: no preset named '%s' (see `placesim presets`)\n",
                 printable(o.preset).c_str());
    return kBadInput;
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(o.save_dir, ec)) {
    std::fprintf(stderr, "placesim serve: --save-dir '%s' is not a directory\n",
                 printable(o.save_dir).c_str());
    return kBadInput;
  }
  // Off the loopback address anyone on the network could drive the server: require a token.
  if (!is_loopback(o.host)) o.token = random_token();
  return Server(std::move(o)).run();
}

}  // namespace placesim::cli
