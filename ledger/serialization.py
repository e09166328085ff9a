"""msgspec plugged into eventsourcing as a Mapper.

A Transcoder only sees a dict and cannot restore types (msgspec writes UUID, date and
datetime as plain strings); a Mapper knows each event's class from its topic, so it can
decode straight into the typed Struct. Selected with `MAPPER_TOPIC` (see `storage.py`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent

from ledger.events import EVENT_BY_TOPIC, LedgerEvent

_ENCODER = msgspec.json.Encoder()
_DECODERS: dict[str, msgspec.json.Decoder[Any]] = {
    topic: msgspec.json.Decoder(cls) for topic, cls in EVENT_BY_TOPIC.items()
}
# Stored state omits what the stored-event row already has.
_ROW_FIELDS = ("originator_id", "originator_version")


class MsgspecMapper(Mapper[UUID]):
    """Encodes ledger events with msgspec and decodes them into their own Struct types."""

    def to_stored_event(self, domain_event: Any) -> StoredEvent:  # noqa: ANN401 (library signature)
        """Encode one event as a stored-event row."""
        if not isinstance(domain_event, LedgerEvent):
            msg = f"termledger stores only LedgerEvent structs, not {type(domain_event)!r}"
            raise TypeError(msg)
        state = msgspec.structs.asdict(domain_event)
        for name in _ROW_FIELDS:
            del state[name]
        stored_state = _ENCODER.encode(state)
        if self.compressor:
            stored_state = self.compressor.compress(stored_state)
        if self.cipher:
            stored_state = self.cipher.encrypt(stored_state)
        return StoredEvent(
            originator_id=domain_event.originator_id,
            originator_version=domain_event.originator_version,
            topic=type(domain_event).TOPIC,
            state=stored_state,
        )

    def to_domain_event(self, stored_event: StoredEvent) -> Any:  # noqa: ANN401 (library signature)
        """Decode a stored-event row into its typed event."""
        try:
            decoder = _DECODERS[stored_event.topic]
        except KeyError:
            msg = f"unknown event topic {stored_event.topic!r}"
            raise MapperDeserialisationError(msg) from None
        state = stored_event.state
        try:
            if self.cipher:
                state = self.cipher.decrypt(state)
            if self.compressor:
                state = self.compressor.decompress(state)
            event = decoder.decode(_with_row_fields(state, stored_event))
        except (msgspec.DecodeError, ValueError) as error:
            msg = (
                f"cannot decode event {stored_event.topic} "
                f"{stored_event.originator_id} v{stored_event.originator_version}: {error}"
            )
            raise MapperDeserialisationError(msg) from error
        return event


def _with_row_fields(state: bytes, stored_event: StoredEvent) -> bytes:
    """Splice the row's id and version back into the JSON (cheaper than a dict round trip)."""
    originator_id = stored_event.originator_id
    head = (
        b'{"originator_id":"'
        + str(originator_id).encode()
        + b'","originator_version":'
        + str(stored_event.originator_version).encode()
    )
    body = state.strip()
    if body == b"{}":
        return head + b"}"
    return head + b"," + body[1:]


def encode_json(value: object) -> bytes:
    """The one JSON encoding of every answer the ledger gives (stable field names)."""
    return _ENCODER.encode(value)
