"""Passive authentication: is what the chip returned what the issuing state signed?

ICAO 9303 part 11, 5.1: the SOD is a CMS SignedData over the LDS security
object (the hash of every data group). The kiosk checks, in order: the CSCA
list is installed; the Document Signer certificate was issued by a CSCA in
that list (its signature verifies) and is within its validity at the check
time; the SignedData signature by that certificate; and each data group read
hashes to the SOD's value. The first failure is the outcome's reason; a chip
that fails is shown as "not verified", never silently trusted.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Final

from asn1crypto import cms, core
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from kiosk.identity.chip import tlv
from kiosk.identity.chip.errors import TlvError

LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1"

REASON_VERIFIED = "verified"
_OUTCOME_TEXT: Final[dict[str, tuple[str, str]]] = {
    REASON_VERIFIED: (
        "Dữ liệu chip đã được xác thực: đúng dữ liệu do cơ quan cấp thẻ ký.",
        "Chip data verified: it is the data the issuing authority signed.",
    ),
    "no_csca_list": (
        "Chưa xác thực được: ki-ốt chưa được cài danh sách chứng thư gốc (CSCA).",
        "Not verified: the kiosk has no country signing CA list installed.",
    ),
    "unknown_signer": (
        "Chưa xác thực được: chữ ký trên chip không thuộc cơ quan cấp thẻ đã biết.",
        "Not verified: the chip's signature is not from a known issuing authority.",
    ),
    "expired_signer": (
        "Chưa xác thực được: chứng thư ký dữ liệu của chip đã hết hạn.",
        "Not verified: the chip's document signer certificate has expired.",
    ),
    "bad_signature": (
        "Chưa xác thực được: chữ ký dữ liệu trên chip không đúng.",
        "Not verified: the signature over the chip's data does not verify.",
    ),
    "hash_mismatch": (
        "Chưa xác thực được: dữ liệu trên chip đã bị thay đổi sau khi ký.",
        "Not verified: data on the chip was changed after it was signed.",
    ),
    "malformed_sod": (
        "Chưa xác thực được: phần chữ ký trên chip bị lỗi.",
        "Not verified: the chip's security object is malformed.",
    ),
}


@dataclass(frozen=True, slots=True)
class PassiveAuthOutcome:
    """``verified`` or not, the reason code, the data groups that failed, both texts."""

    verified: bool
    reason: str
    failed_data_groups: tuple[int, ...] = ()

    @property
    def message_vi(self) -> str:
        return _OUTCOME_TEXT[self.reason][0]

    @property
    def message_en(self) -> str:
        return _OUTCOME_TEXT[self.reason][1]


def _not_verified(reason: str, failed: tuple[int, ...] = ()) -> PassiveAuthOutcome:
    return PassiveAuthOutcome(False, reason, failed)


class _DataGroupHash(core.Sequence):  # type: ignore[misc]
    _fields: ClassVar[list[Any]] = [
        ("data_group_number", core.Integer),
        ("data_group_hash_value", core.OctetString),
    ]


class _DataGroupHashes(core.SequenceOf):  # type: ignore[misc]
    _child_spec = _DataGroupHash


class _LdsVersionInfo(core.Sequence):  # type: ignore[misc]
    _fields: ClassVar[list[Any]] = [
        ("lds_version", core.PrintableString),
        ("unicode_version", core.PrintableString),
    ]


class LdsSecurityObject(core.Sequence):  # type: ignore[misc]
    """ICAO 9303 part 10, 4.6.2.2."""

    _fields: ClassVar[list[Any]] = [
        ("version", core.Integer),
        ("hash_algorithm", cms.DigestAlgorithm),
        ("data_group_hash_values", _DataGroupHashes),
        ("lds_version_info", _LdsVersionInfo, {"optional": True}),
    ]


_HASHES: Final[dict[str, type[hashes.HashAlgorithm]]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


def load_csca_list(path: Path | None) -> list[x509.Certificate]:
    """The CSCA certificates of a PEM bundle (or one DER file); empty if absent or unreadable."""
    if path is None or not path.is_file():
        return []
    try:
        raw = path.read_bytes()
    except OSError:
        return []
    if b"-----BEGIN CERTIFICATE-----" in raw:
        try:
            return x509.load_pem_x509_certificates(raw)
        except ValueError:
            return []
    try:
        return [x509.load_der_x509_certificate(raw)]
    except ValueError:
        return []


@dataclass(frozen=True, slots=True)
class _ParsedSod:
    signed_data: Any
    content: bytes
    hash_algorithm: str
    hashes: dict[int, bytes]


def _parse_sod(sod_file: bytes) -> _ParsedSod:
    outer = tlv.parse_one(sod_file)[0]
    if outer.tag != 0x77:
        raise ValueError("SOD tag")
    info = cms.ContentInfo.load(outer.value)
    if info["content_type"].native != "signed_data":
        raise ValueError("not SignedData")
    signed_data = info["content"]
    encap = signed_data["encap_content_info"]
    if encap["content_type"].dotted != LDS_SECURITY_OBJECT_OID:
        raise ValueError("not an LDS security object")
    # The octets themselves: the hashes are over exactly these bytes.
    content_bytes = bytes(encap["content"])
    lds = LdsSecurityObject.load(content_bytes)
    algorithm = lds["hash_algorithm"]["algorithm"].native
    values = {
        int(item["data_group_number"].native): bytes(item["data_group_hash_value"].native)
        for item in lds["data_group_hash_values"]
    }
    return _ParsedSod(signed_data, bytes(content_bytes), algorithm, values)


def _signer_certificate(signed_data: Any) -> tuple[x509.Certificate, Any]:
    signer = signed_data["signer_infos"][0]
    sid = signer["sid"]
    for choice in signed_data["certificates"] or []:
        if choice.name != "certificate":
            continue
        certificate: asn1_x509.Certificate = choice.chosen
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                certificate.issuer == wanted["issuer"]
                and certificate.serial_number == wanted["serial_number"].native
            ):
                return x509.load_der_x509_certificate(certificate.dump()), signer
        elif certificate.key_identifier == sid.chosen.native:
            return x509.load_der_x509_certificate(certificate.dump()), signer
    raise ValueError("signer certificate not in SOD")


def _verify(public_key: Any, signature: bytes, data: bytes, signer: Any) -> None:
    digest_name = signer["digest_algorithm"]["algorithm"].native
    hash_type = _HASHES.get(digest_name)
    if hash_type is None:
        raise InvalidSignature("digest algorithm")
    algorithm = signer["signature_algorithm"]
    if isinstance(public_key, rsa.RSAPublicKey):
        if algorithm["algorithm"].native == "rsassa_pss":
            params = algorithm["parameters"]
            public_key.verify(
                signature,
                data,
                padding.PSS(
                    mgf=padding.MGF1(hash_type()), salt_length=int(params["salt_length"].native)
                ),
                hash_type(),
            )
        else:
            public_key.verify(signature, data, padding.PKCS1v15(), hash_type())
    elif isinstance(public_key, ec.EllipticCurvePublicKey):
        public_key.verify(signature, data, ec.ECDSA(hash_type()))
    else:
        raise InvalidSignature("key type")


def _issued_by_a_csca(certificate: x509.Certificate, cscas: list[x509.Certificate]) -> bool:
    for csca in cscas:
        if csca.subject != certificate.issuer:
            continue
        try:
            certificate.verify_directly_issued_by(csca)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return True
    return False


def verify_sod(
    sod_file: bytes,
    data_groups: dict[int, bytes],
    cscas: list[x509.Certificate],
    *,
    at: datetime.datetime,
) -> PassiveAuthOutcome:
    """Passive authentication of the data groups read (number -> whole file bytes)."""
    try:
        sod = _parse_sod(sod_file)
        certificate, signer = _signer_certificate(sod.signed_data)
    except (ValueError, TypeError, KeyError, TlvError):
        return _not_verified("malformed_sod")
    if not cscas:
        return _not_verified("no_csca_list")
    if not _issued_by_a_csca(certificate, cscas):
        return _not_verified("unknown_signer")
    if not certificate.not_valid_before_utc <= at <= certificate.not_valid_after_utc:
        return _not_verified("expired_signer")
    try:
        signed_attrs = signer["signed_attrs"]
        if signed_attrs.native:
            digest = next(
                attribute["values"][0].native
                for attribute in signed_attrs
                if attribute["type"].native == "message_digest"
            )
            expected = hashlib.new(signer["digest_algorithm"]["algorithm"].native, sod.content)
            if digest != expected.digest():
                return _not_verified("bad_signature")
            # The signature covers the attributes re-encoded as a SET (RFC 5652, 5.4).
            signed_bytes = b"\x31" + signed_attrs.dump()[1:]
        else:
            signed_bytes = sod.content
        _verify(certificate.public_key(), signer["signature"].native, signed_bytes, signer)
    except (InvalidSignature, StopIteration, ValueError, KeyError, TypeError):
        return _not_verified("bad_signature")
    try:
        failed = tuple(
            number
            for number, content in sorted(data_groups.items())
            if sod.hashes.get(number) != hashlib.new(sod.hash_algorithm, content).digest()
        )
    except ValueError:  # a hash algorithm hashlib does not know
        return _not_verified("malformed_sod")
    if failed:
        return _not_verified("hash_mismatch", failed)
    return PassiveAuthOutcome(True, REASON_VERIFIED)
