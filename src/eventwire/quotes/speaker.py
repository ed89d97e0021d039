"""Who speaks: from a cue word to its speaker `Mention` (the syntax is in phrases.py).

The actors stage is asked first (`for_token`, `for_span`); where it gives a pronoun with no actor,
or nothing, the speaker falls back to the nearest preceding salient mention of the right kind
(a sentence subject or an earlier quote's speaker), which is how wire copy chains "he said".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Mention
from .cues import cue_of, cue_tokens, person_nouns
from .phrases import SUBJECTS, is_definite, issuer_token, subject_token, tight_phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..actors import ArticleActors

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me"})
GROUP_PRONOUNS = frozenset({"it", "they", "them", "we", "us"})
GROUP_LABELS = ("ORG", "GPE", "NORP")
NAMED = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT")
NP_LABEL = "NP"  # a speaker that is a noun phrase but no named entity ("a police spokesman")
DOCUMENT_NOUNS = frozenset(
    {
        "statement",
        "communique",
        "communiqué",
        "document",
        "report",
        "letter",
        "declaration",
        "post",
        "message",
        "decree",
        "release",
        "notice",
        "text",
    }
)
# "KHARKIV, Ukraine (AP) — ", "MOSCOW, Oct 2 (Reuters) - ": a wire dateline opening a paragraph.
_DATELINE = re.compile(
    r"^[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+)*(?:,[^\n—–]{1,40}?)?\s*(?:\([^)\n]{1,30}\))?\s*[—–-]{1,2}\s+",
    re.MULTILINE,
)


@dataclass
class SpeakerFinder:
    """Per-article state: the actors, the direct-quote character ranges, earlier speakers."""

    doc: Doc
    actors: ArticleActors
    quoted: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""  # doc.text, read once (spaCy rebuilds it on every access)
    cues: list[Token] = field(default_factory=list)  # the doc's cue words, in order
    said: list[Mention] = field(default_factory=list)  # speakers found so far, in text order
    _salient: list[Mention] | None = None  # main-clause subjects, built when a pronoun needs them
    _starts: list[int] = field(default_factory=list)
    _datelines: list[tuple[int, int]] = field(default_factory=list)
    _breaks: list[int] = field(default_factory=list)  # offsets of the text's line breaks
    _people: set[tuple[int, int]] = field(default_factory=set)
    _by_start: list[Mention] = field(default_factory=list)
    _mention_starts: list[int] = field(default_factory=list)
    _holders: dict[str, dict[str, Mention]] | None = (
        None  # office word -> surname -> mention  # speakers whose title is a person's
    )

    def __post_init__(self) -> None:
        self.text = self.text or self.doc.text
        self.cues = self.cues or cue_tokens(self.doc)
        self._datelines = [(m.start(), m.end()) for m in _DATELINE.finditer(self.text)]
        self._breaks = [m.start() for m in re.finditer("\n", self.text)]
        self._by_start = sorted(self.actors.mentions, key=lambda m: m.start)
        self._mention_starts = [m.start for m in self._by_start]

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """The actors' mentions lying within characters lo..hi."""
        i = bisect.bisect_left(self._mention_starts, lo)
        j = bisect.bisect_left(self._mention_starts, hi)
        return [m for m in self._by_start[i:j] if m.end <= hi]

    def paragraph(self, at: int) -> tuple[int, int]:
        """Start and end of the paragraph (line) holding character `at`."""
        i = bisect.bisect_left(self._breaks, at)
        lo = self._breaks[i - 1] + 1 if i > 0 else 0
        hi = self._breaks[i] if i < len(self._breaks) else len(self.text)
        return lo, hi

    def salient(self) -> list[Mention]:
        if self._salient is None:
            self._salient = sorted(
                (
                    m
                    for m in self.actors.mentions
                    if not self.in_quote(m.start) and self._is_subject(m)
                ),
                key=lambda m: m.start,
            )
            self._starts = [m.start for m in self._salient]
        return self._salient

    def in_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self.quoted, (char, 1 << 60)) - 1
        return i >= 0 and self.quoted[i][0] <= char < self.quoted[i][1]

    def in_dateline(self, char: int) -> bool:
        return any(lo <= char < hi for lo, hi in self._datelines)

    def _is_subject(self, m: Mention) -> bool:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        appositive = m.label in NAMED  # "Her husband, Juan Quispe, drives ...": the name counts
        return any(
            _main_subject(t) or (appositive and t.dep_ == "appos" and _main_subject(t.head))
            for t in span
        )

    def speaker_of(self, cue: Token) -> Mention | None:
        """The speaker a cue word introduces, through subjects of governing verbs where needed."""
        head = subject_token(cue)
        if head is not None and self.in_dateline(head.idx):
            head = self._after_dateline(head, cue)
        if head is None:
            return None
        if head.lemma_.lower() in DOCUMENT_NOUNS:
            issuer = issuer_token(head)  # "the ministry's statement", "a statement from X"
            if issuer is not None:
                return self.mention_for(issuer)
            if is_definite(head):
                return self._issuer(head)
        return self.mention_for(head)

    def _after_dateline(self, head: Token, cue: Token) -> Token | None:
        """The parser read the dateline as the subject: the first noun phrase after it."""
        end = next(hi for lo, hi in self._datelines if lo <= head.idx < hi)
        for token in head.doc[head.i : cue.i]:
            if token.idx >= end and token.pos_ in ("PROPN", "NOUN", "PRON"):
                while (
                    token.dep_ in ("compound", "amod", "poss", "det")
                    and cue.i > token.head.i > token.i
                ):
                    token = token.head
                return token
        return None

    def _issuer(self, head: Token) -> Mention | None:
        """For "the statement said": whoever issued it, i.e. the latest speaker before it (the one who
        "said in a statement"), else the document itself."""
        own = tight_phrase(head).start_char
        earlier = [m for m in self.said if m.start < own]
        if earlier:
            return max(earlier, key=lambda m: m.start)
        return self._inside(head)

    def mention_for(self, head: Token) -> Mention | None:
        if head.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS or head.pos_ == "PRON":
            return self._pronoun(head)
        found = self.actors.for_token(head)
        if found is not None and found.label == "PERSON":
            return found
        person = self._person_in(head)  # "Envoy to Syria Alexander Lavrentiev", "X's spokesman, Y"
        if person is not None:
            return person
        if found is not None and found.label in ("GPE", "NORP", "LOC"):
            found = self._compound_name(head, found)  # "Amnesty International Kenya"
        covers = found is not None and found.start <= head.idx < found.end
        if covers and found is not None and found.label not in NAMED:
            titled = self._office_holder(head)  # the resolver's "Ecuador's president" -> its holder
            if titled is not None:
                return titled
        if covers and (found.actor is not None or found.label in NAMED):  # type: ignore[union-attr]
            return found
        if head.pos_ == "PROPN":
            known = self._known_name(head)
            if known is not None:
                return known
        return self._inside(head)

    def _known_name(self, head: Token) -> Mention | None:
        """A bare surname the parser did not tag ("Tsikhanouskaya told ..."): the person named
        in full before (or after) with that last word."""
        word = head.text.lower()
        people = [
            m
            for m in self.actors.mentions
            if m.label == "PERSON" and m.text.lower().split()[-1:] == [word]
        ]
        earlier = [m for m in people if m.start < head.idx]
        return (earlier or people or [None])[0]

    def _compound_name(self, head: Token, found: Mention) -> Mention:
        """A place ending a compound name is not the speaker: the organisation named with it."""
        compounds = [c for c in head.lefts if c.dep_ == "compound" and c.idx < found.start]
        if not compounds:
            return found
        lo = min(c.idx for c in compounds)
        orgs = [m for m in self.mentions_in(lo, found.start) if m.label == "ORG"]
        if orgs:
            return orgs[0]
        span = head.doc[compounds[0].i : head.i + 1]
        return Mention(span.text, span.start_char, span.end_char, found.actor, NP_LABEL)

    def _person_in(self, head: Token) -> Mention | None:
        for child in head.children:
            if child.dep_ == "appos":
                m = self.actors.for_token(child)
                if m is not None and m.label == "PERSON":
                    return m
        if head.pos_ != "PROPN":
            return None
        span = tight_phrase(head)
        people = [
            m for m in self.mentions_in(span.start_char, span.end_char) if m.label == "PERSON"
        ]
        return people[-1] if people else None

    def _inside(self, head: Token) -> Mention | None:
        """A title or common noun as subject: the person named in it ("Envoy to Syria Alexander
        Lavrentiev"), else the noun phrase itself with the actor it names, if any."""
        span = tight_phrase(head)
        inner = self.mentions_in(span.start_char, span.end_char)
        people = [m for m in inner if m.label == "PERSON"]
        if people:
            return people[-1]
        found = self.actors.for_span(span)
        if found is not None and found.actor is not None and found.start <= head.idx < found.end:
            return found
        if not any(t.is_alpha for t in span):
            return None
        titled = self._office_holder(head)
        if titled is not None:
            return titled
        actor = found.actor if found is not None else None
        return Mention(span.text, span.start_char, span.end_char, actor, NP_LABEL)

    def _office_holders(self) -> dict[str, dict[str, Mention]]:
        if self._holders is None:
            self._holders = {}
            for m in self.actors.mentions:
                if m.label != "PERSON" or not m.text.split():
                    continue
                before = self.text[max(0, m.start - 30) : m.start].lower().split()[-3:]
                for word in before + m.text.lower().split():
                    if word.strip(".,’'") in _OFFICES:
                        by_name = self._holders.setdefault(word.strip(".,’'"), {})
                        by_name.setdefault(m.text.split()[-1].lower(), m)
        return self._holders

    def _office_holder(self, head: Token) -> Mention | None:
        """The holder of a definite office: for "Ecuador's president declared ...", the one person
        the article calls "President" ("President Daniel Herrera"); never for "a minister"."""
        office = head.lemma_.lower()
        if office not in _OFFICES or not any(
            c.dep_ == "poss" or c.lower_ == "the" for c in head.children
        ):
            return None
        holders = self._office_holders().get(office, {})
        return next(iter(holders.values())) if len(holders) == 1 else None

    def _pronoun(self, token: Token) -> Mention | None:
        found = self.actors.for_token(token)
        personal = token.lower_ in PERSON_PRONOUNS
        labels = ("PERSON", NP_LABEL) if personal else (*GROUP_LABELS, NP_LABEL)
        mine = self.antecedent(token.idx, labels)
        if found is None or found.actor is None or (personal and found.actor.type != "person"):
            return mine
        named = self._named(found, token.idx)
        if mine is not None and named is not None and mine.start > named.start:
            return (
                mine  # a nearer speaker than the actor the resolver chose (often an unknown name)
            )
        return named or found

    def _named(self, found: Mention, before: int) -> Mention | None:
        """A pronoun the actors stage resolved: the nearest earlier named mention of the same
        actor ("the Pentagon" for "It"), if any."""
        actor = found.actor
        if actor is None:
            return None
        return self._last_before(
            before, lambda m: m.label in NAMED and m.actor is not None and m.actor.id == actor.id
        )

    def collect_speakers(self) -> None:
        """Speakers named as subjects of cue words anywhere outside quotes, so that a later "he
        said" can point back to them."""
        for token in self.cues:
            if self.in_quote(token.idx):
                continue
            head = subject_token(token)
            if head is None or head.lemma_.lower() in DOCUMENT_NOUNS:
                continue
            if head.pos_ != "PRON" and not self.in_dateline(head.idx):
                found = self.mention_for(head)
                if found is not None:
                    self.said.append(found)
                    if _titled(head):  # "WFP spokeswoman Hanna Berglund", whatever NER called it
                        self._people.add((found.start, found.end))

    def antecedent(self, before: int, labels: tuple[str, ...]) -> Mention | None:
        """The nearest earlier speaker or sentence subject of those labels; else nearest mention."""
        best: Mention | None = None
        for m in self.said:
            fits = _fits(m, labels) or ("PERSON" in labels and (m.start, m.end) in self._people)
            if m.start < before and fits and (best is None or m.start > best.start):
                best = m
        salient = self.salient()
        i = bisect.bisect_left(self._starts, before)
        for m in reversed(salient[:i]):
            if _fits(m, labels):
                if best is None or m.start > best.start:
                    best = m
                break
        if best is not None:
            return best
        return self._last_before(before, lambda m: _fits(m, labels))

    def _last_before(self, before: int, wanted: Callable[[Mention], bool]) -> Mention | None:
        """The last mention starting before `before` that is `wanted`."""
        i = bisect.bisect_left(self._mention_starts, before)
        return next((m for m in reversed(self._by_start[:i]) if wanted(m)), None)


