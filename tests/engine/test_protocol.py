"""The engine's wire format: every message survives its codec, and what is not a message is a clear error
that quotes nothing of what it was sent."""

from __future__ import annotations

import json
import time

import pytest

from backend.engine import ChatMessage, ErrorKind, Finished, GenerationRequest, Started, TokenText
from backend.engine.protocol import (
    FROM_RUNNER,
    TO_DISPATCHER,
    TO_RUNNER,
    TO_WORKER,
    VERSION,
    Cancel,
    Cancelled,
    Codec,
    ErrorReply,
    Generate,
    GenerateCall,
    LoadFailed,
    ProtocolError,
    Ready,
    RunFailed,
    RunFinished,
    RunnerState,
    RunStarted,
    StatusCall,
    StatusReply,
    Stop,
    Tokens,
    line,
)

CANARY = "Anna Kanarie 19121212-1212"

REQUEST = GenerationRequest(
    request_id="r1",
    messages=(ChatMessage("system", "Du är en skrivassistent."), ChatMessage("user", f"Sammanfatta: {CANARY}\n")),
    max_new_tokens=64,
    deadline=time.time() + 30,
    temperature=0.7,
)

# Every message of every hop, with the codec that carries it.
MESSAGES: list[tuple[Codec[object], object]] = [
    (TO_DISPATCHER, GenerateCall(REQUEST)),
    (TO_DISPATCHER, StatusCall()),
    (TO_WORKER, Started(12)),
    (TO_WORKER, TokenText(f"{CANARY} – åäö \"citat\"\n")),
    (TO_WORKER, Finished("length", 12, 64)),
    (TO_WORKER, ErrorReply(ErrorKind.BUSY, "Kollega is busy right now.", retry_after=7)),
    (TO_WORKER, ErrorReply(ErrorKind.FAILED, "Duplicate request id.")),
    (TO_WORKER, StatusReply(True, "model loaded", 1, 2, 4, 2048,
                            (RunnerState(True, 0, 4242), RunnerState(False, 3, None)), {"completed": 5, "busy": 1})),
    (TO_RUNNER, Generate(REQUEST)),
    (TO_RUNNER, Cancel("r1")),
    (TO_RUNNER, Stop()),
    (FROM_RUNNER, Ready(2048, 4242)),
    (FROM_RUNNER, LoadFailed("InvalidProtobuf: the model file is not ONNX")),
    (FROM_RUNNER, RunStarted("r1", 12)),
    (FROM_RUNNER, Tokens({"r1": f"{CANARY} ", "r2": "Hej"})),
    (FROM_RUNNER, RunFinished("r1", "stop", 12, 30)),
    (FROM_RUNNER, RunFailed("r1", ErrorKind.TOO_LONG, "The prompt is 9000 tokens.")),
    (FROM_RUNNER, Cancelled("r1")),
]


@pytest.mark.parametrize(("codec", "message"), MESSAGES, ids=lambda v: type(v).__name__)
def test_every_message_survives_its_codec(codec: Codec[object], message: object) -> None:
    data = codec.encode(message)
    assert codec.decode(data) == message
    # On the socket a message is one line: text with newlines in it must not split it.
    assert line(data).count(b"\n") == 1
    assert json.loads(data)["v"] == VERSION


def test_every_error_kind_travels() -> None:
    for kind in ErrorKind:
        reply = ErrorReply(kind, "detail", retry_after=None)
        assert TO_WORKER.decode(TO_WORKER.encode(reply)) == reply


def envelope(type_: str, **fields: object) -> bytes:
    return json.dumps({"v": VERSION, "type": type_, **fields}).encode()


BAD: list[tuple[Codec[object], bytes, str]] = [
    (TO_WORKER, f"{CANARY}".encode(), "not JSON"),
    (TO_WORKER, json.dumps([CANARY]).encode(), "not a JSON object"),
    (TO_WORKER, json.dumps({"type": "token", "text": CANARY}).encode(), "version missing or invalid"),
    (TO_WORKER, json.dumps({"v": CANARY, "type": "token", "text": "x"}).encode(), "version missing or invalid"),
    (TO_WORKER, json.dumps({"v": VERSION + 1, "type": "token", "text": CANARY}).encode(),
     f"version {VERSION + 1}; this side speaks version {VERSION}"),
    (TO_WORKER, envelope(CANARY, text="x"), "unknown message type"),
    # A message of the other direction is unknown here, too.
    (TO_WORKER, envelope("generate", request={}), "unknown message type"),
    (TO_WORKER, envelope("token"), "field text is missing"),
    (TO_WORKER, envelope("token", text=17), "token.text: should be a string"),
    (TO_WORKER, envelope("started", prompt_tokens=True), "should be an integer, not a boolean"),
    (TO_WORKER, envelope("started", prompt_tokens=3, **{CANARY: CANARY}), "1 unexpected field(s)"),
    (TO_WORKER, envelope("error", kind=CANARY, detail="d"), "error.kind: not a known ErrorKind"),
    (TO_WORKER, envelope("status", ready=True, detail="d", queue_depth=0, active=0, capacity=1, context_length=9,
                         runners=[{"ready": True, "restarts": 0, "pid": CANARY}], counters={}),
     "runners[].pid: should be an integer"),
    (TO_DISPATCHER, envelope("generate", request={"request_id": "r", "messages": [{"role": "user"}],
                                                  "max_new_tokens": 5, "deadline": 1.0}), "field content is missing"),
    (TO_DISPATCHER, envelope("generate", request={"request_id": "r", "messages": CANARY, "max_new_tokens": 5,
                                                  "deadline": 1.0}), "messages: should be a list"),
    (FROM_RUNNER, envelope("tokens", texts={"r1": 5}), "tokens.texts.r1: should be a string"),
    (FROM_RUNNER, envelope("tokens", texts=[CANARY]), "tokens.texts: should be an object"),
    (TO_RUNNER, envelope("cancel", request_id=None), "cancel.request_id: should be a string"),
]


@pytest.mark.parametrize(("codec", "data", "says"), BAD, ids=[b[2] for b in BAD])
def test_a_malformed_message_is_a_clear_error_that_quotes_nothing(codec: Codec[object], data: bytes,
                                                                 says: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        codec.decode(data)
    text = str(caught.value)
    assert says in text
    assert text.startswith(codec.hop)
    assert CANARY not in text and "Kanarie" not in text


def test_a_float_field_takes_a_whole_number() -> None:
    # JSON writers drop ".0"; a deadline of 1700000000 is still a deadline.
    data = envelope("generate", request={"request_id": "r", "messages": [], "max_new_tokens": 5, "deadline": 17})
    call = TO_DISPATCHER.decode(data)
    assert isinstance(call, GenerateCall)
    assert call.request.deadline == 17.0 and isinstance(call.request.deadline, float)


def test_only_protocol_messages_can_be_encoded() -> None:
    with pytest.raises(TypeError):
        TO_WORKER.encode(REQUEST)  # type: ignore[arg-type]
