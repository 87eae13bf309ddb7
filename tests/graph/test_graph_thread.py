"""strip_quoted and format_thread on realistic Swedish and English Outlook threads."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from backend.graph.errors import parse_retry_after
from backend.graph.html_text import html_to_text
from backend.graph.thread import ThreadMessage, format_thread, strip_quoted

SWEDISH_OUTLOOK_REPLY = """\
Hej Anna,

Tack för underlaget. Vi behöver det undertecknade beslutet senast fredag den 7 mars.

Med vänliga hälsningar

Erik Svensson
Handläggare
Bygg- och miljöförvaltningen, Exempelby kommun
Tel: 08-123 456 78
www.exempelby.se

<DISCLAIMER>

________________________________
Från: Anna Andersson <anna.andersson@exempelby.se>
Skickat: den 3 mars 2025 10:12
Till: Erik Svensson <erik.svensson@exempelby.se>
Kopia: Registrator <registrator@exempelby.se>
Ämne: Ansökan om bygglov, Storgatan 5

Hej Erik,

Här kommer ansökan.

Mvh Anna
""".replace(
    "<DISCLAIMER>",
    "När du skickar e-post till Exempelby kommun behandlar vi dina personuppgifter enligt "
    "dataskyddsförordningen. Läs mer på www.exempelby.se/personuppgifter",
)

ENGLISH_OUTLOOK_REPLY = """\
Hi Anna,

Thanks, the meeting is moved to Thursday 10:00.

Best regards
John Smith
Project manager | Example AB
+46 70 123 45 67

From: Anna Andersson <anna@example.com>
Sent: Monday, March 3, 2025 10:12 AM
To: John Smith <john@example.com>
Cc: Team <team@example.com>
Subject: Meeting

Hi John, can we meet on Wednesday?
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            SWEDISH_OUTLOOK_REPLY,
            "Hej Anna,\n\nTack för underlaget. Vi behöver det undertecknade beslutet senast fredag den 7 mars."
            "\n\nMed vänliga hälsningar",
            id="swedish-outlook",
        ),
        pytest.param(
            ENGLISH_OUTLOOK_REPLY,
            "Hi Anna,\n\nThanks, the meeting is moved to Thursday 10:00.\n\nBest regards",
            id="english-outlook",
        ),
        pytest.param(
            "Hej!\r\n\r\nDet går bra, vi ses då.\r\n\r\n"
            "Den mån 3 mars 2025 kl 10:12 skrev Anna Andersson <anna.andersson@exempelby.se>:\r\n\r\n"
            "> Hej,\r\n> Kan vi ses på tisdag?\r\n>\r\n> Anna\r\n",
            "Hej!\n\nDet går bra, vi ses då.",
            id="swedish-gmail-skrev",
        ),
        pytest.param(
            "Sounds good.\n\nOn Mon, 3 Mar 2025 at 10:12, Anna Andersson <\nanna@example.com> wrote:\n"
            "> Can we meet?\n>> Earlier question\n",
            "Sounds good.",
            id="english-wrote-wrapped",
        ),
        pytest.param(
            "3 mars 2025 kl. 10:12 skrev Anna Andersson <anna@exempelby.se>:\n> Hej\n",
            "",
            id="apple-mail-only-quote",
        ),
        pytest.param(
            "Jag skickar detta vidare till rätt handläggare.\n\n-----Ursprungligt meddelande-----\n"
            "Från: Kund <kund@example.se>\nSkickat: den 2 mars 2025 18:40\nTill: Registrator\nÄmne: Klagomål\n\n"
            "Jag vill klaga på bygglovet.\n",
            "Jag skickar detta vidare till rätt handläggare.",
            id="ursprungligt-meddelande",
        ),
        pytest.param(
            "Noted, thanks.\n\n-----Original Message-----\nFrom: Bob\nSent: 2 March 2025\nTo: Alice\n"
            "Subject: Report\n\nPlease find the report.\n",
            "Noted, thanks.",
            id="original-message",
        ),
        pytest.param(
            "Hello,\nsee the attached file.\n-- \nJohn Smith\nExample AB\n+46 8 123 45 67\n",
            "Hello,\nsee the attached file.",
            id="dash-dash-signature",
        ),
        pytest.param(
            "Ok, jag ringer dig imorgon.\n\nSkickat från min iPhone\n",
            "Ok, jag ringer dig imorgon.",
            id="mobile-footer",
        ),
        pytest.param(
            "Vi ses!\n\nMvh Anna\nAnna Andersson\nKommunikatör\n070-123 45 67\n",
            "Vi ses!\n\nMvh Anna",
            id="mvh-with-name",
        ),
        pytest.param(
            "Du får inte ofta e-post från kund@example.se. Läs om varför det här är viktigt"
            "<https://aka.ms/LearnAboutSenderIdentification>\n\nHej, jag undrar över min ansökan.\n\n"
            "Hälsningar\nKarin\n",
            "Hej, jag undrar över min ansökan.\n\nHälsningar",
            id="outlook-sender-banner",
        ),
        pytest.param(
            "Svar nedan.\n\nDen 3 mars 2025 kl. 10:12 skrev Anna Andersson <anna@exempelby.se>:\n"
            "> Kan du komma på mötet?\nJa, jag kommer.\n> Har du läst rapporten?\nInte än, jag läser den idag.\n",
            "Svar nedan.\n\nJa, jag kommer.\nInte än, jag läser den idag.",
            id="inline-reply-keeps-answers",
        ),
        pytest.param(
            "From: Anna Andersson Sent: Monday, March 3, 2025 10:12 To: John Subject: Meeting\n\nOld text\n",
            "",
            id="one-line-outlook-header",
        ),
    ],
)
def test_strip_quoted(body: str, expected: str) -> None:
    assert strip_quoted(body) == expected


