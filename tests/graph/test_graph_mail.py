"""fetch_thread against a local stand-in for Graph's /v1.0/me/messages."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from fake_microsoft import FakeGraph, graph_message

from backend.graph.errors import ConversationNotFound, GraphError, GraphThrottled
from backend.graph.mail import fetch_thread

TOKEN = "graph-at-test-user"
# Real conversation ids are base64 and hold '/', '+' and '='; a quote must survive OData escaping.
CONVERSATION = "AAQkAGI2TG93AAAQAJ+u/Zk='x"
START = datetime.datetime(2025, 3, 3, 8, 0, tzinfo=datetime.UTC)


def thread_of(count: int, **kwargs: object) -> list[dict[str, object]]:
    return [
        graph_message(
            n,
            sender=f"Person {n}",
            received=START + datetime.timedelta(minutes=n),
            subject=f"SV: Ansökan {n}",
            text=f"Meddelande nummer {n}.",
            **kwargs,
        )  # type: ignore[arg-type]
        for n in range(count)
    ]


@pytest.fixture
def mailbox(graph: FakeGraph) -> Iterator[FakeGraph]:
    graph.mailboxes[TOKEN] = {CONVERSATION: thread_of(30), "other": thread_of(2)}
    yield graph


def test_a_thread_is_read_across_pages_oldest_first(mailbox: FakeGraph) -> None:
    messages = fetch_thread(TOKEN, CONVERSATION, graph_url=mailbox.url, page_size=25)
    assert [m.body for m in messages] == [f"Meddelande nummer {n}." for n in range(30)]
    assert [m.sender_name for m in messages][:2] == ["Person 0", "Person 1"]
    assert messages[0].sent_at == START and messages[0].subject == "SV: Ansökan 0"
    assert len(mailbox.requests) == 2  # 25 + 5, following @odata.nextLink
    assert mailbox.requests[1]["query"]["$skip"] == "25"


def test_a_usual_thread_takes_one_request(mailbox: FakeGraph) -> None:
    assert len(fetch_thread(TOKEN, CONVERSATION, graph_url=mailbox.url)) == 30
    assert len(mailbox.requests) == 1


def test_the_request_has_graphs_shape(mailbox: FakeGraph) -> None:
    fetch_thread(TOKEN, CONVERSATION, graph_url=mailbox.url)
    first = mailbox.requests[0]
    assert first["path"] == "/v1.0/me/messages"
    assert first["query"]["$filter"] == "conversationId eq 'AAQkAGI2TG93AAAQAJ+u/Zk=''x'"
    assert "$orderby" not in first["query"]
    assert {"body", "from", "receivedDateTime", "isDraft"} <= set(first["query"]["$select"].split(","))
    assert first["headers"]["Authorization"] == f"Bearer {TOKEN}"
    assert first["headers"]["Prefer"] == 'outlook.body-content-type="text"'


def test_the_thread_is_capped_to_the_newest_messages(graph: FakeGraph) -> None:
    graph.mailboxes[TOKEN] = {CONVERSATION: thread_of(80)}
    messages = fetch_thread(TOKEN, CONVERSATION, graph_url=graph.url, max_messages=50, page_size=20)
    assert len(messages) == 50
    assert messages[0].body == "Meddelande nummer 30." and messages[-1].body == "Meddelande nummer 79."
    assert len(graph.requests) == 3  # 20 + 20 + 20, the last page cut at the cap


def test_drafts_are_left_out(graph: FakeGraph) -> None:
    thread = thread_of(3)
    thread.append(
        graph_message(
            9,
            sender="Me",
            received=START + datetime.timedelta(hours=1),
            subject="SV: Ansökan",
            text="Utkast som inte skickats",
            draft=True,
        )
    )
    graph.mailboxes[TOKEN] = {CONVERSATION: thread}
    messages = fetch_thread(TOKEN, CONVERSATION, graph_url=graph.url)
    assert [m.body for m in messages] == ["Meddelande nummer 0.", "Meddelande nummer 1.", "Meddelande nummer 2."]


def test_an_html_body_is_turned_into_text(graph: FakeGraph) -> None:
    graph.honour_prefer = False
    html = (
        "<html><head><style>p {margin:0}</style></head><body><p>Hej Erik,</p><p>&nbsp;</p>"
        "<p>Bifogar beslutet &amp; underlaget.</p></body></html>"
    )
    graph.mailboxes[TOKEN] = {
        CONVERSATION: [graph_message(1, sender="Anna", received=START, subject="Beslut", text="", html=html)]
    }
    [message] = fetch_thread(TOKEN, CONVERSATION, graph_url=graph.url)
    assert message.body == "Hej Erik,\n\nBifogar beslutet & underlaget."


def test_an_unknown_conversation_is_not_found(mailbox: FakeGraph) -> None:
    with pytest.raises(ConversationNotFound):
        fetch_thread(TOKEN, "AAQkAGnothere=", graph_url=mailbox.url)


@pytest.mark.parametrize("status", [429, 503])
def test_throttling_carries_retry_after(mailbox: FakeGraph, status: int) -> None:
    mailbox.fail_next.append((status, {"Retry-After": "7"}, {"error": {"code": "TooManyRequests", "message": "x"}}))
    with pytest.raises(GraphThrottled) as caught:
        fetch_thread(TOKEN, CONVERSATION, graph_url=mailbox.url)
    assert caught.value.retry_after == 7.0
    assert caught.value.status == status


def test_throttling_on_a_later_page(mailbox: FakeGraph) -> None:
    mailbox.fail_next_page.append((429, {"Retry-After": "3"}, {"error": {"code": "TooManyRequests"}}))
    with pytest.raises(GraphThrottled) as caught:
        fetch_thread(TOKEN, CONVERSATION, graph_url=mailbox.url, page_size=25)
    assert caught.value.retry_after == 3.0
    assert len(mailbox.requests) == 2


@pytest.mark.parametrize(
    ("status", "code", "answer"),
    [(401, "graph_token_rejected", 502), (403, "graph_forbidden", 403), (500, "graph_failed", 502)],
)
def test_graph_refusals(mailbox: FakeGraph, status: int, code: str, answer: int) -> None:
    mailbox.fail_next.append((status, {}, {"error": {"code": "ErrorAccessDenied", "message": "anna@exempelby.se"}}))
    with pytest.raises(GraphError) as caught:
        fetch_thread(TOKEN, CONVERSATION, graph_url=mailbox.url)
    assert (caught.value.code, caught.value.status) == (code, answer)
    assert "anna" not in caught.value.description


def test_a_404_is_not_found(mailbox: FakeGraph) -> None:
    mailbox.fail_next.append((404, {}, {"error": {"code": "ResourceNotFound", "message": "x"}}))
    with pytest.raises(ConversationNotFound):
        fetch_thread(TOKEN, CONVERSATION, graph_url=mailbox.url)


def test_a_next_link_to_another_host_is_not_followed(mailbox: FakeGraph) -> None:
    elsewhere = FakeGraph()
    try:
        mailbox.next_link_base = elsewhere.url
        messages = fetch_thread(TOKEN, CONVERSATION, graph_url=mailbox.url, page_size=25)
        assert len(messages) == 25
        assert elsewhere.requests == []  # the bearer token never went there
    finally:
        elsewhere.close()


def test_an_unreachable_graph(graph: FakeGraph) -> None:
    url = graph.url
    graph.close()
    with pytest.raises(GraphError) as caught:
        fetch_thread(TOKEN, CONVERSATION, graph_url=url, timeout=2.0)
    assert caught.value.code == "graph_unreachable"


@pytest.mark.parametrize("bad", ["", "   ", "x" * 2000, "abc\ndef"])
def test_an_unusable_conversation_id(graph: FakeGraph, bad: str) -> None:
    with pytest.raises(ValueError):
        fetch_thread(TOKEN, bad, graph_url=graph.url)
    assert graph.requests == []


def test_plain_http_only_for_loopback() -> None:
    with pytest.raises(ValueError):
        fetch_thread(TOKEN, CONVERSATION, graph_url="http://graph.example.org")


def test_bodies_are_cut_before_parsing_each_and_in_total(graph: FakeGraph) -> None:
    """A mailbox's huge mails reach the parsers cut: each to its cap, all of them to the thread's."""
    huge = "Hej!\n" + "Mvh" + " " * 300_000 + "x\n"
    thread = thread_of(6)
    for item in thread:
        item["_text"] = huge
    graph.mailboxes[TOKEN] = {CONVERSATION: thread}
    messages = fetch_thread(TOKEN, CONVERSATION, graph_url=graph.url, max_body_chars=50_000,
                            max_thread_chars=120_000)
    # Newest first until the budget is spent: two whole (cut) bodies and a part of a third.
    assert [len(m.body) for m in messages] == [20_000, 50_000, 50_000]
    assert all(m.body.startswith("Hej!\nMvh") for m in messages)
    assert messages[-1].sent_at > messages[0].sent_at
    # Reading stopped once the budget was spent: the older messages were not asked for.
    assert sum(len(m.body) for m in messages) == 120_000


def test_html_bodies_are_cut_before_they_are_turned_into_text(graph: FakeGraph) -> None:
    graph.honour_prefer = False
    html = "<p>Hej Erik,</p>" + "<p>rad</p>" * 50_000
    graph.mailboxes[TOKEN] = {
        CONVERSATION: [graph_message(1, sender="Anna", received=START, subject="Beslut", text="", html=html)]
    }
    [message] = fetch_thread(TOKEN, CONVERSATION, graph_url=graph.url, max_body_chars=1_000)
    assert message.body.startswith("Hej Erik,")
    assert message.body.count("rad") < 1_000 // len("<p>rad</p>") + 1


def test_the_caps_are_settings() -> None:
    from backend.settings import ConfigError, load_settings

    dev = {"KOLLEGA_AUTH_MODE": "dev"}
    default = load_settings(dev)
    assert (default.graph_max_body_chars, default.graph_max_thread_chars) == (100_000, 400_000)
    settings = load_settings({**dev, "KOLLEGA_GRAPH_MAX_BODY_CHARS": "5000", "KOLLEGA_GRAPH_MAX_THREAD_CHARS": "20000"})
    assert (settings.graph_max_body_chars, settings.graph_max_thread_chars) == (5000, 20000)
    with pytest.raises(ConfigError, match="KOLLEGA_GRAPH_MAX_BODY_CHARS"):
        load_settings({**dev, "KOLLEGA_GRAPH_MAX_BODY_CHARS": "ten"})
