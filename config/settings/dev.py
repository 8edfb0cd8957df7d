"""Development: runs with nothing configured; secrets are generated under var/."""

from config.env import decode_key, env_str, local_secret

from .base import *  # noqa: F403
from .base import PERSONAL_DATA_KEY

DEBUG = True
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or local_secret("secret.key", nbytes=48)
ALLOWED_HOSTS = ["*"]
if PERSONAL_DATA_KEY is None:
    PERSONAL_DATA_KEY = decode_key(local_secret("personal-data.key"), "var/personal-data.key")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
