"""Personal data at rest: AES-256-GCM for ID and phone numbers, an HMAC blind index for
equality look-up and de-duplication.

Both keys come from ``settings.PERSONAL_DATA_KEY`` (32 bytes) through HKDF-SHA256 with
different ``info`` labels, so the encryption key and the index key are independent. A
value is stored as nonce (96 random bits) + ciphertext + tag. The blind index is
HMAC-SHA256(index key, normalised value): a plain hash of an 18-digit ID could be
brute-forced, a keyed one cannot without the key. The keyed hash state is computed once and
``copy()``-ed per value (it halves the HMAC's share of an import).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE_BYTES = 12


class PersonalDataCipher:
    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != 32:
            raise ImproperlyConfigured("PERSONAL_DATA_KEY must be 32 bytes.")
        self._aead = AESGCM(_derive(master_key, b"minsheng personal data encryption v1"))
        self._index_state = hmac.new(_derive(master_key, b"minsheng personal data blind index v1"), digestmod="sha256")
        self._lock = threading.Lock()
        self._nonces = b""
        self._nonce_at = 0

    def _nonce(self) -> bytes:
        # Random nonces drawn from the OS in blocks (one system call per 4,096 values);
        # the lock keeps two threads from ever taking the same one.
        with self._lock:
            if self._nonce_at >= len(self._nonces):
                self._nonces, self._nonce_at = os.urandom(NONCE_BYTES * 4096), 0
            nonce = self._nonces[self._nonce_at : self._nonce_at + NONCE_BYTES]
            self._nonce_at += NONCE_BYTES
        return nonce

    def encrypt(self, text: str) -> bytes:
        nonce = self._nonce()
        return nonce + self._aead.encrypt(nonce, text.encode(), None)

    def decrypt(self, blob: bytes | memoryview) -> str:
        raw = bytes(blob)
        return self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], None).decode()

    def blind_index(self, normalised: str) -> bytes:
        mac = self._index_state.copy()
        mac.update(normalised.encode())
        return mac.digest()


def _derive(master_key: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master_key)


@lru_cache(maxsize=4)
def _cipher_for(key: bytes) -> PersonalDataCipher:
    return PersonalDataCipher(key)


def get_cipher() -> PersonalDataCipher:
    key = getattr(settings, "PERSONAL_DATA_KEY", None)
    if not key:
        raise ImproperlyConfigured("PERSONAL_DATA_KEY is not set (MINSHENG_PD_KEY).")
    return _cipher_for(bytes(key))


def key_fingerprint() -> str:
    """A short, non-secret fingerprint of the current key (for operations notes)."""
    return hashlib.sha256(get_cipher().blind_index("fingerprint")).hexdigest()[:12]
