"""Attachments: content-addressed uploads a dossier names by SHA-256.

``PUT /api/v1/attachments/{sha256}`` stores the body once per client; the
digest in the path, the ``Content-Digest`` header (RFC 9530, ``sha-256``) and
the bytes must all agree, so a corrupted upload is refused (422) instead of
kept. A second PUT of the same bytes answers 200 and changes nothing: it is
idempotent by construction, which is what lets the kiosk resend after any
fault. A dossier's ``attachments`` must each name a digest this client has
uploaded, with the same size: else 422 with a problem body naming them.

A large document may travel in chunks instead (``Content-Range: bytes a-b/total``
on the same PUT, each chunk checked against its own ``Content-Digest``): the
portal keeps the chunks received so far (``attachment_uploads``, one row per
chunk in ``attachment_upload_chunks``: no chunk rewrites the earlier ones), says how many
on ``HEAD`` (``Upload-Offset``), and checks the whole against the path's digest
when the last chunk arrives; a mismatch discards the partial upload (422). A
partial upload untouched for :data:`STALE_UPLOAD_SECONDS` is dropped.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
import sqlite3
from collections.abc import Mapping

from sync.training_portal.database import Outcome, PortalDatabase
from sync.training_portal.problems import FieldError, ProblemError, validation_failed
from sync.training_portal.timeutil import Clock, to_iso

SHA256_PATTERN = re.compile(r"[0-9a-f]{64}")
MEDIA_TYPES = frozenset({"application/pdf"})
_DIGEST_HEADER = re.compile(r"sha-256=:([A-Za-z0-9+/=]+):")
_CONTENT_RANGE = re.compile(r"bytes (\d{1,12})-(\d{1,12})/(\d{1,12})")
MAX_RESUMABLE_BYTES = 256 * 1024 * 1024
"""The largest document sent in chunks (each chunk at most the 32 MB of one PUT)."""
STALE_UPLOAD_SECONDS = 24 * 3600
"""A partial upload no chunk reached for this long is dropped (the kiosk starts over)."""


def _digest_problem(detail: str, message_vi: str) -> ProblemError:
    return ProblemError(
        422,
        "digest_mismatch",
        detail,
        message_vi,
        errors=[FieldError("sha256", "digest_mismatch", message_vi)],
    )


def _check_content_digest(content_digest: str | None, actual: str) -> None:
    """422 unless the ``Content-Digest`` header names ``actual`` (the body's SHA-256)."""
    match = _DIGEST_HEADER.search(content_digest or "")
    if match is None:
        raise validation_failed(
            [FieldError("Content-Digest", "required", "Thiếu mã kiểm tra (Content-Digest).")]
        )
    try:
        declared = base64.b64decode(match.group(1), validate=True).hex()
    except binascii.Error:
        declared = ""
    if declared != actual:
        raise _digest_problem(
            "Content-Digest differs from the body's SHA-256",
            "Tệp đính kèm bị hỏng trên đường truyền. Máy sẽ gửi lại.",
        )


def _check_address(sha256: str, media_type: str) -> None:
    if not SHA256_PATTERN.fullmatch(sha256):
        raise _digest_problem(
            "The path must end with a lowercase hex SHA-256",
            "Mã kiểm tra của tệp đính kèm không hợp lệ.",
        )
    if media_type not in MEDIA_TYPES:
        raise validation_failed(
            [FieldError("Content-Type", "unsupported", "Tệp đính kèm phải là PDF.")]
        )


def _parse_content_range(header: str, length: int) -> tuple[int, int]:
    """(start, total) of a ``bytes a-b/total`` header that agrees with the body's length."""
    match = _CONTENT_RANGE.fullmatch(header.strip())
    if match is None:
        raise validation_failed(
            [FieldError("Content-Range", "bad_format", "Đoạn tệp đính kèm không hợp lệ.")]
        )
    start, end, total = (int(group) for group in match.groups())
    if total > MAX_RESUMABLE_BYTES:
        raise ProblemError(413, "payload_too_large", "Document too large", "Tệp đính kèm quá lớn.")
    if not start <= end < total or end - start + 1 != length:
        raise validation_failed(
            [FieldError("Content-Range", "bad_range", "Đoạn tệp đính kèm không khớp độ dài.")]
        )
    return start, total


def _offset_headers(offset: int, total: int | None, complete: bool) -> dict[str, str]:
    headers = {"Upload-Offset": str(offset), "Upload-Complete": "?1" if complete else "?0"}
    if total is not None:
        headers["Upload-Length"] = str(total)
    return headers


class AttachmentDesk:
    def __init__(self, database: PortalDatabase, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def put(
        self,
        client_id: str,
        sha256: str,
        content: bytes,
        media_type: str,
        content_digest: str | None,
    ) -> Outcome:
        """201 when stored now, 200 when already held, 422 when the bytes disagree."""
        _check_address(sha256, media_type)
        actual = hashlib.sha256(content).hexdigest()
        if actual != sha256:
            raise _digest_problem(
                "The body's SHA-256 differs from the one in the path",
                "Tệp đính kèm bị hỏng trên đường truyền. Máy sẽ gửi lại.",
            )
        _check_content_digest(content_digest, actual)
        with self._database.transaction() as db:
            held = self._repeat(db, client_id, sha256)
            if held is not None:
                return held
            return self._store(db, client_id, sha256, media_type, content)

    def put_chunk(
        self,
        client_id: str,
        sha256: str,
        chunk: bytes,
        media_type: str,
        content_digest: str | None,
        content_range: str,
    ) -> Outcome:
        """One chunk of a resumable upload.

        202 with ``Upload-Offset`` while bytes are missing; 201 when this chunk
        completed a document whose bytes hash to the path's digest, 200 when the
        document was already held (nothing changes); 409 ``upload_offset_mismatch``
        (with the offset held) when the chunk does not start where the held bytes
        end (a chunk starting at 0 always starts over); 422 ``digest_mismatch`` when
        the completed bytes disagree with the path, the partial upload discarded.
        """
        _check_address(sha256, media_type)
        start, total = _parse_content_range(content_range, len(chunk))
        _check_content_digest(content_digest, hashlib.sha256(chunk).hexdigest())
        now = self._clock()
        with self._database.transaction() as db:
            self._drop_stale(db, now)
            held = self._repeat(db, client_id, sha256)
            if held is not None:
                return held
            partial = db.execute(
                "SELECT total, received FROM attachment_uploads WHERE client_id = ? AND sha256 = ?",
                (client_id, sha256),
            ).fetchone()
            if start == 0:
                self._discard(db, client_id, sha256)
            elif partial is None or partial["total"] != total or partial["received"] != start:
                offset = 0 if partial is None else partial["received"]
                raise ProblemError(
                    409,
                    "upload_offset_mismatch",
                    f"The portal holds {offset} bytes of this upload; resume from there",
                    "Cổng đã nhận một phần khác của tệp đính kèm. Máy sẽ gửi tiếp đúng phần.",
                    headers=_offset_headers(offset, None, complete=False),
                )
            received = start + len(chunk)
            if received < total:
                db.execute(
                    "INSERT INTO attachment_uploads (client_id, sha256, media_type, total, "
                    "received, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (client_id, sha256) DO UPDATE SET "
                    "received = excluded.received, updated_at = excluded.updated_at",
                    (client_id, sha256, media_type, total, received, to_iso(now)),
                )
                db.execute(
                    "INSERT INTO attachment_upload_chunks (client_id, sha256, start, content) "
                    "VALUES (?, ?, ?, ?)",
                    (client_id, sha256, start, chunk),
                )
                return Outcome(
                    202,
                    {"sha256": sha256, "offset": received, "size": total},
                    _offset_headers(received, total, complete=False),
                )
            earlier = db.execute(
                "SELECT content FROM attachment_upload_chunks WHERE client_id = ? AND sha256 = ? "
                "ORDER BY start",
                (client_id, sha256),
            ).fetchall()
            content = b"".join(bytes(row["content"]) for row in earlier) + chunk
            self._discard(db, client_id, sha256)
            if hashlib.sha256(content).hexdigest() == sha256:
                return self._store(db, client_id, sha256, media_type, content)
        # Outside the transaction, so that the partial upload's deletion is committed.
        raise _digest_problem(
            "The completed upload's SHA-256 differs from the one in the path",
            "Tệp đính kèm bị hỏng trên đường truyền. Máy sẽ gửi lại từ đầu.",
        )

    def upload_state(self, client_id: str, sha256: str) -> Outcome:
        """HEAD: how many bytes of this document the portal holds (``Upload-Offset``)."""
        _check_address(sha256, "application/pdf")
        now = self._clock()
        with self._database.transaction() as db:
            self._drop_stale(db, now)
            held = db.execute(
                "SELECT size FROM attachments WHERE client_id = ? AND sha256 = ?",
                (client_id, sha256),
            ).fetchone()
            if held is not None:
                return Outcome(200, {}, _offset_headers(held["size"], held["size"], complete=True))
            partial = db.execute(
                "SELECT total, received FROM attachment_uploads WHERE client_id = ? AND sha256 = ?",
                (client_id, sha256),
            ).fetchone()
        if partial is None:
            return Outcome(200, {}, _offset_headers(0, None, complete=False))
        return Outcome(
            200, {}, _offset_headers(partial["received"], partial["total"], complete=False)
        )

    def partial_uploads(self) -> list[dict[str, object]]:
        """Uploads begun and not completed (tests check they are cleaned)."""
        with self._database.read() as db:
            rows = db.execute(
                "SELECT client_id, sha256, total, received, updated_at "
                "FROM attachment_uploads ORDER BY updated_at, sha256"
            ).fetchall()
        return [dict(row) for row in rows]

    def _repeat(self, db: sqlite3.Connection, client_id: str, sha256: str) -> Outcome | None:
        """200 (the PUT counted, nothing else changed) when the document is held."""
        held = db.execute(
            "SELECT size, received_at FROM attachments WHERE client_id = ? AND sha256 = ?",
            (client_id, sha256),
        ).fetchone()
        if held is None:
            return None
        db.execute(
            "UPDATE attachments SET puts = puts + 1 WHERE client_id = ? AND sha256 = ?",
            (client_id, sha256),
        )
        return Outcome(
            200, {"sha256": sha256, "size": held["size"], "received_at": held["received_at"]}
        )

    def _store(
        self, db: sqlite3.Connection, client_id: str, sha256: str, media_type: str, content: bytes
    ) -> Outcome:
        received_at = to_iso(self._clock())
        db.execute(
            "INSERT INTO attachments (client_id, sha256, media_type, size, content, "
            "received_at) VALUES (?, ?, ?, ?, ?, ?)",
            (client_id, sha256, media_type, len(content), content, received_at),
        )
        return Outcome(201, {"sha256": sha256, "size": len(content), "received_at": received_at})

    def _discard(self, db: sqlite3.Connection, client_id: str, sha256: str) -> None:
        """Forget a partial upload; its chunks go with it (ON DELETE CASCADE)."""
        db.execute(
            "DELETE FROM attachment_uploads WHERE client_id = ? AND sha256 = ?",
            (client_id, sha256),
        )

    def _drop_stale(self, db: sqlite3.Connection, now: dt.datetime) -> None:
        cutoff = to_iso(now - dt.timedelta(seconds=STALE_UPLOAD_SECONDS))
        db.execute("DELETE FROM attachment_uploads WHERE updated_at < ?", (cutoff,))

    def check_dossier(self, client_id: str, body: Mapping[str, object]) -> None:
        """422 unless every attachment the dossier names is held, with the size it says."""
        named = body.get("attachments", [])
        if not isinstance(named, list):
            raise validation_failed(
                [FieldError("attachments", "not_list", "Danh sách tệp đính kèm không hợp lệ.")]
            )
        errors: list[FieldError] = []
        with self._database.read() as db:
            for index, item in enumerate(named):
                where = f"attachments/{index}"
                if not isinstance(item, dict) or not isinstance(item.get("sha256"), str):
                    errors.append(
                        FieldError(where, "bad_format", "Tệp đính kèm không có mã kiểm tra.")
                    )
                    continue
                held = db.execute(
                    "SELECT size FROM attachments WHERE client_id = ? AND sha256 = ?",
                    (client_id, item["sha256"]),
                ).fetchone()
                if held is None:
                    errors.append(
                        FieldError(
                            where,
                            "attachment_missing",
                            "Cổng chưa nhận được tệp đính kèm này.",
                        )
                    )
                elif item.get("size") != held["size"]:
                    errors.append(
                        FieldError(
                            where,
                            "attachment_mismatch",
                            "Tệp đính kèm đã nhận khác với tệp hồ sơ nêu.",
                        )
                    )
        if errors:
            raise ProblemError(
                422,
                errors[0].code,
                "The dossier names attachments this portal does not hold as described",
                "Hồ sơ thiếu tệp đính kèm hoặc tệp không khớp. Máy sẽ gửi lại tệp.",
                errors=errors,
            )

    def all_attachments(self) -> list[dict[str, object]]:
        """Every attachment held (digest, size, how many PUTs reached the portal)."""
        with self._database.read() as db:
            rows = db.execute(
                "SELECT client_id, sha256, media_type, size, received_at, puts, content "
                "FROM attachments ORDER BY received_at, sha256"
            ).fetchall()
        return [
            {
                "client_id": row["client_id"],
                "sha256": row["sha256"],
                "media_type": row["media_type"],
                "size": row["size"],
                "received_at": row["received_at"],
                "puts": row["puts"],
                "content_sha256": hashlib.sha256(row["content"]).hexdigest(),
            }
            for row in rows
        ]
