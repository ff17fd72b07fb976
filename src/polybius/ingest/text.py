"""Turning raw bytes into clean text, or a clear reason why not."""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes
from ftfy.badness import is_bad

# Bytes that almost never occur in text: NUL and the C0 controls other than tab/newline/CR/FF.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_MAGIC_PREFIXES = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x7fELF",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
)


# Byte-order marks of the wide encodings. UTF-32 first: its little-endian BOM starts with
# UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# More control bytes than this share of the head is a binary file. Stray NULs in a text
# (a bad export, a padded record) stay far below it and are removed when decoding.
MAX_CONTROL_SHARE = 0.05


class DecodeError(ValueError):
    """The bytes are not text we can recover."""


def bom_encoding(data: bytes) -> str | None:
    """The UTF-16/32 encoding announced by a byte-order mark, or None."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(data: bytes) -> bool:
    """True for files that are not text: known magic numbers or many control bytes."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith(_MAGIC_PREFIXES):
        return True
    if bom_encoding(head):  # UTF-16/32 text is full of NULs; decode_bytes judges it
        return False
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    return controls / len(head) > MAX_CONTROL_SHARE


def decode_bytes(data: bytes, clean: bool = True) -> str:
    """Decode bytes as UTF-8 when possible, else detect the encoding.

    With `clean`, mojibake and whitespace are repaired too (skip it for HTML, whose
    extracted text is cleaned instead: repairing a whole page costs more than extracting it).
    Raises DecodeError when no encoding gives plausible text.
    """
    wide = bom_encoding(data)
    if wide:
        text = _decode_wide(data, wide).replace("\x00", "")
        return clean_text(text) if clean else text
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    if b"\x00" in data:  # a stray NUL is damage, not content: drop it and keep the text
        data = data.replace(b"\x00", b"")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data[:200_000]).best()
        if best is None or best.encoding is None:
            raise DecodeError("could not detect the text encoding") from None
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DecodeError(f"bytes are not valid {best.encoding}: {exc}") from None
    return clean_text(text) if clean else text


def _decode_wide(data: bytes, encoding: str) -> str:
    """UTF-16/32 text after its BOM. FF FE 00 00 is UTF-32's BOM or UTF-16's followed by a
    NUL: when the bytes are no valid UTF-32, they are read as UTF-16."""
    try:
        return data.decode(encoding)  # the codec reads the BOM and drops it
    except UnicodeDecodeError as exc:
        error = exc
    if encoding == "utf-32":
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-16")
    raise DecodeError(f"bytes are not valid {encoding.upper()}: {error}")


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n\s*\n+")


def clean_text(text: str) -> str:
    """Repair mojibake, normalise Unicode and whitespace, keep paragraph breaks."""
    if not text.isascii() and is_bad(text):  # ftfy is costly: only where mojibake is likely
        text = ftfy.fix_text(text, normalization="NFC")
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _BLANKS.sub("\n\n", text).strip()
