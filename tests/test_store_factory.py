"""Real contract records for the store tests (the later stages are built in parallel)."""

from __future__ import annotations

from eventwire.model import (
    Acled,
    Action,
    Actor,
    Article,
    Event,
    Mention,
    Place,
    Quote,
    TimeRef,
    article_id,
)

TURMIL = Actor("Q1_mil", "Turkish Armed Forces", "organization", "TUR", "MIL", "TURMIL")
TURGOV = Actor("Q43", "Turkey", "state", "TUR", "GOV", "TURGOV")
SDF = Actor("Q21001394", "Syrian Democratic Forces", "armed_group", "SYR", "REB", "SYRREB")
RUSGOV = Actor("Q159", "Russia", "state", "RUS", "GOV", "RUSGOV")

MANBIJ = Place("Manbij", 166365, 36.5281, 37.9549, "SY", "Aleppo", "city", ((0, 6),))
AIN_ISSA = Place("Ain Issa", 170000, 36.3859, 38.8626, "SY", "Raqqa", "village", ((0, 8),))
KHARKIV = Place("Kharkiv", 706483, 49.9935, 36.2304, "UA", "Kharkiv", "city", ((0, 7),))

SHELL = Action("shelled", "194", "19", "Fight with artillery and tanks", "ASSAULT", "heavy-weapons",
               4, -10.0, Acled("Explosions/Remote violence", "Shelling/artillery/missile attack"))
CONDEMN = Action("condemned", "122", "12", "Criticize or denounce", "DISAPPROVE", None, 2, -2.0)


def mention(actor: Actor | None, text: str, start: int = 0, label: str = "ORG") -> Mention:
    return Mention(text, start, start + len(text), actor, label)


def event(eid: str, source: Actor | None, target: Actor | None, action: Action, *,
          place: Place | None = None, day: str | None = None, mode: str = "asserted",
          sentence: str = "", confidence: float = 0.8, fatalities: int | None = None) -> Event:
    date = TimeRef(day, 0, len(day), day, "day", "absolute") if day else None
    return Event(
        id=eid, sentence=sentence or f"{source and source.name} {action.text} {target and target.name}.",
        start=0, end=40,
        source=mention(source, source.name) if source else None,
        target=mention(target, target.name, 20) if target else None,
        action=action, mode=mode, place=place, date=date, fatalities=fatalities, injured=None,
        attributed_to="Syrian Observatory for Human Rights", confidence=confidence, rule="test.v1",
    )


def article(body: str, *, published: str | None = "2022-02-03", outlet: str | None = "Wire",
            events: tuple[Event, ...] = (), ref: str | None = None) -> Article:
    actors = {m.actor for e in events for m in (e.source, e.target) if m and m.actor}
    entities = tuple(mention(a, a.name, i * 10) for i, a in enumerate(sorted(actors, key=lambda a: a.id)))
    places = tuple({e.place for e in events if e.place})
    speaker = entities[0] if entities else None
    return Article(
        id=article_id(body), ref=ref, source=outlet, url=f"https://example.org/{article_id(body)}",
        headline=body.split(".")[0], published=published, captions=("A photo. (AP)",), body=body,
        language="en", entities=entities, events=events,
        quotes=(Quote("we will respond", 0, 15, True, speaker, "said", None, events[0].id if events else None),),
        places=places, times=(TimeRef("Thursday", 3, 11, published, "day", "published"),) if published else (),
        warnings=("test warning",),
    )
