"""Starting and stopping a `placesim serve` for the tests: any free port (--port 0), the link
read from its first line, the process ended by its own id."""
import re
import subprocess
import time


class Server:
    def __init__(self, exe, *args):
        self.proc = subprocess.Popen([exe, "serve", "--port", "0", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"open (http://\S+?:(\d+)/)(\?token=(\w+))?", line)
        if not m:
            self.stop()
            raise RuntimeError("no link printed: %r %r" % (line, self.proc.stderr.read()))
        self.port = int(m.group(2))
        self.token = m.group(4)
        self.url = "http://127.0.0.1:%d/" % self.port
        self.link = self.url + (m.group(3) or "")

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def wait_for(cond, timeout, what):
    end = time.time() + timeout
    while time.time() < end:
        v = cond()
        if v:
            return v
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)
