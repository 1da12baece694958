"""A synthetic CCCD chip for the tests: invented people, a test PKI, and the card itself.

``EmulatedCccd`` answers APDUs like an ICAO 9303 chip with BAC and secure
messaging (the card side of kiosk/identity/chip, written separately so a bug
on one side does not hide the same bug on the other). Its data groups are
signed by a CSCA and Document Signer generated here; nothing is real.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
from dataclasses import dataclass, field, replace

from asn1crypto import algos, cms, core
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from PIL import Image

from kiosk.identity.chip import tlv
from kiosk.identity.chip.access import AccessKey, check_digit, derive_bac_keys
from kiosk.identity.chip.bac import session_keys_from
from kiosk.identity.chip.crypto import decrypt, encrypt, pad, retail_mac, unpad
from kiosk.identity.chip.passive_auth import LDS_SECURITY_OBJECT_OID, LdsSecurityObject
from kiosk.identity.chip.secure_messaging import SessionKeys
from kiosk.identity.id_card import id_card_qr_text

NOW = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Citizen:
    """An invented card holder (consistent ID number, birth date and sex)."""

    id_number: str
    full_name: str
    date_of_birth: datetime.date
    sex: str
    residence: str
    issue_date: datetime.date
    expiry_date: datetime.date | None
    father_name: str = "Nguyễn Văn Bố"
    mother_name: str = "Trần Thị Mẹ"
    old_id_number: str | None = None
    mrz_name: str = "NGUYEN<<VAN<AN"
    issuing_state: str = "VNM"
    document_code: str = "ID"
    ethnicity: str = "Kinh"

    def access_key(self) -> AccessKey:
        return AccessKey(self.id_number[-9:], self.date_of_birth, self.expiry_date)

    def qr_payload(self) -> str:
        return id_card_qr_text(
            self.id_number,
            self.old_id_number,
            self.full_name,
            self.date_of_birth,
            self.sex,
            self.residence,
            self.issue_date,
        )


FATHER = Citizen(
    id_number="049090001234",
    full_name="Nguyễn Văn An",
    date_of_birth=datetime.date(1990, 3, 15),
    sex="Nam",
    residence="Tổ 3, Phường Điện Bàn, Thành phố Đà Nẵng",
    issue_date=datetime.date(2021, 4, 20),
    expiry_date=datetime.date(2030, 3, 15),
    father_name="Nguyễn Văn Ba",
    mother_name="Lê Thị Tư",
    old_id_number="205123456",
)
MOTHER = Citizen(
    id_number="049195005678",
    full_name="Trần Thị Bình",
    date_of_birth=datetime.date(1995, 2, 2),
    sex="Nữ",
    residence="Khối phố 1, Phường Điện Bàn, Thành phố Đà Nẵng",
    issue_date=datetime.date(2025, 8, 10),
    expiry_date=datetime.date(2035, 2, 2),
    father_name="Trần Văn Năm",
    mother_name="Phạm Thị Sáu",
    mrz_name="TRAN<<THI<BINH",
    ethnicity="Tày",
)
GRANDMOTHER = Citizen(
    id_number="049162003456",
    full_name="Lê Thị Hoa",
    date_of_birth=datetime.date(1962, 9, 9),
    sex="Nữ",
    residence="Tổ 3, Phường Điện Bàn, Thành phố Đà Nẵng",
    issue_date=datetime.date(2021, 6, 1),  # at 58: a card for life
    expiry_date=None,
    mrz_name="LE<<THI<HOA",
)


@dataclass
class Pki:
    """A CSCA and its Document Signer (ECDSA P-256, quick to make)."""

    csca_key: ec.EllipticCurvePrivateKey
    csca: x509.Certificate
    signer_key: ec.EllipticCurvePrivateKey
    signer: x509.Certificate

    def csca_pem(self) -> bytes:
        return self.csca.public_bytes(serialization.Encoding.PEM)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def make_pki(
    *,
    csca_name: str = "Test CSCA Viet Nam",
    signer_valid: tuple[datetime.datetime, datetime.datetime] | None = None,
) -> Pki:
    start = NOW - datetime.timedelta(days=365)
    csca_key = ec.generate_private_key(ec.SECP256R1())
    csca = (
        x509.CertificateBuilder()
        .subject_name(_name(csca_name))
        .issuer_name(_name(csca_name))
        .public_key(csca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=365 * 15))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(csca_key, hashes.SHA256())
    )
    signer_key = ec.generate_private_key(ec.SECP256R1())
    not_before, not_after = signer_valid or (start, start + datetime.timedelta(days=365 * 11))
    signer = (
        x509.CertificateBuilder()
        .subject_name(_name("Test Document Signer"))
        .issuer_name(csca.subject)
        .public_key(signer_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .sign(csca_key, hashes.SHA256())
    )
    return Pki(csca_key, csca, signer_key, signer)


def face_jpeg(size: int = 64) -> bytes:
    """A small synthetic face-shaped picture (an oval), not anyone's photo."""
    image = Image.new("RGB", (size, size * 4 // 3), (200, 210, 230))
    from PIL import ImageDraw

    ImageDraw.Draw(image).ellipse(
        (size // 5, size // 5, size * 4 // 5, size * 6 // 5), fill=(230, 190, 160)
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def _seq(*items: bytes) -> bytes:
    return tlv.encode(0x30, b"".join(items))


def _int(value: int) -> bytes:
    return tlv.encode(0x02, value.to_bytes(1, "big"))


def _utf8(text: str) -> bytes:
    return tlv.encode(0x0C, text.encode("utf-8"))


def dg13_bytes(person: Citizen, *, extra_fields: dict[int, str] | None = None) -> bytes:
    def date(day: datetime.date | None) -> str:
        return day.strftime("%d/%m/%Y") if day else "Không thời hạn"

    fields = [
        _seq(_int(1), _utf8(person.id_number)),
        _seq(_int(2), _utf8(person.full_name)),
        _seq(_int(3), _utf8(date(person.date_of_birth))),
        _seq(_int(4), _utf8(person.sex)),
        _seq(_int(5), _utf8("Việt Nam")),
        _seq(_int(6), _utf8(person.ethnicity)),
        _seq(_int(7), _utf8("Không")),
        _seq(_int(8), _utf8("Điện Bàn, Quảng Nam")),
        _seq(_int(9), _utf8(person.residence)),
        _seq(_int(10), _utf8("Nốt ruồi C:1cm trên mép trái")),
        _seq(_int(11), _utf8(date(person.issue_date))),
        _seq(_int(12), _utf8(date(person.expiry_date))),
        _seq(_int(13), _seq(_utf8(person.father_name)), _seq(_utf8(person.mother_name))),
        _seq(_int(14), _utf8("")),
        _seq(_int(15), _utf8(person.old_id_number or "")),
    ]
    for number, text in (extra_fields or {}).items():
        fields.append(_seq(_int(number), _utf8(text)))
    body = tlv.encode(0x02, b"\x00") + tlv.encode(0x06, b"\x2b\x06\x01") + b"".join(fields)
    return tlv.encode(0x6D, _seq(body))


def mrz_text(person: Citizen) -> str:
    number = person.id_number[-9:]
    birth = person.date_of_birth.strftime("%y%m%d")
    expiry = person.expiry_date.strftime("%y%m%d") if person.expiry_date else "<<<<<<"
    line1 = f"{person.document_code}{person.issuing_state}{number}{check_digit(number)}"
    line1 = (line1 + person.id_number).ljust(30, "<")
    sex = "M" if person.sex == "Nam" else "F"
    line2 = f"{birth}{check_digit(birth)}{sex}{expiry}{check_digit(expiry)}VNM".ljust(29, "<")
    line2 += check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    line3 = person.mrz_name.ljust(30, "<")[:30]
    return line1 + line2 + line3


def dg1_bytes(person: Citizen) -> bytes:
    return tlv.encode(0x61, tlv.encode(0x5F1F, mrz_text(person).encode("ascii")))


def dg2_bytes(image: bytes) -> bytes:
    # ISO 19794-5 record header (simplified, fixed size) then the image.
    record = b"FAC\x000100" + len(image).to_bytes(4, "big") + bytes(20) + image
    bit = tlv.encode(0xA1, tlv.encode(0x80, b"\x01\x01")) + tlv.encode(0x5F2E, record)
    group = tlv.encode(0x02, b"\x01") + tlv.encode(0x7F60, bit)
    return tlv.encode(0x75, tlv.encode(0x7F61, group))


def dg15_bytes(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> bytes:
    """DG15: the chip's active-authentication public key (SubjectPublicKeyInfo)."""
    spki = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return tlv.encode(0x6F, spki)


def iso9796_2_sign(key: rsa.RSAPrivateKey, challenge: bytes) -> bytes:
    """ISO/IEC 9796-2 scheme 1 (SHA-1, partial recovery): what a chip answers INTERNAL
    AUTHENTICATE with; raw RSA, as the chip does it."""
    numbers = key.private_numbers()
    size = (numbers.public_numbers.n.bit_length() + 7) // 8
    recoverable = os.urandom(size - 20 - 2)
    block = b"\x6a" + recoverable + hashlib.sha1(recoverable + challenge).digest() + b"\xbc"
    value = pow(int.from_bytes(block, "big"), numbers.d, numbers.public_numbers.n)
    return value.to_bytes(size, "big")


def com_bytes(groups: list[int]) -> bytes:
    tags = bytes({1: 0x61, 2: 0x75, 13: 0x6D, 14: 0x6E, 15: 0x6F}[number] for number in groups)
    body = tlv.encode(0x5F01, b"0107") + tlv.encode(0x5F36, b"040000") + tlv.encode(0x5C, tags)
    return tlv.encode(0x60, body)


def _sha256(content: bytes) -> bytes:
    return hashlib.sha256(content).digest()


def sod_bytes(data_groups: dict[int, bytes], pki: Pki) -> bytes:
    """EF.SOD: CMS SignedData over the SHA-256 hashes, signed by the Document Signer."""
    lds = LdsSecurityObject(
        {
            "version": 0,
            "hash_algorithm": {"algorithm": "sha256"},
            "data_group_hash_values": [
                {
                    "data_group_number": number,
                    "data_group_hash_value": hashlib.sha256(content).digest(),
                }
                for number, content in sorted(data_groups.items())
            ],
        }
    )
    content = lds.dump()
    signed_attrs = cms.CMSAttributes(
        [
            {"type": "content_type", "values": [LDS_SECURITY_OBJECT_OID]},
            {"type": "message_digest", "values": [hashlib.sha256(content).digest()]},
        ]
    )
    to_sign = signed_attrs.dump()
    signature = pki.signer_key.sign(to_sign, ec.ECDSA(hashes.SHA256()))
    signer_cert = cms.Certificate.load(pki.signer.public_bytes(serialization.Encoding.DER))
    signed_data = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {
                "content_type": LDS_SECURITY_OBJECT_OID,
                "content": core.ParsableOctetString(content),
            },
            "certificates": [signer_cert],
            "signer_infos": [
                {
                    "version": "v1",
                    "sid": {
                        "issuer_and_serial_number": {
                            "issuer": signer_cert.issuer,
                            "serial_number": signer_cert.serial_number,
                        }
                    },
                    "digest_algorithm": {"algorithm": "sha256"},
                    "signed_attrs": signed_attrs,
                    "signature_algorithm": algos.SignedDigestAlgorithm(
                        {"algorithm": "sha256_ecdsa"}
                    ),
                    "signature": signature,
                }
            ],
        }
    )
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed_data})
    return tlv.encode(0x77, info.dump())


@dataclass
class CardFiles:
    """The elementary files of one card, by file identifier."""

    files: dict[int, bytes]

    @classmethod
    def for_citizen(
        cls,
        person: Citizen,
        pki: Pki,
        *,
        face: bytes | None = None,
        tamper_dg13_after_signing: bool = False,
        active_auth_key: rsa.RSAPrivateKey | None = None,
    ) -> CardFiles:
        groups = {1: dg1_bytes(person), 2: dg2_bytes(face or face_jpeg()), 13: dg13_bytes(person)}
        if active_auth_key is not None:
            groups[15] = dg15_bytes(active_auth_key)
        sod = sod_bytes(groups, pki)
        if tamper_dg13_after_signing:
            altered = replace(person, residence=person.residence + " (sửa)")
            groups[13] = dg13_bytes(altered)
        files = {0x011E: com_bytes(sorted(groups)), 0x011D: sod}
        files.update({0x0100 + number: content for number, content in groups.items()})
        return cls(files)


@dataclass
class EmulatedCccd:
    """The chip side of BAC and secure messaging over :class:`CardFiles`."""

    files: CardFiles
    access_key: AccessKey
    application_selected: bool = False
    session: SessionKeys | None = None
    selected: int | None = None
    rnd_ic: bytes = b""
    commands: int = 0
    remove_after_commands: int | None = None
    refusals: int = field(default=0)
    # The benchmark's baseline reads the same files without BAC (a transport floor).
    plain_access: bool = False
    # The key the chip signs INTERNAL AUTHENTICATE with (a clone has another than DG15's).
    active_auth_key: rsa.RSAPrivateKey | None = None

    def process(self, apdu: bytes) -> bytes:
        """One command APDU in, the response APDU (data + SW) out."""
        self.commands += 1
        cla, ins = apdu[0], apdu[1]
        if cla & 0x0C == 0x0C:
            return self._secure(apdu)
        if ins == 0xA4 and apdu[2] == 0x04:
            if apdu[5 : 5 + apdu[4]] != bytes.fromhex("A0000002471001"):
                return b"\x6a\x82"
            self.application_selected = True
            self.session = None
            return b"\x90\x00"
        if not self.application_selected:
            return b"\x69\x86"
        if ins == 0x84:
            self.rnd_ic = os.urandom(8)
            return self.rnd_ic + b"\x90\x00"
        if ins == 0x82:
            return self._external_authenticate(apdu[5 : 5 + apdu[4]])
        if self.plain_access and ins in (0xA4, 0xB0):
            data = apdu[5 : 5 + apdu[4]] if ins == 0xA4 else b""
            le = 0 if ins == 0xA4 else (apdu[4] or 256)
            plain, status = self._command(ins, apdu[2], apdu[3], data, le)
            return plain + status
        return b"\x69\x82"  # security status not satisfied: plain access refused

    def _external_authenticate(self, data: bytes) -> bytes:
        keys = derive_bac_keys(self.access_key.mrz_information())
        encrypted, checksum = data[:32], data[32:40]
        if not self.rnd_ic or retail_mac(keys.mac, pad(encrypted)) != checksum:
            self.refusals += 1
            return b"\x63\x00"
        plain = decrypt(keys.encryption, encrypted)
        rnd_ifd, rnd_ic, k_ifd = plain[:8], plain[8:16], plain[16:32]
        if rnd_ic != self.rnd_ic:
            return b"\x63\x00"
        k_ic = os.urandom(16)
        answer = encrypt(keys.encryption, self.rnd_ic + rnd_ifd + k_ic)
        self.session = session_keys_from(k_ifd, k_ic, self.rnd_ic, rnd_ifd)
        self.rnd_ic = b""
        return answer + retail_mac(keys.mac, pad(answer)) + b"\x90\x00"

    def _secure(self, apdu: bytes) -> bytes:
        session = self.session
        if session is None:
            return b"\x69\x88"
        header = bytes([apdu[0], apdu[1], apdu[2], apdu[3]])
        body = apdu[5 : 5 + apdu[4]]
        objects = tlv.parse_all(body)
        covered = b"".join(tlv.encode(item.tag, item.value) for item in objects if item.tag != 0x8E)
        checksum = next(item.value for item in objects if item.tag == 0x8E)
        ssc = session.next_ssc()
        if retail_mac(session.mac, pad(ssc + pad(header) + covered)) != checksum:
            self.session = None
            return b"\x69\x88"
        data = b""
        le = 0
        for item in objects:
            if item.tag == 0x87:
                data = unpad(decrypt(session.encryption, item.value[1:]))
            elif item.tag == 0x97:
                le = item.value[0] or 256
        plain, status = self._command(apdu[1], apdu[2], apdu[3], data, le)
        reply = b""
        if plain:
            reply += tlv.encode(0x87, b"\x01" + encrypt(session.encryption, pad(plain)))
        reply += tlv.encode(0x99, status)
        ssc = session.next_ssc()
        reply += tlv.encode(0x8E, retail_mac(session.mac, pad(ssc + reply)))
        return reply + b"\x90\x00"

    def _command(self, ins: int, p1: int, p2: int, data: bytes, le: int) -> tuple[bytes, bytes]:
        if ins == 0xA4:
            file_id = int.from_bytes(data, "big")
            if file_id not in self.files.files:
                return b"", b"\x6a\x82"
            self.selected = file_id
            return b"", b"\x90\x00"
        if ins == 0x88 and self.active_auth_key is not None and len(data) == 8:
            return iso9796_2_sign(self.active_auth_key, data), b"\x90\x00"
        if ins == 0xB0 and self.selected is not None:
            content = self.files.files[self.selected]
            offset = (p1 << 8) | p2
            return content[offset : offset + le], b"\x90\x00"
        return b"", b"\x6d\x00"


class DirectTransport:
    """Hands APDUs straight to the emulated chip (what a reader does, minus the radio)."""

    def __init__(self, chip: EmulatedCccd) -> None:
        self.chip = chip

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        response = self.chip.process(apdu)
        return response[:-2], int.from_bytes(response[-2:], "big")
