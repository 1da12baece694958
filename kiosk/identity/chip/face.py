"""The chip photo in a form any screen can draw, in memory only.

Qt's image plug-ins read JPEG but not JPEG 2000, which many chips use; Pillow
(through OpenJPEG) decodes both, so a JPEG 2000 face is re-encoded as PNG
bytes here. Nothing is written to disk.
"""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from kiosk.identity.chip.datagroups import FaceImage
from kiosk.identity.chip.errors import ChipDataError

MAX_FACE_PIXELS = 2_000_000  # a chip face is ~500x600; refuse decompression bombs


def displayable_face(face: FaceImage) -> bytes:
    """JPEG bytes as they are, anything else as PNG; ChipDataError if it does not decode."""
    if face.mime_type == "image/jpeg":
        return face.data
    try:
        with Image.open(io.BytesIO(face.data)) as image:
            if image.width * image.height > MAX_FACE_PIXELS:
                raise ChipDataError("face too large")
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, format="PNG")
            return buffer.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ChipDataError("face image") from error
