"""Names of people, found by rules: name lists, capitalisation, context words and coreference.

Swedish capitalises proper names and not common nouns, so a capitalised word that is neither a
common word nor an allowlisted place, organisation or medicine is a name candidate. Name lists,
context (greetings, titles, roles, sign-offs, headers) and mentions elsewhere in the text decide.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from ..base import Recognizer
from ..entities import Candidate
from ..lexicon import DATA, Lexicon, load_lexicon, parts
from ..names.features import Featurizer
from ..names.model import NameModel
from ..text import CAP_WORD_RE, LETTER, MARK, WORD_RE, Document, Word, normalize_word
from .email import find_emails

PARTICLES = frozenset(
    ("von", "van", "de", "la", "af", "der", "den", "di", "da", "del", "du", "le", "bin", "ibn", "al", "el", "ter",
     "ten", "zu", "dos", "das", "do", "della")
)

# Titles, roles and relations that stand right before a name ("sjuksköterska Anna", "min mamma Eva").
ROLES = tuple(line for line in (DATA / "roles.txt").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#"))
ROLE_WORDS = frozenset(ROLES)
_ROLE_ALT = "|".join(sorted((re.escape(r) for r in ROLES), key=len, reverse=True))

_ROLE_BEFORE = re.compile(rf"(?:^|[^\w])(?:{_ROLE_ALT})\.?(?:[ \t]*:)?[ \t]+$", re.I)
# A role right after the name: "Anna (sambo)", "Per Ek, god man".
_ROLE_AFTER = re.compile(rf"^[ \t]*(?:\(|,[ \t]*)(?:{_ROLE_ALT})\b", re.I)
# A name as the subject of a clause: "Thembeka bjuder på fika", "Olle ringde".
_VERB_AFTER = re.compile(
    r"^[ \t]+(?:är|var|har|hade|ska|skulle|kan|kunde|vill|ville|kommer|kom|ringde|ringer|säger|sa|sade|"
    r"tar|tog|går|gick|bor|bodde|behöver|behövde|får|fick|mår|mådde|jobbar|arbetar|bjuder|berättar|"
    r"berättade|menar|tycker|tyckte|önskar|undrar|undrade|svarar|svarade|skickar|skickade|skriver|skrev|"
    r"hämtar|hämtade|lämnar|lämnade|besöker|besökte|träffar|träffade|åker|åkte|följer|hjälper|slutar|"
    r"började|börjar|måste|brukar|verkar|känner|kände|minns|vet|visste|sover|sov|äter|åt|blev|blir|"
    r"själv|och[ \t]+jag|called|said|is|was|has|will)\b"
)
# Initials as a signature: "/A.B.", "/HL", "/ K-E".
_SLASH_INITIALS = re.compile(
    r"(?:^|(?<=\s))/[ \t]?([A-ZÅÄÖ](?:\.?[ \t]?-?[A-ZÅÄÖ]){0,3}\.?)(?=[ \t]*(?:\r?\n|$))"
)
_GREETING = re.compile(
    r"(?:^|[^\w])(?:hej|hejsan|hallå|hello|hi|hey|dear|kära|käre|bästa|tjena|tja|tjenare|hei|god morgon|"
    r"god dag|god kväll|grattis|tack|välkommen)[ \t]*[,!]?[ \t]*\Z",
    re.I,
)
_HEADER = re.compile(
    r"(?:^|\n)[ \t]*(?:från|from|till|to|kopia|cc|avsändare|mottagare|namn|name|sökande|patient|elev|"
    r"brukare|klient|kontakt|kontaktperson|handläggare|ansvarig|undertecknad|signatur|underskrift|"
    r"ombud|förälder|vårdnadshavare|deltagare|närvarande|frånvarande|kallade|sekreterare|justerare|"
    r"ordförande|barn|make|maka|sambo|mor|far|anmälare|anmäld|vittne|kontaktuppgifter|syskon|tolk|vikarie|"
    r"barnets namn|vid protokollet|antecknat av|antecknad av|dokumenterat av)"
    r"(?:[ \t]*\d)?[ \t]*:[ \t]*(?:[^\n]*[,;&][ \t]*|[^\n]*[ \t]och[ \t]+)?$",
    re.I,
)
_BY = re.compile(
    r"(?:bokad|bokat|skriven|skrivet|signerad|signerat|utförd|utfört|beslutad|beslutat|handlagd|"
    r"upprättad|upprättat|ifylld|registrerad|registrerat|godkänd|godkänt|attesterad|granskad|granskat|"
    r"dikterad|dikterat|journalförd|journalfört|inkommen|mottagen|anmäld|anmält|kontaktad|intervjuad|"
    r"sent|written|signed|approved)[ \t]+(?:av|by)[ \t]+$",
    re.I,
)
_SIGNOFF = re.compile(
    r"(?:^|[^\w])(?:mvh|m\.v\.h\.?|med vänlig(?:a)? hälsning(?:ar)?|vänlig(?:a)? hälsning(?:ar)?|"
    r"hälsningar|hälsning|kind regards|best regards|warm regards|regards|best wishes|cheers|thanks|"
    r"tack på förhand|tack och hälsningar|allt gott|ha det bra|ha det gott|hörs|kram|kramar)"
    r"[ \t]*[,.!]?[ \t]*(?:\r?\n[ \t]*){0,3}$",
    re.I,
)
_SLASH = re.compile(r"(?:^|\s)/[ \t]?$")
_CO = re.compile(r"c/o[ \t]+$", re.I)
# A company named after a family: "Ericsson Bygg AB", "Johansson & Partners Advokatbyrå".
_ORGANISATION_AFTER = re.compile(
    r"(?:[ \t]*&)?(?:[ \t]+[A-ZÅÄÖ][\w\-]*){0,3}[ \t]*(?:AB|HB|KB|Aktiebolag|Handelsbolag|Ltd|Inc|GmbH|Oy|ASA|"
    r"A/S|& Co|Partners|Advokatbyrå|Advokatfirma|Byrå|Konsult|Consulting|Fastigheter|Holding|Invest|Group|"
    r"Gruppen|Stiftelse|Stiftelsen|Åkeri|Entreprenad|Redovisning|Revision|Begravningsbyrå)\b"
)
# A car make: the capitalised word after it is a model ("Skoda Octavia", "Renault Zoe"), not a name.
CAR_MAKES = frozenset(w.casefold() for line in (DATA / "car_makes.txt").read_text(encoding="utf-8").splitlines()
                      if not line.startswith("#") for w in line.split())
# A name in the genitive before one of these names a place or an organisation ("Astrid Lindgrens
# barnsjukhus", "Stig Dagermans park"), and so does a compound on one ("Wallenbergskolan").
_INSTITUTION_AFTER = re.compile(
    r"[ \t\u00a0]+(?:barnsjukhus|sjukhus|skola|förskola|gymnasium|park|torg|plats|bibliotek|minnesfond|stiftelse|"
    r"museum|hus|väg|gata|allé|kyrka|kapell|gård|sal|center|centrum|värld|institut|vårdcentral|hemtjänst|"
    r"fond|pris|stipendium|minne|fritidsgård|äldreboende|boende|hem|vårdhem|bageri|konditori|restaurang|butik)"
    r"(?![\w])"
)
_INSTITUTION_END = re.compile(
    r"(?:skolan|gymnasiet|hemmet|sjukhuset|kliniken|gården|salen|parken|torget|institutet|akademin|kyrkan|"
    r"stiftelsen|biblioteket|museet|förskolan|boendet|huset|centret)$"
)
# A word before a room's name: "sal Nova", "rum Orion", "konferensrummet Linden".
_ROOM_BEFORE = frozenset(("sal", "salen", "rum", "rummet", "mötesrum", "mötesrummet", "konferensrum",
                          "konferensrummet", "lokal", "lokalen", "sankt", "s:t", "st"))
_CAP_AFTER = re.compile(r"(?:[ \u00a0][A-ZÅÄÖ][^\W\d_]*){1,4}")
_TRAILING_INITIAL = re.compile(r"[ \u00a0][A-ZÅÄÖ](?![\w\-&/])")
_DEFINITE = ("en", "et", "an", "na", "arna", "erna", "orna", "ns", "ts")
_SPEAKS_AFTER = re.compile(
    r"[ \t]+(?:ringde|ringer|undrar|undrade|säger|sa|sade|berättar|berättade|frågar|frågade|skrev|skriver|"
    r"hälsar|tycker|tyckte|svarade|svarar|meddelar|meddelade)\b"
)
# A verb in the present or past tense after a word ("Bardia samordnar", "Sasithorn pratade").
_TENSE_AFTER = re.compile(r"[ \t]+[a-zåäö]{2,}(?:ar|er|ade|de|te)\b")
_NOUN_ENDINGS = ("en", "et", "an", "na", "ning", "ingen", "het", "heten", "tion", "ande", "ende", "else", "skap")
_LINE_END = re.compile(r"[ \t]*+[!,.]?[ \t]*+(?:\r?\n|\Z)")  # possessive: linear on a run of spaces
_COMPOUND_AFTER = re.compile(r"-?[ \t\u00a0]*[^\W\d_]*-[a-zåäö]")
_MONTHS_SV = frozenset(("maj", "juni", "juli", "april", "augusti", "mars", "september", "oktober"))
# Street names ("Kyrkogatan", "Sjövägen") are never a person's name, whatever the lists say.
_STREET_ENDINGS = ("gatan", "vägen", "stigen", "gränd", "torget", "backen", "allén", "leden", "platsen", "stråket",
                   "gången", "slingan", "ringen")
_JOIN_BEFORE = re.compile(r"(?:[ \t]+och[ \t]+|,[ \t]*)$")
_JOIN_AFTER = re.compile(r"(?:[ \t]+och[ \t]+|,[ \t]*)")
_PLAIN_WORD = re.compile(rf"{LETTER}(?:{LETTER}|{MARK})*")
_PARTICLE_GAP = re.compile(
    r"(?:[ \u00a0](?:von|van|de|la|af|der|den|di|da|del|du|le|bin|ibn|al|el|ter|ten|zu|dos|das|do|della)){1,3}[ \u00a0]"
)
# Text with a sentence or line that starts in lower case: chat, quick notes.
_CHAT_LIKE = re.compile(r"(?:^|[.!?][ \t]+|\n[ \t]*)[a-zåäö]")
_LOCAL_SPLIT = re.compile(r"[._\-]")
_GREETING_WORDS = frozenset((
    "hej", "hejsan", "hallå", "hello", "hi", "hey", "dear", "kära", "käre", "bästa", "tjena", "tja", "tjenare",
    "hei", "morgon", "dag", "kväll", "grattis", "tack", "välkommen",
))
_SIGNOFF_WORDS = frozenset((
    "mvh", "h", "hälsning", "hälsningar", "regards", "wishes", "cheers", "thanks", "förhand", "gott", "bra",
    "hörs", "kram", "kramar",
))
# Before a lone unknown capitalised word these mean a person more often than not ("med Chidimma").
_PERSON_PREPOSITION = frozenset(("med", "åt", "hos", "av", "för", "enligt", "and", "with", "from", "to"))
# English month names that are also given names, and the words that make them months.
_MONTH_NAMES = frozenset(("april", "may", "june", "july", "august"))
_MONTH_BEFORE = frozenset(("in", "of", "since", "until", "till", "before", "after", "during", "by", "early", "late",
                           "mid", "next", "last", "this", "from", "to", "through", "between", "and"))
_NUMBER_AFTER = re.compile(r"[ \t]+\d")
_PLACE_PREPOSITION = frozenset(
    ("i", "på", "vid", "från", "till", "mot", "över", "genom", "utanför", "in", "kring", "nära", "via", "mellan")
)
# Endings that mark a word as a family name even when no list has it (Lindqvist, Jovanović).
_SURNAME_END = re.compile(
    r"(?:sson|son|berg|ström|qvist|kvist|quist|gren|lund|holm|dahl|stedt|ander|ell|ius|éus|lin|lind|"
    r"bäck|sjö|fors|hammar|feldt|felt|vall|blad|mark|löf|ovic|ović|ević|vić|ić|ski|ska|wicz|czyk|enko|"
    r"yan|zadeh|pour|oglu|oğlu|escu)$"
)

# The model's confidence needed for one word alone at the start of a sentence, where ordinary words
# have capitals too (its other spans need names.model.THRESHOLD).
SOLO_START_THRESHOLD = 0.8
# Distinct capitalised spellings whose class is kept: a few MB at most.
CLASS_CACHE = 20_000
# At most this many words left open per text go to the model: a 200 000-character case note has a
# few hundred; pathological input has tens of thousands.
MAX_MODEL_TRIGGERS = 5000
# No name part is longer: longer words are not scanned as names or compounds.
MAX_NAME = 40
# Longer runs of capitalised words are headlines or text in capitals: no name has more parts.
MAX_RUN = 8
STRONG, AMBIGUOUS, UNKNOWN, COMMON, BLOCKED, PARTICLE, INITIAL = "S", "A", "U", "C", "X", "P", "I"


@dataclass(slots=True)
class _Tok:
    """A word with its class for the name rules."""

    word: Word
    cls: str
    norm: str  # genitive stripped where the stem is the name
    first: bool
    genitive: int  # letters of a genitive ending to leave out of the name ("Annas", "Rahimi's")
    sentence_start: bool


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0\"'«»“”‘’([*•-–>":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\r"


class PersonRecognizer(Recognizer):
    """Rules for names; mentions of a found name elsewhere in the text are masked too."""

    entity_type = "PERSON"
    name = "person"

    def __init__(self, lexicon: Lexicon | None = None, *, load_model: bool = True) -> None:
        self.lex = lexicon or load_lexicon()
        self._phrase_starts = frozenset(p[0] for p in self.lex.allow_phrases)
        # Shared by threads: a dict get or set is atomic, and a lost insert only costs a recomputation.
        self._classes: dict[str, tuple[str, str, str, bool, int]] = {}
        allow = self.lex.allow_words
        self.featurizer = Featurizer(self.lex, self.word_class, ROLE_WORDS, allow.__contains__)
        # The trained model judges the words the rules leave open (names/model.py); training builds a
        # recognizer without it.
        self.model = NameModel(self.featurizer) if load_model else None

    # -- classification -------------------------------------------------------------------

    def _phrase_at(self, text: str, w: Word) -> int:
        """End offset of an allowlisted phrase starting at this word ("Region Halland"), or -1."""
        lex = self.lex
        words = [w.norm]
        pos, best = w.end, -1
        while len(words) < lex.max_phrase:
            # Plain words: "Lex Sarah-rapportering" holds the phrase "Lex Sarah".
            m = _PLAIN_WORD.search(text, pos, pos + 40)
            if not m or text[pos:m.start()].strip(" \u00a0-&"):
                break
            words.append(normalize_word(m.group()))
            pos = m.end()
            if tuple(words) in lex.allow_phrases:
                best = pos
        return best

    def _name_info(self, norm: str) -> tuple[bool, bool]:
        """(is a name, is a first name) for a word or all parts of a hyphenated one."""
        lex = self.lex
        if norm in lex.first_names:
            return True, True
        if norm in lex.last_names:
            return True, False
        pieces = parts(norm)
        if (len(pieces) > 1 and all(lex.is_name(p) or _SURNAME_END.search(p) for p in pieces)
                and any(lex.is_name(p) for p in pieces)):
            return True, all(p in lex.first_names for p in pieces)
        return False, False

    def _compound(self, norm: str) -> bool:
        """A compound of common words ("kundtjänst", "bygglov", "kostnadsställe"), not a name.

        Tails that are surname morphemes (-ström, -berg, -lund) are not counted: Sandström is a name.
        """
        lex = self.lex
        if len(norm) < 6 or len(norm) > MAX_NAME or not norm.isalpha():
            return False
        # Heads of at least four letters: "Bardia" (bar + dia) is a name, not a compound.
        for i in range(4, len(norm) - 2):
            head, tail = norm[:i], norm[i:]
            if tail not in lex.common or lex.is_name(tail) or _SURNAME_END.search(tail):
                continue
            if head.endswith("s") and len(tail) <= 3:
                continue  # "fars" + "hid": a joint s before a three-letter word is how names split
            if head in lex.common or (head.endswith("s") and len(head) > 4 and head[:-1] in lex.common):
                return True
        return False

    def _lower_tokens(self, doc: Document) -> list[_Tok]:
        """Lower-case words that are names, and initials ("j."), in chat-like text only.

        In text whose sentences start with capitals a lower-case name is rare, and skipping the scan
        of every lower-case word halves the time the name rules take.
        """
        text, lex = doc.text, self.lex
        if not _CHAT_LIKE.search(text):
            return []
        toks: list[_Tok] = []
        for m in WORD_RE.finditer(text):
            raw = m.group()
            if not raw[0].islower():
                continue
            norm = raw if raw.isalpha() and raw.islower() else normalize_word(raw)
            if (len(raw) == 1 and text.startswith(".", m.end())) or norm in lex.first_names \
                    or norm in lex.last_names:
                toks.append(_Tok(Word(m.start(), m.end(), raw, norm), "L", norm, False, 0, False))
            elif len(norm) > 3 and norm.endswith("s") and norm[:-1] in lex.first_names and norm not in lex.common:
                # "kan nån ta filippas tid": a given name in the genitive
                stem = norm[:-1]
                toks.append(_Tok(Word(m.start(), m.end(), raw, stem), "L", stem, False, 1, False))
        return toks

    def _word_class(self, raw: str) -> tuple[str, str, str, bool, int]:
        """(norm, class, key, first, genitive) of a capitalised word, before context.

        Cached per spelling: the same words come back in every text, and the lookups behind a class
        (name lists, hyphen parts, genitives, compounds) are most of the rules' time.
        """
        cached = self._classes.get(raw)
        if cached is not None:
            return cached
        lex = self.lex
        norm = normalize_word(raw)
        is_name, first = self._name_info(norm)
        genitive = 0
        if not is_name and norm.endswith(("'s", "’s")):
            genitive = 2  # English genitive: "Dr. Rahimi's office"
            is_name, first = self._name_info(norm[:-2])
        elif not is_name and norm.endswith("s") and norm not in lex.common:
            is_name, first = self._name_info(norm[:-1])
            genitive = 1 if is_name else 0  # Swedish genitive: "Annas", "Svenssons"
            if not is_name and norm[:-1] in lex.common:
                genitive = -1  # the genitive of an ordinary word: "Barnets", "Kommunens"
        common = norm in lex.common or norm in ROLE_WORDS or genitive == -1
        genitive = max(genitive, 0)
        key = norm[:-genitive] if genitive else norm
        tail = raw.rsplit("-", 1)[-1] if "-" in raw else ""
        if tail[:1].islower():
            cls = COMMON  # a compound on a proper noun: "Chromebook-användning", "Sarah-rapportering"
        elif len(raw) > 1 and raw.isupper():
            # An acronym (LOU, SFS, AB), or a name in capitals: that needs a second name beside it.
            cls = AMBIGUOUS if is_name else BLOCKED
        elif norm in ROLE_WORDS:
            cls = COMMON
        elif norm in lex.allow_words:
            # "Siri" is a name and an assistant; "Parkinsons" is no genitive of a name.
            cls = AMBIGUOUS if is_name and not genitive else BLOCKED
        elif is_name:
            cls = AMBIGUOUS if common else STRONG
        elif common or norm.endswith(_STREET_ENDINGS) or self._compound(norm):
            cls = COMMON
        elif norm in PARTICLES:
            cls = PARTICLE  # "Tran Van Minh": a capitalised particle
        else:
            cls = UNKNOWN
        result = (norm, cls, key, first, genitive)
        if len(self._classes) < CLASS_CACHE:
            self._classes[raw] = result
        return result

    def word_class(self, raw: str) -> str:
        """The rules' class of a capitalised word before context: S, A, U, C, X, or K for a word that
        is ordinary only by its shape (a compound, a street ending): "Farshid" reads as fars + hid."""
        norm, cls, *_ = self._word_class(raw)
        return "K" if cls == COMMON and norm not in self.lex.common and norm not in ROLE_WORDS else cls

    def _classify(self, doc: Document, hints: frozenset[str]) -> list[_Tok]:
        """Tokens for capitalised words.

        Lower-case words are left out: the gap text between two tokens shows they were there.
        """
        text = doc.text
        toks: list[_Tok] = []
        blocked_until = -1
        after_make = -1
        for m in CAP_WORD_RE.finditer(text):
            raw = m.group()
            start, end = m.span()
            if len(raw) == 1:
                cls = INITIAL if text.startswith(".", end) else BLOCKED
                toks.append(_Tok(Word(start, end, raw, raw.lower()), cls, raw.lower(), False, 0,
                                 _sentence_start(text, start)))
                continue
            norm, cls, key, first, genitive = self._word_class(raw)
            w = Word(start, end, raw, norm)
            if norm in self._phrase_starts and start >= blocked_until:
                blocked_until = max(blocked_until, self._phrase_at(text, w))
            if key in hints:
                cls = STRONG
            elif start < blocked_until or start == after_make or text[max(0, start - 4):start].lower() == "lex ":
                cls = BLOCKED  # inside "Region Halland", "Lex Maria", after "Skoda": a name there names no person
            if norm in CAR_MAKES:
                cls, after_make = BLOCKED, end + 1
            toks.append(_Tok(w, cls, key, first, genitive, _sentence_start(text, start)))
        doc.cache["person.tokens"] = toks
        return toks

    # -- runs of capitalised words --------------------------------------------------------

    def _runs(self, doc: Document, toks: list[_Tok]) -> Iterator[list[_Tok]]:
        text = doc.text
        run: list[_Tok] = []
        for t in toks:
            if run:
                prev = run[-1]
                gap = text[prev.word.end:t.word.start]
                joined = gap in (" ", "\u00a0") or (prev.cls == INITIAL and gap in (".", ". ", ".\u00a0", ".-"))
                if not joined and _PARTICLE_GAP.fullmatch(gap):
                    # "Carl von Essen", "Maria de la Cruz": the particles join the run.
                    for pm in WORD_RE.finditer(gap):
                        pw = Word(prev.word.end + pm.start(), prev.word.end + pm.end(), pm.group(), pm.group())
                        run.append(_Tok(pw, PARTICLE, pm.group(), False, 0, False))
                    joined = True
                if not joined:
                    yield run
                    run = []
            if t.cls == PARTICLE and not run:
                continue
            run.append(t)
        if run:
            yield run

    @staticmethod
    def _split(run: list[_Tok]) -> Iterator[list[_Tok]]:
        part: list[_Tok] = []
        for t in run:
            if t.cls == BLOCKED:
                if part:
                    yield part
                part = []
            else:
                part.append(t)
        if part:
            yield part

    def _context(self, text: str, start: int) -> bool:
        """Whether a greeting, role, header, sign-off or "bokad av" stands right before."""
        before = text[max(0, start - 80):start]
        stripped = before.rstrip(" \t")
        end = stripped[-1:]
        last = _last_word(stripped.rstrip(".,!:"))
        # Each pattern ends in known words or characters: test those first, the regex only then.
        return bool(
            (last in ROLE_WORDS and _ROLE_BEFORE.search(before))
            or (last in _GREETING_WORDS and _GREETING.search(before))
            or ((end in (":", ",") or last == "och") and _HEADER.search(before))
            or (last in ("av", "by") and _BY.search(before))
            or ((end == "\n" or last in _SIGNOFF_WORDS) and _SIGNOFF.search(before))
            or (end == "/" and _SLASH.search(before))
            or (last == "o" and _CO.search(before))
        )

    def _decide(self, doc: Document, part: list[_Tok]) -> list[_Tok] | None:
        """The tokens of this run that are a person's name, or None."""
        text = doc.text
        trigger = False
        if len(part) == 1 and part[0].cls == COMMON and (self._signature(text, part[0])
                                                         or self._nickname_speaks(text, part[0])):
            return part

        # Leading common words are not part of a name; a role among them is context ("Mentor Göran Blom").
        lead = 0
        while lead < len(part) and part[lead].cls in (COMMON, PARTICLE):
            head = part[lead]
            nxt = part[lead + 1] if lead + 1 < len(part) else None
            if (head.norm in self.lex.first_names and nxt is not None and nxt.cls in (STRONG, AMBIGUOUS, UNKNOWN)
                    and nxt.norm in self.lex.last_names):
                head.cls, head.first = AMBIGUOUS, True  # "Bror Lindholm": the role word is his name
                break
            trigger = trigger or head.norm in ROLE_WORDS
            lead += 1
        part = part[lead:]
        while part and part[-1].cls == PARTICLE:
            part.pop()
        if not part:
            return None
        trigger = trigger or self._context(text, part[0].word.start)
        # Cut at a common word unless it follows a first name and is rare enough to be a surname
        # ("Thomas Gren"), or a context word said a name comes.
        kept = [part[0]]
        for t in part[1:]:
            if t.cls == COMMON and not trigger:
                prev = kept[-1]
                if prev.cls == PARTICLE:
                    kept.append(t)  # "von Essen": after a particle comes a family name
                    continue
                if not (prev.first and prev.cls in (STRONG, AMBIGUOUS) and t.norm not in self.lex.top_common
                        and t.norm not in ROLE_WORDS and "-" not in t.norm):
                    break
            kept.append(t)
        while kept and kept[-1].cls == PARTICLE:
            kept.pop()
        if not kept:
            return None
        classes = [t.cls for t in kept]
        names = [t for t in kept if t.cls in (STRONG, AMBIGUOUS, UNKNOWN)]
        if not names:
            if trigger and all(c == INITIAL for c in classes) and (
                _SLASH.search(text[max(0, kept[0].word.start - 3):kept[0].word.start])
                or _SIGNOFF.search(text[max(0, kept[0].word.start - 80):kept[0].word.start])
            ):
                return kept
            return None
        if len(names) == 1 and not names[0].first and _ORGANISATION_AFTER.match(text, kept[-1].word.end):
            return None  # a family name in a company name; with a given name it would still be a person
        if trigger:
            return kept if any(t.cls != COMMON for t in kept) else None
        if INITIAL in classes:
            return kept
        if len(names) >= 2:
            return kept
        only = names[0]
        prev_word = self._previous_word(doc, only.word.start)
        if only.norm in _MONTH_NAMES and (prev_word in _MONTH_BEFORE or prev_word.isdigit()
                                          or _NUMBER_AFTER.match(text, only.word.end)):
            return None  # "in August", "15 May", "June 2024": an English month
        if only.norm in _MONTHS_SV or (prev_word == "i" and not only.first and only.cls != UNKNOWN):
            return None  # "Maj är en intensiv månad", "möte i Linden": a month, a room
        if STRONG in classes:
            return kept
        if not only.word.raw[1:].islower():
            return None  # "SoL", "McKinsey": an abbreviation or a brand, unless context says more
        if prev_word.isdigit() or prev_word in _PLACE_PREPOSITION:
            return None  # "15 May", "i Berg"
        after = text[kept[-1].word.end:kept[-1].word.end + 40]
        if _ROLE_AFTER.match(after):
            return kept
        if (only.cls == UNKNOWN or (only.cls == AMBIGUOUS and only.first)) and _VERB_AFTER.match(after):
            return kept
        if only.sentence_start:
            return None
        if only.cls == AMBIGUOUS and only.norm not in self.lex.allow_words and not only.word.upper:
            return kept if only.first or only.norm not in self.lex.top_common else None
        if len(only.norm) <= 3 and _NUMBER_AFTER.match(text, only.word.end):
            return None  # "enligt Dnr 2024/12": an abbreviation before its number
        if only.cls == UNKNOWN and (_SURNAME_END.search(only.norm) or prev_word in _PERSON_PREPOSITION):
            return kept
        return None

    def _signature(self, text: str, tok: _Tok) -> bool:
        """A word lists call ordinary, alone after a greeting or as a signature ("Hej Danne!", "/Kenta",
        "Mvh\nPutte"): a nickname, unless it is an everyday word."""
        start = tok.word.start
        return bool(
            tok.norm not in self.lex.top_common and tok.norm not in ROLE_WORDS and "-" not in tok.norm
            and _LINE_END.match(text, tok.word.end)
            and (_SLASH.search(text[max(0, start - 3):start])
                 or _SIGNOFF.search(text[max(0, start - 80):start])
                 or _GREETING.search(text[max(0, start - 20):start]))
        )

    def _start_trigger(self, doc: Document, t: _Tok) -> bool:
        """Whether a capitalised word opening a sentence may be a name worth the model's time."""
        norm, text = t.norm, doc.text
        if norm in self.lex.top_common:
            return False  # "Den", "Vi"; "Dag har" and "Vilja har" are the rules' (a name and a verb)
        if t.cls in (STRONG, AMBIGUOUS, INITIAL) or _CAP_AFTER.match(text, t.word.end):
            return True
        if norm.endswith(_NOUN_ENDINGS):
            return False  # "Samverkan", "Medarbetarenkäten", "Planeringen": nouns in the definite form
        return self._solo_start_support(doc, t.word.start, t.word.end)

    def _solo_start_support(self, doc: Document, start: int, end: int) -> bool:
        """What makes one capitalised word opening a sentence a name: a name list, a verb after it
        ("Abdiwali ringde"), or a greeting, sign-off, header or "/" before it."""
        text = doc.text
        norm = normalize_word(text[start:end].rstrip("."))
        if self.lex.is_name(norm) or (end - start <= 3 and text[start:end].isupper()):
            return True
        return bool(_VERB_AFTER.match(text, end) or _SPEAKS_AFTER.match(text, end) or _TENSE_AFTER.match(text, end)
                    or self._context(text, start))

    def _compound_support(self, doc: Document, start: int, end: int, found: list[tuple[int, int]]) -> bool:
        """What makes a word that reads as a compound ("Farshid": fars + hid) a name: a verb after it,
        "med", "hos" or "för" before it, a header, or a found name joined to it by "och" or a comma."""
        text = doc.text
        if _VERB_AFTER.match(text, end) or _SPEAKS_AFTER.match(text, end):
            return True
        if self._previous_word(doc, start) in _PERSON_PREPOSITION or _HEADER.search(text[max(0, start - 80):start]):
            return True
        before = _JOIN_BEFORE.search(text, max(0, start - 8), start)
        after = _JOIN_AFTER.match(text, end)
        ends = {e for _, e in found}
        starts = {s for s, _ in found}
        return bool((before and before.start() in ends) or (after and after.end() in starts))

    @staticmethod
    def _initials_place(text: str, start: int, end: int) -> bool:
        """Where two or three capitals are initials: after "/", ":" or "Sign.", or alone at a line's end
        ("/AK", "Antecknat av: FA", "Sign. LG"); elsewhere they are an acronym ("enligt LOU")."""
        before = text[max(0, start - 8):start].rstrip(" \t\u00a0")
        return (not before or before[-1] in "/:.\n") or bool(_LINE_END.match(text, end))

    def _nickname_speaks(self, text: str, tok: _Tok) -> bool:
        """A rare word with a capital, without a definite ending, that rings, asks or says something
        ("Kenta undrar", "Danne ringde"): a nickname the word lists hold by mistake. "Skolan ringde"
        and "Kommunen undrar" have a definite ending."""
        norm = tok.norm
        return bool(
            norm not in self.lex.top_common and norm not in ROLE_WORDS and "-" not in norm and len(norm) >= 3
            and tok.word.raw[1:].islower() and not norm.endswith(_DEFINITE) and _SPEAKS_AFTER.match(text, tok.word.end)
        )

    @staticmethod
    def _previous_word(doc: Document, start: int) -> str:
        return _last_word(doc.text[max(0, start - 30):start].rstrip(" \t\u00a0.,;:!?()\"'-–/"))

    # -- lower-case names in chat-like text -----------------------------------------------

    def _lowercase(self, doc: Document, toks: list[_Tok]) -> Iterator[list[_Tok]]:
        lex, text = self.lex, doc.text
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.cls == "L" and len(t.norm) == 1 and i + 1 < len(toks):
                after = toks[i + 1]
                if (after.cls == "L" and lex.is_name(after.norm) and after.norm not in lex.common
                        and text[t.word.end:after.word.start] in (". ", ".")):
                    yield [t, after]
                    i += 2
                    continue
            if t.cls == "L" and len(t.norm) >= 3 and lex.is_name(t.norm) and t.norm not in lex.allow_words:
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                surname = (nxt is not None and nxt.cls == "L" and nxt.norm in lex.last_names
                           and nxt.norm not in lex.common and text[t.word.end:nxt.word.start] == " ")
                if t.norm not in lex.common and t.norm in lex.first_names:
                    group = [t, nxt] if surname and nxt is not None else [t]
                elif surname and nxt is not None and t.norm in lex.first_names:
                    group = [t, nxt]  # "hans lindström": the surname vouches for the first name
                elif t.norm not in lex.common and t.norm in lex.last_names and _SURNAME_END.search(t.norm):
                    group = [t]
                else:
                    i += 1
                    continue
                yield group
                i += len(group)
                continue
            i += 1

    # -- the recognizer -------------------------------------------------------------------

    def _hints(self, doc: Document) -> frozenset[str]:
        """Name parts spelled by e-mail local parts (anna.svensson@...): evidence for the same words."""
        found: set[str] = set()
        for start, at, _end in find_emails(doc.text):
            pieces = _LOCAL_SPLIT.split(doc.text[start:at])
            if 2 <= len(pieces) <= 3 and all(p.isalpha() and len(p) >= 2 for p in pieces):
                normed = [p.casefold() for p in pieces]
                lex = self.lex
                if any(lex.is_name(p) for p in normed):
                    found.update(p for p in normed if p not in lex.top_common)
                else:
                    # "sasithorn.thongdee@": two parts that are no ordinary word, place or organisation
                    # spell a name that no list has.
                    found.update(p for p in normed if len(p) >= 3 and p not in lex.common
                                 and p not in lex.allow_words and not self._compound(p))
        return frozenset(found)

    def find(self, doc: Document) -> Iterator[Candidate]:
        toks = self._classify(doc, self._hints(doc))
        found: list[Candidate] = []
        rejected: list[list[_Tok]] = []
        for run in self._runs(doc, toks):
            if len(run) > MAX_RUN:
                continue  # a headline in title case or a line in capitals, not a name
            if self.names_a_thing(doc.text, run[0].word.start, run[-1].word.end):
                continue
            for part in self._split(run):
                kept = self._decide(doc, part)
                if kept:
                    found.append(self._candidate(doc, kept, 0.8))
                elif any(t.cls in (UNKNOWN, AMBIGUOUS, STRONG) for t in part):
                    rejected.append(part)
        found.extend(list(self._coordinated(doc, found, rejected)))
        lower = self._lower_tokens(doc)
        for group in self._lowercase(doc, lower):
            found.append(self._candidate(doc, group, 0.6))
        for m in _SLASH_INITIALS.finditer(doc.text):
            key = (re.sub(r"[^\w]", "", m.group(1)).casefold(),)
            found.append(Candidate(m.start(1), m.end(1), self.entity_type, 0.7, key, source=self.name))
        if self.model is not None:
            found.extend(self._model_candidates(doc, toks, lower, found))
        found = self._join_display_names(doc.text, found)
        for c in found:
            initial = _TRAILING_INITIAL.match(doc.text, c.end)
            if initial:
                c.end = initial.end()  # "Mikaela H", "Pekka S.": the initial of the family name belongs to the name
        yield from found

    def _join_display_names(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """Outlook's "Lindholm, Karin": a family name, a comma and a given name are one person, one placeholder."""
        if len(found) < 2:
            return found
        ordered = sorted(found, key=lambda c: (c.start, c.end))
        out: list[Candidate] = []
        for c in ordered:
            prev = out[-1] if out else None
            if (prev is not None and text[prev.end:c.start] == ", " and len(prev.key) == 1 and len(c.key) == 1
                    and prev.key[0] not in self.lex.first_names and c.key[0] in self.lex.first_names
                    and "\n" not in text[prev.start:c.end]):
                out[-1] = Candidate(prev.start, c.end, self.entity_type, max(prev.score, c.score),
                                    (c.key[0], prev.key[0]), None, prev.source)
                continue
            out.append(c)
        return out

    def names_a_thing(self, text: str, start: int, end: int) -> bool:
        """Whether the capitalised words in text[start:end] name a place, an organisation or a room.

        "Astrid Lindgrens barnsjukhus", "Raoul Wallenbergskolan", "Carl Larsson-gården", "sal Nova",
        "Sankt Görans": what stands around a name says it is not a person.
        """
        # The whole run of capitalised words counts: "Ester Blenda Nordströms skola".
        more = _CAP_AFTER.match(text, end)
        if more:
            end = more.end()
        words = text[start:end].split()
        if not words:
            return False
        last = words[-1]
        if "-" in last and last.rsplit("-", 1)[1][:1].islower():
            return True
        if _COMPOUND_AFTER.match(text, end):
            return True  # "Ingrid Marie-gården" where the name stops before the compound
        for w in words:
            norm = normalize_word(w)
            if len(norm) > 9 and _INSTITUTION_END.search(norm) and not self.lex.is_name(norm):
                return True
        if last.endswith(("s", "s'")) and _INSTITUTION_AFTER.match(text, end):
            return True
        if any(normalize_word(w) in _ROOM_BEFORE for w in words[:-1]):
            return True  # "Sal Nova" at the start of a sentence
        return _last_word(text[max(0, start - 30):start].rstrip(" \t\u00a0")) in _ROOM_BEFORE

    def _model_candidates(self, doc: Document, toks: list[_Tok], lower: list[_Tok],
                          found: list[Candidate]) -> Iterator[Candidate]:
        """Names the trained model finds around the words the rules left open."""
        assert self.model is not None
        covered = merged_spans(found)
        lex = self.lex
        by_start = {t.word.start: t for t in toks}
        # Open: a name-like word, an ordinary word with a capital where a sentence does not start
        # (wordfreq lists nicknames such as "Danne" as words),
        # a short run of capitals ("AK"); one opening a sentence only before a verb ("Kenta ringde").
        # A short word before a number is an abbreviation ("BG 5050-1055", "Dnr 2024/12").
        triggers = [t.word.start for t in toks
                    if (t.cls in (STRONG, AMBIGUOUS, UNKNOWN, INITIAL)
                        or (t.cls == COMMON and t.norm not in lex.common and not t.sentence_start
                            and len(t.norm) <= MAX_NAME)
                        or (t.cls == COMMON and t.norm in lex.common and t.norm not in lex.top_common
                            and t.norm not in ROLE_WORDS and "-" not in t.norm and len(t.norm) > 2
                            and (not t.sentence_start or bool(_VERB_AFTER.match(doc.text, t.word.end))))
                        or (t.cls == BLOCKED and t.word.raw.isupper() and 2 <= len(t.word.raw) <= 3
                            and t.norm not in CAR_MAKES and t.norm not in lex.allow_words))
                    and not _inside(covered, t.word.start, t.word.end)
                    and not (len(t.word.raw) <= 3 and _NUMBER_AFTER.match(doc.text, t.word.end))
                    and not (t.word.upper and len(t.word.raw) <= 3
                             and not self._initials_place(doc.text, t.word.start, t.word.end))]
        # A word opening a sentence goes to the model only with a reason to think it a name: most
        # capitalised words in prose open a sentence ("Samverkan sker", "Den").
        triggers = [pos for pos, t in zip(triggers, (by_start[p] for p in triggers), strict=True)
                    if not t.sentence_start or self._start_trigger(doc, t)]
        triggers += [t.word.start for t in lower if len(t.norm) > 1 and not _inside(covered, t.word.start, t.word.end)]
        if lower or _CHAT_LIKE.search(doc.text):
            # Words longer than any name are skipped: a 200 000-letter word must not cost a compound scan.
            # In chat a name in lower case that no list has: any word no list calls ordinary.
            seen = {t.word.start for t in lower}
            triggers += [m.start() for m in WORD_RE.finditer(doc.text)
                         if m.group()[0].islower() and 2 < len(m.group()) <= MAX_NAME and m.start() not in seen
                         and normalize_word(m.group()) not in lex.common and not self._compound(m.group())
                         and not _inside(covered, m.start(), m.end())]
        if not triggers:
            return
        if len(triggers) > MAX_MODEL_TRIGGERS:
            # Text where every other word looks like a name ("Aa Aa Aa ...", "J. J. J. ...") is no prose:
            # the rules alone judge it, so that 200 000 characters of it cost no more than the rules.
            return
        text = doc.text
        spans_found = merged_spans(found)
        for span in self.model.spans(doc.text, triggers):
            norms = tuple(normalize_word(w) for w in span.words)
            if len(norms) == 1 and self.word_class(span.words[0]) == "K" and not self._compound_support(
                    doc, span.start, span.end, spans_found):
                continue  # "Mvh Kundtjänst": a compound of ordinary words needs more than a sign-off
            if len(norms) == 1:
                before = self._previous_word(doc, span.start)
                if before in _PLACE_PREPOSITION and norms[0] not in lex.first_names \
                        and not text.startswith("s", span.end - 1):
                    continue  # "möte i Eken", "via Andersberg": a room or a place; a person would be "hos Eken"
                if _sentence_start(text, span.start) and (span.score < SOLO_START_THRESHOLD
                                                          or not self._solo_start_support(doc, span.start, span.end)):
                    continue  # one word opening a sentence: "Överrapport kväll:", "Hyresavi", "Fakturan på"
            if all(n in lex.allow_words or n in ROLE_WORDS or n in CAR_MAKES for n in norms) or \
                    self.names_a_thing(text, span.start, span.end) or _ORGANISATION_AFTER.match(text, span.end):
                continue  # a place, an organisation, a room or a title, whatever the context looks like
            key = tuple(n for n in norms if len(n) > 1) or norms
            yield Candidate(span.start, span.end, self.entity_type, 0.6, key, source="model")

    def _coordinated(self, doc: Document, found: list[Candidate], rejected: list[list[_Tok]]) -> Iterator[Candidate]:
        """A name-like word joined by "och" or a comma to a found name is a name too ("Lena och Thembeka")."""
        if not found or not rejected:
            return
        text = doc.text
        starts = {c.start for c in found}
        ends = {c.end for c in found}
        # A found name and this part may only be joined by "och" or a comma: at most 6 characters.
        for part in rejected:
            names = [t for t in part if t.cls in (UNKNOWN, AMBIGUOUS, STRONG)]
            first, last = part[0].word, part[-1].word
            if len(names) < len(part) or any(t.word.upper or not t.word.raw[1:].islower() for t in names):
                continue  # only words that could all be names: "Stora Kyrkogatan" is not
            before = _JOIN_BEFORE.search(text, max(0, first.start - 8), first.start)
            after = _JOIN_AFTER.match(text, last.end)
            if (before and before.start() in ends) or (after and after.end() in starts):
                yield self._candidate(doc, part, 0.6)

    def _candidate(self, doc: Document, toks: list[_Tok], score: float) -> Candidate:
        start, end = toks[0].word.start, toks[-1].word.end
        key = tuple(t.norm for t in toks if t.cls not in (PARTICLE,) and len(t.norm) > 1) or tuple(
            t.norm for t in toks
        )
        canonical = doc.text[start:end - toks[-1].genitive] if toks[-1].genitive else None
        return Candidate(start, end, self.entity_type, score, key, canonical, self.name)

    def refine(self, doc: Document, candidates: list[Candidate]) -> list[Candidate]:
        """Mask other mentions of the names found ("Anna Svensson" ... "Anna", "Annas")."""
        names = {k for c in candidates if c.type == self.entity_type for k in c.key if len(k) > 1}
        if not names:
            return candidates
        covered = merged_spans(candidates)
        extra: list[Candidate] = []
        lex = self.lex
        tokens = doc.cache.get("person.tokens")
        if tokens is None:
            tokens = self._classify(doc, frozenset())
        for t in tokens:
            w = t.word
            if t.cls in ("L", PARTICLE, INITIAL):
                continue
            norm = w.norm
            stem = norm[:-1] if norm.endswith("s") and norm[:-1] in names else norm
            if stem not in names or _inside(covered, w.start, w.end):
                continue
            if norm in lex.allow_words and not lex.is_name(stem):
                continue
            if stem in lex.top_common and _sentence_start(doc.text, w.start):
                continue
            canonical = w.raw[:-1] if stem != norm else None
            extra.append(Candidate(w.start, w.end, self.entity_type, 0.7, (stem,), canonical, "coreference"))
        return candidates + extra


def _last_word(text: str) -> str:
    """The last whitespace-separated word, without punctuation around it, case-folded."""
    pieces = text.rsplit(None, 1)
    return pieces[-1].strip(".,;:!?()\"'-–/").casefold() if pieces else ""


def merged_spans(candidates: list[Candidate]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) covering every candidate."""
    out: list[tuple[int, int]] = []
    for s, e in sorted((c.start, c.end) for c in candidates):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, sys.maxsize)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]
