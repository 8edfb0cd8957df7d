"""Read configuration from the environment (and an optional ``.env`` file).

Every setting that differs between machines comes through these helpers, so the
settings modules never touch ``os.environ`` directly.
"""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MINSHENG_VAR_DIR", BASE_DIR / "var"))


def _load_dotenv(path: Path) -> None:
    """Load ``KEY=VALUE`` lines from ``.env``; the real environment wins."""
    if not path.is_file():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


_load_dotenv(BASE_DIR / ".env")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def require(name: str) -> str:
    """Return a variable that production cannot run without."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"环境变量 {name} 未设置，生产环境拒绝启动 / {name} is required in production.")
    return value


def local_secret(filename: str, *, nbytes: int = 32) -> str:
    """A development secret kept under ``var/`` (created on first use, never committed)."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / filename
    if not path.exists():
        path.write_text(base64.urlsafe_b64encode(secrets.token_bytes(nbytes)).decode(), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


def decode_key(value: str, name: str) -> bytes:
    """Decode a base64 (url-safe or standard) 32-byte key."""
    try:
        padded = value + "=" * (-len(value) % 4)
        key = base64.urlsafe_b64decode(padded.replace("+", "-").replace("/", "_"))
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(f"{name} 不是有效的 base64 密钥 / is not valid base64") from exc
    if len(key) != 32:
        raise ImproperlyConfigured(f"{name} 必须是 32 字节密钥 / must decode to 32 bytes")
    return key
