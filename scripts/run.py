"""Start the web server and the task worker together; Ctrl-C stops both.

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


def main() -> int:
    py = sys.executable
    port = os.environ.get("PORT", "8000")
    host = os.environ.get("HOST", "127.0.0.1")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    procs = [
        subprocess.Popen([py, "manage.py", "runserver", f"{host}:{port}", "--noreload"], cwd=ROOT, env=env),
        subprocess.Popen([py, "manage.py", "db_worker"], cwd=ROOT, env=env),
    ]
    print(f"民生工程宣传工作平台: http://{host}:{port}/  (后台 /admin/)  Ctrl-C 停止", flush=True)

    def stop(*_args: object) -> None:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        deadline = time.monotonic() + 10
        for p in procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()

    def on_term(*_args: object) -> None:
        stop()
        sys.exit(0)

    signal.signal(signal.SIGTERM, on_term)
    try:
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    stop()
    codes = [p.returncode or 0 for p in procs]
    return 0 if all(c in (0, -signal.SIGINT, 130) for c in codes) else 1


if __name__ == "__main__":
    sys.exit(main())
