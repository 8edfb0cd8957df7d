"""Audit log-ins, failures and lockouts; keep role groups in step after migrate."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from minsheng.core.services import audit_event

from .services import roles_sync


@receiver(post_migrate)
def _sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    # After the last app, when every app's permissions exist.
    last = [c for c in apps.get_app_configs() if c.models_module is not None][-1]
    if sender is last:
        roles_sync()


@receiver(user_logged_in)
def _audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_event(actor=user, action="auth.login", target=user, request=request)


@receiver(user_login_failed)
def _audit_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    user = get_user_model().objects.filter(username=username).first()
    audit_event(actor=None, action="auth.login_failed", target=user, data={"username": username}, request=request)


@receiver(user_locked_out)
def _audit_lockout(
    sender: Any, request: Any, username: str | None = None, ip_address: str | None = None, **kwargs: Any
) -> None:
    user = get_user_model().objects.filter(username=username or "").first()
    audit_event(actor=None, action="auth.locked_out", target=user, data={"username": username or ""}, request=request)