def _titled(head: Token) -> bool:
    """The subject's phrase holds a person noun or title ("spokeswoman", "Mr", "Gov.")."""
    words = person_nouns()
    return any(
        t.lemma_.lower() in words or t.lower_.rstrip(".") in _TITLES for t in tight_phrase(head)
    )


_OFFICES = frozenset(
    {
        "president",
        "minister",
        "premier",
        "chancellor",
        "governor",
        "mayor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chief",
        "leader",
        "commander",
        "ambassador",
        "envoy",
        "secretary",
        "king",
        "queen",
        "prince",
        "emir",
        "general",
    }
)
_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "prof", "sir", "dame"}
)


def _main_subject(t: Token) -> bool:
    return t.dep_ in SUBJECTS and (t.head.dep_ == "ROOT" or cue_of(t.head) is not None)


def _fits(m: Mention, labels: tuple[str, ...]) -> bool:
    """A mention a pronoun can refer to: the labels asked for; a noun phrase only when it names a
    person ("a resident", "Mayor Ihor Terekhov") for he/she, or not a person for it/they."""
    if m.label not in labels:
        return False
    if m.label != NP_LABEL:
        return True
    last = m.text.split()[-1] if m.text.split() else ""
    personal = (
        last[:1].isupper()
        or last.lower().rstrip("s") in person_nouns()
        or last.lower() in person_nouns()
    )
    return personal == ("PERSON" in labels)
