"""ACLED event and sub-event type of a coded event, from its CAMEO code and the cues of its clause.

Only conflict, protest and strategic events get an ACLED type; verbal events (CAMEO 01-13) and
most cooperation are outside ACLED's taxonomy and get None.
"""

from __future__ import annotations

_AIR = frozenset({"airstrike", "air", "drone", "warplane", "jet", "aircraft", "helicopter", "plane", "aerial", "bomber", "airstrikes", "uav"})
_SHELL = frozenset({"shell", "shelling", "artillery", "mortar", "rocket", "missile", "howitzer", "barrage", "bombard", "bombardment", "tank", "grad", "projectile"})
_IED = frozenset({"ied", "landmine", "mine", "roadside", "explosive", "device", "car", "vehicle"})
_SUICIDE = frozenset({"suicide", "bomber"})
_GRENADE = frozenset({"grenade"})
_CHEMICAL = frozenset({"chemical", "chlorine", "sarin", "mustard"})
_CIVILIAN_WORDS = frozenset({
    "civilian", "villager", "resident", "child", "woman", "worker", "farmer", "journalist", "student",
    "people", "family", "passenger", "worshipper", "pedestrian", "shepherd", "refugee", "teacher", "doctor",
})
_INTERVENTION = frozenset({"disperse", "tear", "teargas", "arrest", "detain", "baton", "water", "cannon", "police"})
_EXCESSIVE = frozenset({"kill", "shoot", "fire", "live", "bullet", "dead", "death"})
_STATE_ROLES = frozenset({"GOV", "MIL", "COP", "SPY"})
_LOOT = frozenset({"loot", "plunder", "pillage", "torch", "burn", "vandalize", "ransack", "raze", "demolish"})


def acled_sub_type(
    code: str, cues: set[str], *, target_text: str = "", target_role: str | None = None,
    source_role: str | None = None, source_armed: bool = False,
) -> str | None:
    """The ACLED sub-event type name, or None when the event is outside ACLED's taxonomy."""
    root = code[:2]
    if root in {"18", "19", "20"} or code in {"175", "1712"}:
        return _violent(code, cues, target_text, target_role, source_role, source_armed)
    if root == "14":
        if code.startswith("145"):
            return "Violent demonstration"
        if cues & _EXCESSIVE:
            return "Excessive force against protesters"
        if cues & _INTERVENTION:
            return "Protest with intervention"
        return "Peaceful protest"
    if code.startswith("173"):
        return "Arrests"
    if code.startswith("171") or (root == "17" and cues & _LOOT):
        return "Looting/property destruction"
    if code in {"0871", "057", "037"} and cues & {"ceasefire", "truce", "peace", "armistice", "exchange", "surrender"}:
        return "Agreement"
    if code in {"0874"} or (root == "08" and "withdraw" in cues and source_armed):
        return "Non-violent transfer of territory"
    if root == "15" and source_armed:
        return "Change to group/activity"
    return None


def _violent(
    code: str, cues: set[str], target_text: str, target_role: str | None,
    source_role: str | None, source_armed: bool,
) -> str | None:
    if code.startswith("204") or cues & _CHEMICAL:
        return "Chemical weapon"
    if code.startswith("1831") or (code.startswith("18") and cues & _SUICIDE):
        return "Suicide bomb"
    if code == "195" or cues & _AIR:
        return "Air/drone strike"
    if code == "194" or cues & _SHELL:
        return "Shelling/artillery/missile attack"
    if cues & _GRENADE:
        return "Grenade"
    if code.startswith("183") or (cues & _IED and cues & {"bomb", "explosion", "blast", "explode", "detonate"}):
        return "Remote explosive/landmine/IED"
    if code == "1821":
        return "Sexual violence"
    if code.startswith("181"):
        return "Abduction/forced disappearance"
    if code == "1712":
        return "Looting/property destruction"
    if code == "175":
        return "Excessive force against protesters" if cues & {"protest", "protester", "demonstrator", "demonstration", "rally"} else "Attack"
    if code == "191":
        return None  # a blockade or siege changes no hands: no ACLED type of its own
    if code == "192":
        state = source_role in _STATE_ROLES
        return "Government regains territory" if state else "Non-state actor overtakes territory"
    civilian = target_role in {"CVL", "REF", "MED", "EDU"} or any(w in target_text.lower() for w in _CIVILIAN_WORDS)
    if civilian or (code.startswith("18") and target_role not in {"MIL", "REB", "INS", "COP"}):
        return "Attack"
    return "Armed clash"


__all__ = ["acled_sub_type"]
