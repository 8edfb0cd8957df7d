"""Start the web server and the task worker together; Ctrl-C (or SIGTERM) stops both.

Used by ``make run``. The web server listens on 127.0.0.1:$PORT (8000 by default).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRACE_SECONDS = 10


def main() -> int:
    py = sys.executable
    port = os.environ.get("PORT", "8000")
    host = os.environ.get("HOST", "127.0.0.1")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    stopping = False

    def request_stop(*_args: object) -> None:
        nonlocal stopping
        stopping = True

    # Handle both explicitly: a process started in the background inherits an ignored SIGINT.
    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    procs = [
        subprocess.Popen([py, "manage.py", "runserver", f"{host}:{port}", "--noreload"], cwd=ROOT, env=env),
        subprocess.Popen([py, "manage.py", "db_worker"], cwd=ROOT, env=env),
    ]
    print(f"民生工程宣传工作平台: http://{host}:{port}/  (后台 /admin/)  Ctrl-C 停止", flush=True)
    while not stopping and all(p.poll() is None for p in procs):
        time.sleep(0.3)

    # Stop whatever still runs: SIGTERM (the worker finishes its task), then SIGKILL.
    for p in procs:
        if p.poll() is None:
            p.terminate()
    deadline = time.monotonic() + GRACE_SECONDS
    for p in procs:
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    # asked to stop: fine; a process that ended by itself (a busy port, say): a failure
    return 0 if stopping else 1


if __name__ == "__main__":
    sys.exit(main())
