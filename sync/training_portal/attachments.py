"""Attachments: content-addressed uploads a dossier names by SHA-256.

``PUT /api/v1/attachments/{sha256}`` stores the body once per client; the
digest in the path, the ``Content-Digest`` header (RFC 9530, ``sha-256``) and
the bytes must all agree, so a corrupted upload is refused (422) instead of
kept. A second PUT of the same bytes answers 200 and changes nothing: it is
idempotent by construction, which is what lets the kiosk resend after any
fault. A dossier's ``attachments`` must each name a digest this client has
uploaded, with the same size: else 422 with a problem body naming them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Mapping

from sync.training_portal.database import Outcome, PortalDatabase
from sync.training_portal.problems import FieldError, ProblemError, validation_failed
from sync.training_portal.timeutil import Clock, to_iso

SHA256_PATTERN = re.compile(r"[0-9a-f]{64}")
MEDIA_TYPES = frozenset({"application/pdf"})
_DIGEST_HEADER = re.compile(r"sha-256=:([A-Za-z0-9+/=]+):")


def _digest_problem(detail: str, message_vi: str) -> ProblemError:
    return ProblemError(
        422,
        "digest_mismatch",
        detail,
        message_vi,
        errors=[FieldError("sha256", "digest_mismatch", message_vi)],
    )


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
        if not SHA256_PATTERN.fullmatch(sha256):
            raise _digest_problem(
                "The path must end with a lowercase hex SHA-256",
                "Mã kiểm tra của tệp đính kèm không hợp lệ.",
            )
        if media_type not in MEDIA_TYPES:
            raise validation_failed(
                [FieldError("Content-Type", "unsupported", "Tệp đính kèm phải là PDF.")]
            )
        actual = hashlib.sha256(content).hexdigest()
        if actual != sha256:
            raise _digest_problem(
                "The body's SHA-256 differs from the one in the path",
                "Tệp đính kèm bị hỏng trên đường truyền. Máy sẽ gửi lại.",
            )
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
        with self._database.transaction() as db:
            held = db.execute(
                "SELECT size, received_at FROM attachments WHERE client_id = ? AND sha256 = ?",
                (client_id, sha256),
            ).fetchone()
            if held is not None:
                db.execute(
                    "UPDATE attachments SET puts = puts + 1 WHERE client_id = ? AND sha256 = ?",
                    (client_id, sha256),
                )
                return Outcome(
                    200,
                    {"sha256": sha256, "size": held["size"], "received_at": held["received_at"]},
                )
            received_at = to_iso(self._clock())
            db.execute(
                "INSERT INTO attachments (client_id, sha256, media_type, size, content, "
                "received_at) VALUES (?, ?, ?, ?, ?, ?)",
                (client_id, sha256, media_type, len(content), content, received_at),
            )
        return Outcome(201, {"sha256": sha256, "size": len(content), "received_at": received_at})

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
