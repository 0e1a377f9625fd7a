#!/usr/bin/env python3
"""`placesim serve` survives garbage, oversized and malformed requests and clients that vanish
mid-stream, answers each bad request plainly, says when it is full, and off the loopback
address refuses the API without the printed token. Usage: check_serve_robust.py PLACESIM WORKDIR"""
import http.client
import json
import os
import socket
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_util import Server  # noqa: E402

exe, work = sys.argv[1], sys.argv[2]
save = os.path.join(work, "serve_robust")
os.makedirs(save, exist_ok=True)
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def request(port, method, path, params=None, body=None, headers=None, timeout=10):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    if params is not None:
        body = urllib.parse.urlencode(params)
        headers = dict(headers or {}, **{"Content-Type": "application/x-www-form-urlencoded"})
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


def raw(port, payload, read=True):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        s.sendall(payload)
        if read:
            try:
                return s.recv(4096)
            except (socket.timeout, ConnectionResetError):
                return b""
    except (BrokenPipeError, ConnectionResetError):
        return b""
    finally:
        s.close()
    return b""


def still_answers(port, after):
    try:
        status, data = request(port, "GET", "/api/presets")
        ok = status == 200 and b"silo-vs-relational" in data
    except OSError as e:
        ok = False
        print(e)
    check(ok, "the server answers after " + after)


