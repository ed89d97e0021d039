"""Codes of control predicates composed with their complement event, and domain refinements.

"agreed to meet" is an intent to meet (036), "urged X to release Y" an appeal for release (0253),
"refused to withdraw" a refusal to de-escalate (1246), "threatened to impose sanctions" a threat
of sanctions (1312). The complement's own code picks the specific code of the control family.
"""

from __future__ import annotations

# family -> (complement code prefix -> composed code); longest prefix wins
_TABLES: dict[str, dict[str, str]] = {
    "intent": {
        "04": "036", "045": "039", "037": "037", "057": "030", "05": "032",
        "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
        "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
        "08": "035", "081": "0351", "082": "0352", "083": "034", "0831": "0341",
        "084": "0353", "085": "0354", "086": "0355", "087": "0356",
    },
    "appeal": {
        "04": "026", "045": "028", "037": "027", "057": "027", "05": "022",
        "06": "021", "061": "0211", "062": "0212", "063": "0213", "064": "0214",
        "07": "023", "071": "0231", "072": "0232", "073": "0233", "074": "0234",
        "08": "025", "081": "0251", "082": "0252", "083": "024", "0831": "0241",
        "084": "0253", "085": "0254", "086": "0255", "087": "0256",
    },
    "demand": {
        "04": "106", "045": "108", "037": "107", "057": "107", "05": "102",
        "06": "101", "061": "1011", "062": "1012", "063": "1013", "064": "1014",
        "07": "103", "071": "1031", "072": "1032", "073": "1033", "074": "1034",
        "08": "105", "081": "1051", "082": "1052", "083": "104", "0831": "1041",
        "084": "1053", "085": "1054", "086": "1055", "087": "1056",
    },
    "reject": {
        "04": "125", "045": "126", "037": "127", "057": "127", "03": "127",
        "06": "121", "061": "1211", "062": "1212", "063": "1213", "064": "1214",
        "07": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224",
        "08": "124", "081": "1241", "082": "1242", "083": "123", "0831": "1231",
        "084": "1243", "085": "1244", "086": "1245", "087": "1246",
    },
    "threaten": {
        "14": "133", "16": "131", "161": "1313", "162": "1311", "163": "1312",
        "164": "134", "165": "135", "166": "136", "17": "132", "1721": "1321",
        "1722": "1322", "1723": "1323", "1724": "1324", "175": "137",
        "18": "1383", "19": "1384", "191": "1381", "192": "1382", "20": "1385",
    },
    "consider": {},  # "considering sending aid" stays a policy option under consideration (014)
    "permit": {},  # "allowed X to hold a rally": the permission is the act, the rally its content
}

FAMILIES = tuple(_TABLES)

# generic code -> domain -> specific code
_DOMAIN: dict[str, dict[str, str]] = {
    "060": {"economic": "061", "military": "062", "legal": "063", "intelligence": "064"},
    "070": {"economic": "071", "military": "072", "humanitarian": "073"},
    "031": {"economic": "0311", "military": "0312", "legal": "0313", "intelligence": "0314"},
    "033": {"economic": "0331", "military": "0332", "humanitarian": "0333"},
    "021": {"economic": "0211", "military": "0212", "legal": "0213", "intelligence": "0214"},
    "023": {"economic": "0231", "military": "0232", "humanitarian": "0233"},
    "101": {"economic": "1011", "military": "1012", "legal": "1013", "intelligence": "1014"},
    "103": {"economic": "1031", "military": "1032", "humanitarian": "1033"},
    "121": {"economic": "1211", "military": "1212", "legal": "1213", "intelligence": "1214"},
    "122": {"economic": "1221", "military": "1222", "humanitarian": "1223"},
}

DOMAIN_CUES: dict[str, str] = {
    **dict.fromkeys(
        ("military", "defense", "defence", "security", "arms", "weapon", "troop", "army",
         "missile", "ammunition", "tank", "jet", "drone"), "military"),
    **dict.fromkeys(
        ("economic", "economy", "trade", "financial", "investment", "business", "energy", "gas",
         "oil", "loan", "money", "fund", "budget", "tariff", "commercial"), "economic"),
    **dict.fromkeys(
        ("humanitarian", "food", "medical", "medicine", "relief", "shelter", "refugee",
         "vaccine", "water"), "humanitarian"),
    **dict.fromkeys(("judicial", "legal", "extradition", "court"), "legal"),
    **dict.fromkeys(("intelligence", "information", "espionage"), "intelligence"),
}


def compose(family: str, base: str, complement: str | None) -> str:
    """The code of a control predicate of `family` whose complement event is coded `complement`."""
    if complement is None:
        return base
    table = _TABLES[family]
    for n in (4, 3, 2):
        code = table.get(complement[:n])
        if code:
            return code
    return base


_CUED: dict[str, tuple[tuple[frozenset[str], str], ...]] = {
    "182": ((frozenset({"sexual", "sexually", "rape"}), "1821"),),
    "152": ((frozenset({"joint", "combined", "bilateral", "multinational", "together"}), "062"),),
    "154": (
        (frozenset({"peacekeeping", "peacekeeper", "peace-keeping", "peacekeepers", "observer", "monitor"}), "074"),
        (frozenset({"rescue", "humanitarian", "relief", "medical", "aid"}), "073"),
    ),
    "190": (
        (frozenset({"suicide"}), "1831"),
        (frozenset({"airstrike", "warplane", "jet", "aircraft", "helicopter", "drone", "air", "aerial", "bomber"}), "195"),
        (frozenset({"artillery", "shell", "shelling", "mortar", "rocket", "missile", "tank", "howitzer"}), "194"),
        (frozenset({"gunfire", "gun", "gunman", "gunmen", "sniper", "rifle", "bullet", "shoot"}), "193"),
        (frozenset({"bomb", "bombing", "explosive", "ied", "explosion", "landmine", "minefield"}), "183"),
    ),
    "183": (
        (frozenset({"suicide"}), "1831"),
        (frozenset({"car", "vehicle", "truck"}), "1832"),
        (frozenset({"roadside", "ied", "landmine", "mine"}), "1833"),
    ),
}


def refine(code: str, lemmas: set[str]) -> str:
    """A generic code made specific by words of its clause: domain of cooperation, weapon of attack."""
    for words, specific in _CUED.get(code, ()):
        if words & lemmas:
            return specific
    options = _DOMAIN.get(code)
    if not options:
        return code
    for lemma in lemmas:
        domain = DOMAIN_CUES.get(lemma)
        if domain in options:
            return options[domain]
    return code


__all__ = ["DOMAIN_CUES", "FAMILIES", "compose", "refine"]