def test_a_from_line_in_the_text_itself_is_kept() -> None:
    body = "From: our side, the answer is yes.\nWe will send the papers on Friday.\n"
    assert strip_quoted(body) == body.strip()


def test_a_sign_off_followed_by_real_text_is_not_a_signature() -> None:
    body = "Hälsningar\n" + "\n".join(f"Punkt {n}: vi behöver komplettera ansökan med ritning {n}." for n in range(20))
    assert strip_quoted(body) == body


def test_the_words_skrev_or_wrote_in_a_sentence_do_not_cut() -> None:
    body = "Som Anna skrev i förra veckan:\n- ritningar\n- intyg\n"
    assert strip_quoted(body) == body.strip()


def test_an_html_outlook_reply_end_to_end() -> None:
    html = (
        "<html><body><div class=WordSection1><p class=MsoNormal>Hej Anna,<o:p></o:p></p>"
        "<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Beslutet är fattat.<o:p></o:p></p>"
        "<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Vänliga hälsningar<br>Erik Svensson<br>"
        "Handläggare</p></div><hr style='display:inline-block;width:98%'><div id=divRplyFwdMsg>"
        "<b>Från:</b> Anna Andersson &lt;anna@exempelby.se&gt;<br><b>Skickat:</b> den 3 mars 2025 10:12<br>"
        "<b>Till:</b> Erik Svensson<br><b>Ämne:</b> Ansökan</div><div><p>Hej Erik, här är ansökan.</p></div>"
        "<blockquote><p>äldre citat</p></blockquote></body></html>"
    )
    assert strip_quoted(html_to_text(html)) == "Hej Anna,\n\nBeslutet är fattat.\n\nVänliga hälsningar"


def test_html_blockquotes_become_quoted_lines() -> None:
    text = html_to_text("<p>Mitt svar</p><blockquote><p>Din fråga</p><blockquote>Äldre</blockquote></blockquote>")
    assert text == "Mitt svar\n> Din fråga\n> > Äldre"
    assert strip_quoted(text) == "Mitt svar"


STOCKHOLM = ZoneInfo("Europe/Stockholm")


def message(minute: int, sender: str, subject: str, body: str) -> ThreadMessage:
    when = datetime.datetime(2025, 3, 3, 9, minute, tzinfo=datetime.UTC)
    return ThreadMessage(sender_name=sender, sent_at=when, subject=subject, body=body)


def test_format_thread_orders_and_labels_the_messages() -> None:
    thread = [
        message(30, "Erik Svensson", "SV: Ansökan om bygglov", SWEDISH_OUTLOOK_REPLY),
        message(12, "Anna Andersson", "Ansökan om bygglov", "Hej Erik,\n\nHär kommer ansökan.\n\nMvh Anna"),
        message(45, "Anna Andersson", "SV: Ansökan om bygglov – komplettering", "Jag skickar beslutet i dag."),
    ]
    assert format_thread(thread, zone=STOCKHOLM) == (
        "--- Meddelande 1 av 3 ---\n"
        "Från: Anna Andersson\n"
        "Datum: 2025-03-03 10:12\n"
        "Ämne: Ansökan om bygglov\n"
        "\n"
        "Hej Erik,\n\nHär kommer ansökan.\n\nMvh Anna\n"
        "\n"
        "--- Meddelande 2 av 3 ---\n"
        "Från: Erik Svensson\n"
        "Datum: 2025-03-03 10:30\n"
        "\n"
        "Hej Anna,\n\nTack för underlaget. Vi behöver det undertecknade beslutet senast fredag den 7 mars.\n\n"
        "Med vänliga hälsningar\n"
        "\n"
        "--- Meddelande 3 av 3 ---\n"
        "Från: Anna Andersson\n"
        "Datum: 2025-03-03 10:45\n"
        "Ämne: SV: Ansökan om bygglov – komplettering\n"
        "\n"
        "Jag skickar beslutet i dag."
    )


def test_format_thread_in_english_with_empty_and_unnamed_messages() -> None:
    thread = [message(0, "", "Re: Meeting", "> only a quote\n")]
    assert format_thread(thread, language="en", zone=datetime.UTC) == (
        "--- Message 1 of 1 ---\nFrom: (unknown sender)\nDate: 2025-03-03 09:00 UTC\nSubject: Re: Meeting\n\n"
        "(no text of its own)"
    )


def test_an_oldest_forward_keeps_the_forwarded_mail() -> None:
    forward = message(
        0,
        "Registrator",
        "VB: Klagomål",
        "För kännedom.\n\n-----Ursprungligt meddelande-----\nFrån: Kund\nSkickat: den 2 mars\nTill: Registrator\n"
        "Ämne: Klagomål\n\nJag vill klaga på bygglovet.",
    )
    reply = message(5, "Erik Svensson", "SV: VB: Klagomål", "Jag tar hand om det.\n\n" + forward.body)
    text = format_thread([reply, forward], zone=STOCKHOLM)
    assert text.count("Jag vill klaga på bygglovet.") == 1  # kept in the forward, stripped from the reply
    assert text.index("För kännedom.") < text.index("Jag vill klaga") < text.index("Jag tar hand om det.")


def test_retry_after_forms() -> None:
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    future = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=90)
    seconds = parse_retry_after(future.strftime("%a, %d %b %Y %H:%M:%S GMT"))
    assert seconds is not None and 80 <= seconds <= 91