with Server(exe, "--save-dir", save, "--max-sessions", "2", "--max-citizens", "20000") as srv:
    p = srv.port
    check(srv.token is None, "no token on the loopback address")
    status, data = request(p, "GET", "/")
    check(status == 200 and b"placesim live" in data, "the page is served")
    status, _ = request(p, "GET", "/uPlot.iife.min.js")
    check(status == 200, "the chart library is served from the binary")
    still_answers(p, "a normal request")

    # Garbage on the socket, a truncated request, binary noise, a huge header, a huge body.
    raw(p, b"\x00\xff\xfe garbage \r\n\r\n")
    still_answers(p, "binary garbage")
    raw(p, b"GET /api/presets HTTP/1.1\r\nHost: x", read=False)
    still_answers(p, "a truncated request")
    raw(p, b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    still_answers(p, "a 100 kB request line")
    raw(p, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 200000 + b"\r\n\r\n")
    still_answers(p, "a 200 kB header")
    try:
        status, _ = request(p, "POST", "/api/session", body=b"preset=" + b"x" * 2000000,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
        check(status in (400, 413), "an oversized body is refused (got %d)" % status)
    except OSError:
        pass  # the server may close the connection instead: also a refusal
    still_answers(p, "a 2 MB body")

    # Malformed API requests: each a plain 4xx with a message, never a crash.
    cases = [
        ("POST", "/api/session", {"preset": "no-such"}, 400),
        ("POST", "/api/session", {"citizens": "abc"}, 400),
        ("POST", "/api/session", {"citizens": "99999999999999999999"}, 400),
        ("POST", "/api/session", {"citizens": "1000000"}, 400),
        ("POST", "/api/session", {"arm_a": "x" * 1000}, 400),
        ("POST", "/api/control", {"id": "nope", "action": "play"}, 410),
        ("POST", "/api/lever", {}, 410),
        ("GET", "/api/info?id=%00%ff", None, 410),
        ("GET", "/api/info?id=%zz", None, 410),
        ("GET", "/api/report?id=" + "z" * 5000, None, 400),
        ("POST", "/api/save", {"id": "../../etc/passwd"}, 410),
    ]
    for method, path, params, want in cases:
        status, data = request(p, method, path, params)
        check(status == want, "%s %s %s -> %d (wanted %d)" % (method, path[:40], str(params)[:40],
                                                          status, want))
        check(b"error" in data, "%s %s says why" % (method, path[:40]))
    status, _ = request(p, "GET", "/no/such/page")
    check(status == 404, "an unknown page is 404")
    still_answers(p, "malformed API requests")

    # A real session, with bad lever values, then a client that vanishes mid-stream.
    status, data = request(p, "POST", "/api/session", {"citizens": "2000"})
    check(status == 200, "a session starts (%d %s)" % (status, data[:200]))
    sid = json.loads(data)["id"]
    for bad in [{"arm": "silo", "key": "place.citizens", "value": "5"},
                {"arm": "silo", "key": "silo.threshold", "value": "7"},
                {"arm": "silo", "key": "silo.threshold", "value": "nan"},
                {"arm": "silo", "key": "silo.threshold", "value": "0.5\n[x]"},
                {"arm": "../x", "key": "silo.threshold", "value": "0.5"},
                {"arm": "silo", "key": "staffing.policy", "value": "\"; run.seed=3"}]:
        status, data = request(p, "POST", "/api/lever", dict(bad, id=sid))
        check(status == 400 and b"error" in data, "bad lever %r refused (%d)" % (bad, status))
    status, _ = request(p, "POST", "/api/lever",
                        {"id": sid, "arm": "relational", "key": "groups.funding", "value": "0.3"})
    check(status == 200, "a good lever change is taken")
    request(p, "POST", "/api/control", {"id": sid, "action": "speed", "weeks_per_second": "1000"})
    request(p, "POST", "/api/control", {"id": sid, "action": "play"})
    for _ in range(3):
        s = socket.create_connection(("127.0.0.1", p), timeout=5)
        s.sendall(("GET /api/stream?id=%s HTTP/1.1\r\nHost: x\r\n\r\n" % sid).encode())
        got = s.recv(2000)
        check(b"text/event-stream" in got, "the stream starts")
        s.close()  # gone mid-stream
    time.sleep(0.5)
    still_answers(p, "clients vanishing mid-stream")
    # A client that stays long enough to be sent a simulated week (a vanishing client may be
    # gone before the server's first step, which then never happens: that is the point).
    s = socket.create_connection(("127.0.0.1", p), timeout=10)
    s.sendall(("GET /api/stream?id=%s HTTP/1.1\r\nHost: x\r\n\r\n" % sid).encode())
    got, t_end = b"", time.time() + 10
    while got.count(b"event: week") < 2 and time.time() < t_end:
        chunk = s.recv(65536)
        if not chunk:
            break
        got += chunk
    s.close()
    status, data = request(p, "GET", "/api/info?id=" + sid)
    check(status == 200 and json.loads(data)["day"] > 0, "the session ran while streaming")
    request(p, "POST", "/api/control", {"id": sid, "action": "pause"})

    # Full: the second session fits, the third is refused plainly.
    status, _ = request(p, "POST", "/api/session", {"citizens": "1000"})
    check(status == 200, "a second session fits")
    status, data = request(p, "POST", "/api/session", {"citizens": "1000"})
    check(status == 503 and b"full" in data, "a third session: 503, 'the server is full'")
    status, data = request(p, "POST", "/api/save", {"id": sid})
    check(status == 200, "the run saves")
    name = json.loads(data).get("file", "")
    check(name and os.path.isfile(os.path.join(save, name)), "saved into --save-dir")
    check(srv.alive(), "the server process is alive at the end")

# Off the loopback address: a token in the link, and the API refuses requests without it.
with Server(exe, "--host", "0.0.0.0", "--save-dir", save) as srv:
    check(srv.token is not None and len(srv.token) >= 16, "--host 0.0.0.0 prints a token")
    status, _ = request(srv.port, "GET", "/api/presets")
    check(status == 403, "no token: 403")
    status, _ = request(srv.port, "GET", "/api/presets?token=wrong")
    check(status == 403, "wrong token: 403")
    status, _ = request(srv.port, "GET", "/api/presets?token=" + srv.token)
    check(status == 200, "the printed token works")

print("FAILED: %d checks" % len(failures) if failures else "all checks passed")
sys.exit(1 if failures else 0)
