#!/usr/bin/env python3
"""Generate Pathways' shipped sample directory as HSDS 3.1 JSON.

    python3 scripts/sample_directory.py            # write directory/listings/*.json, then check
    python3 scripts/sample_directory.py --check    # check the files already on disk, write nothing

Every sample organisation, service, street address and 555-01xx phone number below is
fictional and says so; `national-hotlines.json` lists real national hotlines with their real
numbers. The listings are written by hand as data (the ORGS section); this script only does the
mechanical HSDS wrapping: stable UUIDs (uuid5 on a fixed namespace, so a rerun gives the same
ids), nesting, phone numbers in 555-01xx, taxonomy terms and attributes following the encoding
contract in directory/README.md. The check validates every record against the HSDS 3.1
compiled schemas and asserts the coverage the sample directory promises (see check()).

Standard library plus `jsonschema` (only for the check).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tomllib
import uuid
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTINGS = ROOT / "directory" / "listings"
TAXONOMY = ROOT / "directory" / "taxonomy"
SCHEMA_CANDIDATES = [
    Path(os.environ["HSDS_SCHEMA_DIR"]) if os.environ.get("HSDS_SCHEMA_DIR") else None,
    ROOT / "shared" / "hsds-3.1" / "schema" / "compiled",
    ROOT.parent / "shared" / "hsds-3.1" / "schema" / "compiled",
    Path("/work/shared/hsds-3.1/schema/compiled"),
]

# Fixed namespace: every id in the output is uuid5(NS, a stable path of names).
NS = uuid.UUID("8d3f6a1e-5b7c-4e2a-9f10-3c4b5d6e7f80")


def uid(*parts: object) -> str:
    return str(uuid.uuid5(NS, "|".join(str(p) for p in parts)))


# ---------------------------------------------------------------------------------------------
# Regions: one output file each.
# ---------------------------------------------------------------------------------------------

REGIONS = {
    # key: (file label, state, default city, centre (lat, lon), radius km, area codes)
    "houston": ("Greater Houston", "TX", "Houston", (29.7604, -95.3698), 60, ["713", "832", "281"]),
    "los-angeles": ("Greater Los Angeles", "CA", "Los Angeles", (34.0522, -118.2437), 60, ["213", "323", "818", "310"]),
    "atlanta": ("Metro Atlanta", "GA", "Atlanta", (33.7490, -84.3880), 60, ["404", "678", "770"]),
    "chicago": ("Chicago and Cook County", "IL", "Chicago", (41.8781, -87.6298), 50, ["312", "773", "872"]),
    "new-york": ("New York City", "NY", "New York", (40.7128, -74.0060), 50, ["212", "718", "646", "347"]),
    "seattle": ("Seattle and King County", "WA", "Seattle", (47.6062, -122.3321), 50, ["206", "425", "253"]),
    "presidio-county-tx": ("Presidio County and the Big Bend", "TX", "Marfa", (30.3095, -104.0206), 120, ["432"]),
    "aroostook-county-me": ("Aroostook County", "ME", "Presque Isle", (46.6812, -68.0159), 120, ["207"]),
    "statewide": ("Statewide", None, None, None, None, []),
    "national": ("United States", None, None, None, None, []),
}
REGION_FILES = {k: ("national-hotlines.json" if k == "national" else f"{k}.json") for k in REGIONS}

WEEKDAYS = "MO,TU,WE,TH,FR"
ALL_DAYS = "MO,TU,WE,TH,FR,SA,SU"

LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "vi": "Vietnamese", "ko": "Korean", "zh": "Chinese",
    "tl": "Tagalog", "ht": "Haitian Creole", "ar": "Arabic", "fr": "French", "ru": "Russian",
    "so": "Somali", "am": "Amharic", "ti": "Tigrinya", "uk": "Ukrainian", "pl": "Polish",
    "hi": "Hindi", "pt": "Portuguese", "sw": "Swahili", "my": "Burmese", "ne": "Nepali",
    "th": "Thai", "km": "Khmer",
}

# Descriptions for our condition and attribute terms (labels come from conditions.toml).
CONDITION_TEXT = {
    "police_report": "The service asks for a police report or cooperation with law enforcement before it helps.",
    "sobriety": "The service asks people to be free of alcohol and drugs while they take part.",
    "id_required": "The service asks to see a form of identification.",
    "immigration_status": "The service asks about or verifies immigration status or work authorization.",
    "faith": "Taking part in religious activities (for example chapel or prayer) is expected.",
    "guardian_consent": "Young people under 18 need a parent's or legal guardian's consent.",
    "mandated_reporter": "Staff are required by law to report suspected abuse or neglect of a minor.",
    "fee": "The service charges a fee; the fees description says how much and whether it can be waived.",
}
ATTRIBUTE_TEXT = {
    "walk_in": "People can come in without an appointment during open hours.",
    "open_24_7": "Staff answer or the doors are open at any hour, every day of the year.",
    "phone_only": "Offered by phone, text or online; there is no office to visit.",
    "wheelchair_accessible": "The place where the service is given can be reached and used in a wheelchair.",
    "survivor_led": "Founded or led by people with lived experience of trafficking or exploitation.",
    "lgbtq_affirming": "Staff are trained to welcome and respect lesbian, gay, bisexual, transgender and queer people.",
    "culturally_specific": "Designed by and for a particular cultural community; the value says which.",
    "confidential_location": "The address is kept confidential for the safety of the people staying there.",
    "genders": "Genders the service is for; the value lists them.",
    "sample_data": "This record is a fictional sample listing shipped with Pathways for demonstration.",
}


# ---------------------------------------------------------------------------------------------
# The small vocabulary the hand-written data below is written in.
# ---------------------------------------------------------------------------------------------

ORGS: list[dict] = []


def LOC(name, street, postal_code, lat, lon, city=None, state=None):
    """A public office or site (never used for a confidential location)."""
    return {"name": name, "street": street, "postal_code": postal_code, "lat": lat, "lon": lon,
            "city": city, "state": state}


def H(days, opens, closes, desc=None):
    """A weekly opening: days 'MO,TU', opens/closes 'HH:MM' (closes < opens runs past midnight)."""
    return {"byday": days, "opens_at": opens, "closes_at": closes, "description": desc}


def ALWAYS(desc="Answered 24 hours a day, every day of the year."):
    return [H(ALL_DAYS, "00:00", "23:59", desc)]


def S(key, name, description, **kw):
    """One service. See build_service() for the keywords."""
    kw.update(key=key, name=name, description=description)
    return kw


def O(region, key, name, description, services, **kw):
    """One organisation with its services, in a region (one output file per region)."""
    assert region in REGIONS, region
    ORGS.append(dict(kw, region=region, key=key, name=name, description=description, services=services))


# ---------------------------------------------------------------------------------------------
# HSDS wrapping.
# ---------------------------------------------------------------------------------------------

class Taxonomy:
    def __init__(self):
        needs = tomllib.loads((TAXONOMY / "needs.toml").read_text())["need"]
        self.needs = {n["code"]: n for n in needs}
        self.oe = {}
        for n in needs:
            for name in n.get("open_eligibility", []):
                self.oe[name.lower()] = n["code"]
        conds = tomllib.loads((TAXONOMY / "conditions.toml").read_text())
        self.conditions = {c["code"]: c for c in conds["condition"]}
        self.attributes = {a["code"]: a for a in conds["attribute"]}


def term(taxonomy, code, name, description):
    t = {"id": uid("taxonomy_term", taxonomy, code or name)}
    if code:
        t["code"] = code
    t.update(name=name, description=description, taxonomy=taxonomy)
    return t


def attribute(owner_id, taxonomy, code, name, description, value=None):
    a = {"id": uid("attribute", owner_id, taxonomy, code or name),
         "taxonomy_term": term(taxonomy, code, name, description)}
    if value is not None:
        a["value"] = value
    return a


class PhoneBook:
    """Hands out fictional numbers AAA-555-0100 … AAA-555-0199, in order, per area code."""

    def __init__(self):
        self.next = Counter()

    def take(self, area_code):
        n = self.next[area_code]
        if n > 99:
            raise SystemExit(f"out of 555-01xx numbers for area code {area_code}")
        self.next[area_code] += 1
        return f"{area_code}-555-{100 + n:04d}"


def split(value):
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    return list(value)


SERVICE_KEYS = {
    "key", "name", "description", "alt", "needs", "oe", "infer", "conds", "attrs", "genders",
    "culture", "langs", "min_age", "max_age", "cap", "assured", "status", "elig", "apply", "fees",
    "phones", "hours", "loc", "area", "conf", "alert", "interp", "wait",
}


def service_area(region_key, org, s, sid):
    area = s.get("area")
    label, state, city, centre, km, _ = REGIONS[region_key]
    if area is None:
        if centre is None:
            raise SystemExit(f"{s['key']}: a statewide or national service needs area=")
        area = ("radius", centre[0], centre[1], km)
    if isinstance(area, tuple):
        _, lat, lon, km = area
        extent = f"radius:{lat},{lon},{km}"
        name = f"{label} (within {km} km)" if region_key not in ("statewide", "national") else f"Within {km} km"
        if len(area) == 4 and region_key in ("statewide", "national"):
            name = f"Within {km} km"
    else:
        extent = area
        if area == "US":
            name = "United States (nationwide)"
        else:
            name = {"US-TX": "Texas (statewide)", "US-CA": "California (statewide)",
                    "US-NY": "New York State (statewide)", "US-GA": "Georgia (statewide)",
                    "US-IL": "Illinois (statewide)", "US-WA": "Washington State (statewide)",
                    "US-ME": "Maine (statewide)"}[area]
    return [{"id": uid("service_area", sid, extent), "name": name, "extent": extent, "extent_type": "text"}]


def location_record(region_key, loc):
    _, state, city, _, _, _ = REGIONS[region_key]
    state = loc["state"] or state
    city = loc["city"] or city
    lid = uid("location", loc["street"], loc["postal_code"])
    return {
        "id": lid,
        "location_type": "physical",
        "name": loc["name"],
        "latitude": loc["lat"],
        "longitude": loc["lon"],
        "addresses": [{
            "id": uid("address", loc["street"], loc["postal_code"]),
            "address_1": loc["street"],
            "city": city,
            "state_province": state,
            "postal_code": loc["postal_code"],
            "country": "US",
            "address_type": "physical",
        }],
    }


def build_service(tax, book, region_key, org, area_code, s):
    unknown = set(s) - SERVICE_KEYS
    if unknown:
        raise SystemExit(f"{org['key']}/{s['key']}: unknown keys {sorted(unknown)}")
    oid = uid("organization", org["key"])
    sid = uid("service", org["key"], s["key"])
    rec = {"id": sid, "organization_id": oid, "name": s["name"]}
    if s.get("alt"):
        rec["alternate_name"] = s["alt"]
    rec["description"] = s["description"]
    rec["status"] = s.get("status", "active")
    if s.get("apply"):
        rec["application_process"] = s["apply"]
    if s.get("elig"):
        rec["eligibility_description"] = s["elig"]
    if s.get("fees"):
        rec["fees_description"] = s["fees"]
    if s.get("wait"):
        rec["wait_time"] = s["wait"]
    if s.get("interp"):
        rec["interpretation_services"] = s["interp"]
    if s.get("min_age") is not None:
        rec["minimum_age"] = s["min_age"]
    if s.get("max_age") is not None:
        rec["maximum_age"] = s["max_age"]
    rec["assured_date"] = s["assured"]
    if s.get("alert"):
        rec["alert"] = s["alert"]

    phones = []
    for i, p in enumerate(s.get("phones") or [("voice", None)]):
        if len(p) == 3:
            number, kind, desc = p
        else:
            kind, desc = p
            number = book.take(area_code)
        ph = {"id": uid("phone", sid, i), "number": number, "type": kind}
        if desc:
            ph["description"] = desc
        phones.append(ph)
    rec["phones"] = phones

    schedules = []
    for i, h in enumerate(s.get("hours") or []):
        sch = {"id": uid("schedule", sid, i), "freq": "WEEKLY", "byday": h["byday"],
               "opens_at": h["opens_at"], "closes_at": h["closes_at"]}
        if h["description"]:
            sch["description"] = h["description"]
        schedules.append(sch)
    if schedules:
        rec["schedules"] = schedules

    rec["service_areas"] = service_area(region_key, org, s, sid)

    locs = s.get("loc")
    if locs and not s.get("conf"):
        if isinstance(locs, dict):
            locs = [locs]
        rec["service_at_locations"] = []
        for loc in locs:
            lrec = location_record(region_key, loc)
            rec["service_at_locations"].append({"id": uid("service_at_location", sid, lrec["id"]), "location": lrec})

    rec["languages"] = [{"id": uid("language", sid, code), "name": LANGUAGE_NAMES[code], "code": code}
                        for code in split(s.get("langs", "en"))]

    if s.get("cap"):
        unit, available, maximum, updated = s["cap"]
        rec["capacities"] = [{
            "id": uid("capacity", sid, unit),
            "unit": {"id": uid("unit", unit), "name": unit},
            "available": available,
            "maximum": maximum,
            "updated": updated,
        }]

    attrs = []
    for code in split(s.get("needs")):
        need = tax.needs[code]
        attrs.append(attribute(sid, "pathways-needs", code, need["label"]["en"], need["description"]["en"]))
    for name in s.get("oe") or []:
        attrs.append(attribute(sid, "Open Eligibility", None, name, f"Open Eligibility taxonomy term: {name}."))
    for code in split(s.get("conds")):
        attrs.append(attribute(sid, "pathways-conditions", code, tax.conditions[code]["label"]["en"], CONDITION_TEXT[code]))
    flags = split(s.get("attrs"))
    if s.get("conf") and "confidential_location" not in flags:
        flags.append("confidential_location")
    for code in flags:
        attrs.append(attribute(sid, "pathways-attributes", code, tax.attributes[code]["label"]["en"], ATTRIBUTE_TEXT[code]))
    if s.get("culture"):
        attrs.append(attribute(sid, "pathways-attributes", "culturally_specific",
                               tax.attributes["culturally_specific"]["label"]["en"],
                               ATTRIBUTE_TEXT["culturally_specific"], s["culture"]))
    if s.get("genders"):
        attrs.append(attribute(sid, "pathways-attributes", "genders", tax.attributes["genders"]["label"]["en"],
                               ATTRIBUTE_TEXT["genders"], s["genders"]))
    rec["attributes"] = attrs
    return rec


def build_org(tax, book, org, region_index):
    region_key = org["region"]
    codes = REGIONS[region_key][5]
    area_code = org.get("ac") or (codes[region_index % len(codes)] if codes else None)
    oid = uid("organization", org["key"])
    rec = {"id": oid, "name": org["name"]}
    if org.get("alt"):
        rec["alternate_name"] = org["alt"]
    rec["description"] = org["description"]
    if org.get("website"):
        rec["website"] = org["website"]
    if org.get("year"):
        rec["year_incorporated"] = org["year"]
    if org.get("phone"):
        number, desc = org["phone"]
    else:
        number, desc = book.take(area_code), org.get("phone_desc", "Main office")
    rec["phones"] = [{"id": uid("phone", oid, 0), "number": number, "type": "voice", "description": desc}]
    rec["attributes"] = []
    if region_key != "national":
        rec["attributes"].append(attribute(oid, "pathways-attributes", "sample_data",
                                           tax.attributes["sample_data"]["label"]["en"],
                                           ATTRIBUTE_TEXT["sample_data"], "Fictional sample listing"))
    else:
        del rec["attributes"]
    rec["services"] = [build_service(tax, book, region_key, org, area_code, s) for s in org["services"]]
    return rec


def build():
    tax = Taxonomy()
    book = PhoneBook()
    out = defaultdict(list)
    per_region = Counter()
    seen = set()
    for org in ORGS:
        if org["key"] in seen:
            raise SystemExit(f"duplicate organisation key {org['key']}")
        seen.add(org["key"])
        out[org["region"]].append(build_org(tax, book, org, per_region[org["region"]]))
        per_region[org["region"]] += 1
    return tax, out


def write(out):
    LISTINGS.mkdir(parents=True, exist_ok=True)
    for region_key, file_name in REGION_FILES.items():
        path = LISTINGS / file_name
        path.write_text(json.dumps(out[region_key], indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {path.relative_to(ROOT)} ({len(out[region_key])} organisations)")


# =============================================================================================
# THE LISTINGS. Written by hand. Everything outside national-hotlines is fictional.
# =============================================================================================

# --------------------------------------------------------------------------------- Houston ---

EAST_END = LOC("East End Survivor Center", "2417 Larkspur Avenue", "77003", 29.7468, -95.3472)

O("houston", "bayou-city-freedom", "Bayou City Freedom Collective",
  "Fictional sample listing. A survivor-led nonprofit in Houston's East End, started in 2014 by "
  "five women who got out of trafficking and could not find anyone who understood. Peer "
  "advocates, most of them survivors, work alongside social workers and a staff attorney.",
  year=2014,
  services=[
    S("drop-in", "Survivor Drop-In Center",
      "Come in without an appointment to rest, take a shower, charge your phone and talk with a peer "
      "advocate who has been where you are. You never have to tell your story, show ID or talk to "
      "police to use the center. Coffee, snacks, a clothing closet and hygiene kits are always out.",
      needs="safety.planning basic.clothing advocacy.case_management",
      attrs="walk_in survivor_led lgbtq_affirming wheelchair_accessible", genders="all",
      langs="en es", min_age=18, assured="2026-11-14",
      elig="Adults 18 and older who have been bought, sold, or forced or tricked into work or sex, or "
           "who are not sure whether what happened to them counts.",
      apply="Just walk in. Ring the buzzer marked 'Studio B' if the front door is locked.",
      hours=[H(WEEKDAYS, "10:00", "18:00"), H("SA", "10:00", "14:00", "Saturday mornings, women only")],
      phones=[("voice", "Front desk"), ("text", "Text an advocate, answered during open hours")],
      loc=EAST_END),
    S("advocacy", "Long-Term Peer Advocacy",
      "An advocate is matched with you and stays for as long as you want her, often two years or "
      "more. Together you build a plan around your own goals, and she comes with you to court, the "
      "benefits office, the doctor or a new landlord. If you relapse, move or go back, the door "
      "stays open.",
      needs="advocacy.case_management skills.life", attrs="survivor_led lgbtq_affirming", genders="all",
      langs="en es", min_age=18, assured="2026-10-30",
      cap=("openings", 3, 40, "2026-11-14T17:05:00-06:00"),
      apply="Ask for an advocate at the drop-in center or call the main line; the first meeting can be "
            "anywhere you feel safe.",
      hours=[H(WEEKDAYS, "09:00", "17:00", "Office hours; advocates also meet evenings by arrangement")],
      loc=EAST_END),
    S("documents", "ID and Document Recovery Desk",
      "Traffickers often keep birth certificates, passports and Social Security cards. Staff here "
      "order replacements for you, pay the state and county fees out of a small fund, and keep copies "
      "in a locked file so you never lose them again.",
      needs="legal.id_documents", attrs="walk_in survivor_led", langs="en es", assured="2026-09-18",
      elig="No ID is needed to start; that is the point. Texas birth records usually arrive in four to "
           "six weeks.",
      hours=[H("TU,TH", "13:00", "17:00")],
      loc=EAST_END),
    S("tech-safety", "Phone and Tech Safety Clinic",
      "Bring your phone and a volunteer will check it for tracking apps, shared locations and "
      "accounts someone else can get into. You can leave with a prepaid phone, new email and "
      "social media accounts, and a written safety plan.",
      needs="safety.planning", attrs="walk_in", langs="en", assured="2025-12-06",
      hours=[H("SA", "10:00", "13:00", "Second and fourth Saturdays of the month")],
      loc=EAST_END),
  ])

O("houston", "casa-refugio-golfo", "Casa Refugio del Golfo",
  "Fictional sample listing. A bilingual domestic violence and trafficking shelter founded by "
  "Mexican-American and Central American women in 1996. Its shelter address is never published; "
  "support groups meet in a public community room in Magnolia Park.",
  year=1996,
  services=[
    S("shelter", "Emergency Shelter for Women and Children",
      "A safe house for women and their children escaping a partner, a pimp or an employer who "
      "controls them. Stays are usually up to 90 days, with a private room per family, meals, "
      "school transport for the kids and a bilingual advocate. Call the intake line any hour; "
      "staff will meet you at a safe spot and bring you in.",
      needs="shelter.emergency safety.planning", conds="mandated_reporter", conf=True,
      attrs="open_24_7", genders="women", culture="Latina women and families",
      langs="en es", assured="2026-11-19", cap=("beds", 4, 32, "2026-11-19T08:30:00-06:00"),
      elig="Women 18 and older and their children of any age. Boys over 14 are placed with their "
           "mother in a partner hotel nearby.",
      apply="Call the 24-hour intake line. Nothing to bring; staff have clothes, medicine vouchers "
            "and diapers on hand.",
      phones=[("voice", "24-hour intake line")], hours=ALWAYS()),
    S("grupos", "Grupos de Apoyo (Support Groups)",
      "Weekly support groups in Spanish and English for women who have lived through abuse or "
      "exploitation, led by a licensed counselor and a survivor co-facilitator. Childcare is "
      "provided in the next room. Nobody is asked for papers.",
      needs="health.therapy", attrs="walk_in wheelchair_accessible", genders="women",
      culture="Latina women and families", langs="es en", assured="2026-08-21",
      hours=[H("TU", "18:00", "20:00", "Grupo en español"), H("TH", "18:00", "20:00", "English-language group")],
      loc=LOC("Magnolia Park Community Room", "6820 Canal Terrace", "77011", 29.7389, -95.3078)),
  ])

GCIJP = LOC("Gulf Coast Immigrant Justice Project", "9550 Bellbrook Drive, Suite 210", "77036", 29.7027, -95.5371)

O("houston", "gulf-coast-immigrant-justice", "Gulf Coast Immigrant Justice Project",
  "Fictional sample listing. A nonprofit law office in Sharpstown with eleven attorneys and "
  "accredited representatives who take immigration, labor and victims' rights cases at no cost.",
  year=2003,
  services=[
    S("t-u-visa", "T and U Visa Representation",
      "An attorney screens you for every form of protection you might qualify for, then represents "
      "you through the T visa, U visa or continued-presence request and the work permit that comes "
      "with it. Consultations are confidential; we do not share information with immigration "
      "enforcement.",
      needs="legal.immigration legal.victim_rights", langs="en es vi ar", assured="2026-11-04",
      elig="Anyone in the Houston area who was a victim of trafficking or another serious crime in "
           "the United States, whatever their current status.",
      apply="Call for an intake appointment. If you have any papers (a passport, a police case number, "
            "letters from immigration) bring them, but come even if you have nothing.",
      wait="New intakes are usually seen within two weeks.",
      hours=[H(WEEKDAYS, "09:00", "17:30")], loc=GCIJP),
    S("safe-return", "Safe Return and Family Reunification",
      "For survivors who want to go home. A case worker works with your consulate and partner "
      "agencies in your country to arrange travel documents, a flight, someone to meet you on "
      "arrival and follow-up once you are there. Staff can also help bring a spouse or children "
      "here if you are staying.",
      needs="legal.repatriation legal.immigration", langs="en es vi", assured="2026-06-12",
      apply="Call and ask for the return coordinator. There is no deadline and you can change your mind.",
      hours=[H(WEEKDAYS, "09:00", "17:30")], loc=GCIJP),
    S("record-clearing", "Record-Clearing Clinic for Survivors",
      "Prostitution, theft or drug charges that happened because someone was trafficking you can often "
      "be sealed or cleared. Volunteer lawyers review your record on the spot and file petitions for "
      "nondisclosure or expunction, without charging you for filing.",
      needs="legal.criminal_record", attrs="walk_in", langs="en es", assured="2026-03-27",
      hours=[H("WE", "17:30", "20:00", "First and third Wednesday evenings")], loc=GCIJP),
  ])

THIRD_WARD = LOC("Third Ward Community Health Center", "3105 Dowling Crescent", "77004", 29.7247, -95.3641)

O("houston", "third-ward-health", "Third Ward Community Health Center",
  "Fictional sample listing. A community health center serving the Third Ward, Midtown and "
  "South Union since 1979, with medical, dental and behavioral health care under one roof.",
  year=1979,
  services=[
    S("primary-care", "Primary Care and Women's Health",
      "Checkups, birth control, pregnancy care, STI testing and treatment, and care for chronic "
      "illnesses like diabetes or asthma. Same-day visits are held back every morning for people "
      "who just walk in. Insurance is not needed.",
      needs="health.medical", conds="fee", attrs="walk_in wheelchair_accessible", langs="en es",
      assured="2026-10-08",
      fees="Sliding scale from $20 to $60 a visit by household income; no one is turned away for "
           "inability to pay. Medicaid, CHIP and most insurance accepted.",
      apply="Walk in from 8am for a same-day slot, or call to book.",
      hours=[H(WEEKDAYS, "08:00", "17:00"), H("SA", "09:00", "13:00")], loc=THIRD_WARD),
    S("behavioral-urgent", "Behavioral Health Urgent Care",
      "If you are panicking, hearing things, thinking about hurting yourself or simply cannot cope "
      "today, come straight in. A counselor sees you within the hour, and a psychiatric nurse can "
      "start medication the same day. There is no charge for urgent visits.",
      needs="health.crisis", attrs="walk_in wheelchair_accessible", langs="en es", assured="2026-10-08",
      hours=[H(WEEKDAYS, "08:00", "20:00")], loc=THIRD_WARD),
    S("trauma-therapy", "Trauma Therapy",
      "Weekly individual therapy with clinicians trained in trauma-focused approaches such as "
      "EMDR and cognitive processing therapy. Sessions are 50 minutes and can continue as long as "
      "they help.",
      needs="health.therapy", conds="fee", langs="en es", assured="2026-07-15",
      cap=("openings", 0, 18, "2026-11-10T12:00:00-06:00"),
      fees="$10 to $45 a session on a sliding scale; free for survivors referred by an advocate.",
      apply="Ask at the front desk or have your advocate call. When slots are full you go on a waiting "
            "list and get a check-in call every two weeks.",
      hours=[H(WEEKDAYS, "09:00", "19:00")], loc=THIRD_WARD),
  ])

O("houston", "harrisburg-pantry", "Harrisburg Neighborhood Food Pantry",
  "Fictional sample listing. A volunteer-run food pantry and supper program that grew out of a "
  "church basement on the East End in 1988 and now runs from a former hardware store.",
  year=1988,
  services=[
    S("pantry", "Saturday Food Pantry",
      "Shop for a week of groceries: canned goods, rice and beans, fresh produce from local farms, "
      "eggs, and baby formula when it has been donated. Households can visit once a month.",
      oe=["Food Pantry"], conds="id_required", attrs="walk_in wheelchair_accessible", langs="en es",
      assured="2025-11-15",
      elig="Bring any photo ID and something showing a Harris County address. If you have neither, "
           "ask a volunteer for the emergency box, which needs nothing.",
      hours=[H("SA", "08:00", "12:00")],
      loc=LOC("Harrisburg Neighborhood Food Pantry", "7214 Magnolia Bend Street", "77012", 29.7196, -95.2813)),
    S("supper", "Weeknight Hot Supper",
      "A free sit-down dinner twice a week, served by neighbors at long tables. Plates to go are "
      "fine, and nobody asks your name or where you live.",
      infer="basic.food", attrs="walk_in wheelchair_accessible", langs="en es", assured="2025-11-15",
      hours=[H("TU,TH", "17:30", "19:00")],
      loc=LOC("Harrisburg Neighborhood Food Pantry", "7214 Magnolia Bend Street", "77012", 29.7196, -95.2813)),
  ])

NORTHSIDE = LOC("Northside Recovery House office", "1108 Quitman Ridge", "77009", 29.7951, -95.3652)

O("houston", "northside-recovery", "Northside Recovery House",
  "Fictional sample listing. A recovery community on Houston's Northside run by women in long-term "
  "recovery, with a sober residence and free outpatient groups.",
  year=2009,
  services=[
    S("sober-living", "Women's Sober Living Residence",
      "A shared house for 14 women in early recovery, with house meetings, a recovery coach, chores and "
      "a curfew. Residents work or go to school during the day, and many stay six to twelve months. "
      "A bed opens up roughly once a month.",
      needs="health.substance_use housing.long_term", conds="sobriety fee", genders="women",
      langs="en", min_age=18, assured="2026-09-02", cap=("beds", 2, 14, "2026-11-03T10:00:00-06:00"),
      fees="$140 a week, including utilities. The first two weeks are free and a scholarship fund "
           "covers rent for residents between jobs.",
      elig="Women 18 and older with at least 7 days clean and sober; residents agree to random testing.",
      apply="Call to set up a phone interview; a coach can pick you up from detox or treatment.",
      hours=[H(WEEKDAYS, "10:00", "16:00", "Intake interviews")], loc=NORTHSIDE),
    S("outpatient-group", "Evening Recovery Group",
      "A drop-in group for anyone who wants to drink or use less, or stop. You do not have to be "
      "sober to come and you will not be asked to leave for slipping up. Narcan kits and fentanyl "
      "test strips are free at the door.",
      needs="health.substance_use", attrs="walk_in lgbtq_affirming", genders="all", langs="en es",
      assured="2026-09-02", hours=[H("MO,WE", "18:30", "20:00")], loc=NORTHSIDE),
  ])

HOPE_HARBOR = LOC("Hope Harbor Rescue Mission", "1915 Pelican Wharf Street", "77002", 29.7622, -95.3551)

O("houston", "hope-harbor-mission", "Hope Harbor Rescue Mission",
  "Fictional sample listing. A Christian rescue mission on the edge of downtown Houston that has "
  "served meals and given beds to people without homes since 1952.",
  year=1952,
  services=[
    S("womens-shelter", "Women's Overnight Shelter",
      "Sixty beds for women, with dinner, a hot shower, laundry and breakfast. Guests attend the "
      "evening chapel service before dinner, and the building is alcohol- and drug-free. Lockers are "
      "available for guests who stay more than one night.",
      needs="shelter.emergency community.faith", conds="faith sobriety", attrs="wheelchair_accessible",
      genders="women", langs="en es", min_age=18, assured="2026-11-18",
      cap=("beds", 0, 60, "2026-11-19T21:40:00-06:00"),
      elig="Women 18 and older. Guests must be sober on arrival and attend chapel at 6pm.",
      apply="Line up at the side entrance from 5pm; beds are given first come, first served.",
      hours=[H(ALL_DAYS, "17:00", "07:00", "Check-in 5pm to 8pm; guests leave by 7am")], loc=HOPE_HARBOR),
    S("clothing-room", "Clothing Room",
      "Pick out two outfits, a pair of shoes, underwear and socks each visit, plus a coat in winter. "
      "Interview clothes are set aside for anyone starting a job.",
      needs="basic.clothing", attrs="walk_in", genders="all", langs="en", assured="2024-06-20",
      hours=[H("WE", "09:00", "12:00"), H("SA", "09:00", "12:00")], loc=HOPE_HARBOR),
    S("chaplains", "Chaplains' Office",
      "Chaplains are here to pray with you, talk through grief or guilt, or connect you with a church, "
      "mosque or temple if you ask. It is entirely up to you; nobody needs to see a chaplain to get a "
      "meal or a bed.",
      needs="community.faith", attrs="walk_in", genders="all", langs="en es", assured="2026-04-09",
      hours=[H(WEEKDAYS, "10:00", "16:00")], loc=HOPE_HARBOR),
  ])

ALIEF = LOC("Alief Youth Outreach", "11230 Amberleaf Drive", "77072", 29.6991, -95.5862)

O("houston", "alief-youth-outreach", "Alief Youth Outreach",
  "Fictional sample listing. A youth agency in southwest Houston for young people who have run "
  "away, been kicked out or been exploited, with a drop-in center and a network of volunteer host homes.",
  year=2011,
  services=[
    S("drop-in", "Youth Drop-In Center",
      "A place for young people to eat, do laundry, grab clean clothes and hang out safely, with "
      "youth workers who can help if someone is pressuring you to sell sex or run drugs. Outreach "
      "workers also walk Bellaire and the apartment complexes nearby on weeknights.",
      needs="safety.planning basic.food basic.clothing", conds="mandated_reporter",
      attrs="walk_in lgbtq_affirming", genders="all", langs="en es vi", min_age=13, max_age=24,
      assured="2026-11-07",
      elig="Ages 13 to 24. Staff must report abuse of anyone under 18 to Child Protective Services, "
           "and they will tell you before they do.",
      hours=[H(WEEKDAYS, "14:00", "21:00")], phones=[("voice", None), ("text", "Youth text line")],
      loc=ALIEF),
    S("host-homes", "Host Homes for Young Adults",
      "Stay with a trained volunteer household for up to six months while you save money, finish "
      "school or look for an apartment. A case manager checks in weekly. Hosts are screened and many "
      "are LGBTQ+ themselves.",
      needs="housing.long_term shelter.emergency", conf=True, attrs="lgbtq_affirming", genders="all",
      langs="en es", min_age=18, max_age=24, assured="2026-10-01",
      cap=("beds", 1, 6, "2026-10-28T15:00:00-05:00"),
      apply="Call the intake line; an interview is usually possible within three days.",
      phones=[("voice", "24-hour intake line")], hours=ALWAYS("Intake line answered 24/7 by on-call staff")),
  ])

O("houston", "workforce-bridge", "Greater Houston Workforce Bridge",
  "Fictional sample listing. An employment nonprofit with sites in the Galleria area and Pasadena "
  "that trains adults for jobs in healthcare, logistics and the building trades.",
  year=1999,
  services=[
    S("job-readiness", "Job Readiness and Placement",
      "A four-week course on resumes, interviews and workplace basics, followed by a job developer "
      "who sends you to employers who hire through the program. Graduates get a bus pass and work "
      "boots or scrubs for their first month.",
      needs="employment", conds="id_required immigration_status", attrs="wheelchair_accessible",
      langs="en es", min_age=18, assured="2026-05-19", cap=("openings", 12, 25, "2026-11-01T09:00:00-05:00"),
      elig="Adults with a state ID and authorization to work in the United States. A T visa or "
           "work permit based on a pending case counts.",
      apply="Attend an information session any Monday at 10am at either site.",
      hours=[H(WEEKDAYS, "08:30", "17:00")],
      loc=[LOC("Workforce Bridge Galleria", "5800 Meadowgate Boulevard", "77057", 29.7398, -95.4862),
           LOC("Workforce Bridge Pasadena", "2105 Southmoor Plaza", "77506", 29.6985, -95.2003, city="Pasadena")]),
    S("ged-esl", "GED and English Evening Classes",
      "Free evening classes to prepare for the GED or to learn English, with small classes and "
      "tutors who stay after. Books are free, and nobody checks immigration papers.",
      needs="education", attrs="walk_in", langs="en es vi", min_age=16, assured="2026-05-19",
      hours=[H("MO,TU,WE,TH", "18:00", "20:30")],
      loc=LOC("Workforce Bridge Pasadena", "2105 Southmoor Plaza", "77506", 29.6985, -95.2003, city="Pasadena")),
  ])

O("houston", "clear-credit-houston", "Clear Credit Houston",
  "Fictional sample listing. A nonprofit financial counseling agency in Montrose staffed by "
  "certified credit counselors and a consumer attorney.",
  year=2006,
  services=[
    S("coerced-debt", "Coerced Debt and Credit Repair",
      "If someone opened cards, loans or phone plans in your name, or made you sign for a car, a "
      "counselor pulls your credit reports with you, disputes the accounts and helps you file an "
      "identity theft report. You can also open a free starter bank account through a partner "
      "credit union.",
      needs="financial.credit", langs="en es", assured="2026-02-11",
      apply="Call to book a 90-minute first appointment, in person or by phone.",
      hours=[H(WEEKDAYS, "09:00", "17:00"), H("TH", "17:00", "19:00", "Late appointments on Thursdays")],
      loc=LOC("Clear Credit Houston", "1412 Waverly Oaks Street", "77006", 29.7433, -95.3924)),
  ])

O("houston", "little-sprouts", "Little Sprouts Family Center",
  "Fictional sample listing. A licensed child care center in South Union that keeps a share of "
  "its places for parents in crisis, rehab or job training.",
  year=2015,
  services=[
    S("crisis-childcare", "Crisis and Drop-In Childcare",
      "Free childcare for up to 30 days for children six weeks to five years old while a parent goes "
      "to court, treatment, job interviews or moves into housing. Meals and diapers are included.",
      needs="childcare", conds="mandated_reporter", attrs="wheelchair_accessible", langs="en es",
      assured="2025-09-30", cap=("openings", 3, 20, "2026-11-12T07:45:00-06:00"),
      apply="A parent can call the same morning; bring the child's immunization record if you have it.",
      hours=[H(WEEKDAYS, "06:30", "18:30")],
      loc=LOC("Little Sprouts Family Center", "8807 Cypress Bloom Lane", "77021", 29.6958, -95.3575)),
  ])

VRC = LOC("Harris County Victim Rights Center", "601 Prairie Commerce Street, 3rd Floor", "77002", 29.7578, -95.3620)

O("houston", "victim-rights-center-houston", "Harris County Victim Rights Center",
  "Fictional sample listing. A nonprofit legal center downtown that helps crime victims through "
  "the court process and the state compensation program.",
  year=1991,
  services=[
    S("compensation", "Crime Victims' Compensation Assistance",
      "An advocate fills out the state crime victims' compensation application with you and follows "
      "it until it is paid. Compensation can cover counseling, medical bills, lost wages and "
      "relocation.",
      needs="legal.victim_rights advocacy.case_management", conds="police_report", langs="en es",
      assured="2026-01-21",
      elig="The state program requires that the crime was reported to law enforcement. Our advocates "
           "can help you decide whether to report.",
      hours=[H(WEEKDAYS, "08:00", "16:30")], loc=VRC),
    S("protective-orders", "Protective Order Help",
      "Staff attorneys prepare and argue applications for protective orders against a partner, "
      "family member, stalker or trafficker. You do not need to have filed a police report, and "
      "there are no court costs for protective orders in Texas.",
      needs="legal.victim_rights safety.planning", langs="en es", assured="2026-01-21",
      hours=[H(WEEKDAYS, "08:00", "16:30")], loc=VRC),
  ])

LOTUS = LOC("Lotus Bridge Family Services", "10810 Sandalwood Plaza, Suite 118", "77072", 29.7041, -95.5699)

O("houston", "lotus-bridge", "Lotus Bridge Family Services",
  "Fictional sample listing. A Vietnamese-American community agency in Alief that started by "
  "helping refugee families in the 1980s and today serves many Asian immigrant communities.",
  year=1984,
  services=[
    S("family-counseling", "Counseling in Vietnamese",
      "Counselors who grew up in the community offer individual and family counseling in Vietnamese "
      "and English, at the office or by phone. Many clients come for stress, sleep problems or family "
      "conflict; staff are also trained to help people recovering from forced labor.",
      needs="health.therapy advocacy.case_management", culture="Vietnamese and Vietnamese-American",
      genders="all", langs="vi en", assured="2026-06-25",
      hours=[H(WEEKDAYS, "09:00", "18:00"), H("SA", "09:00", "12:00")], loc=LOTUS),
    S("nail-salon-rights", "Nail and Beauty Worker Rights Clinic",
      "Workers in nail salons and massage businesses can get confidential advice about unpaid wages, "
      "debts to an employer, confiscated passports and threats. A lawyer can file a wage claim or help "
      "you leave safely.",
      needs="legal.victim_rights", culture="Vietnamese and other Asian immigrant workers", genders="all",
      langs="vi zh ko en", assured="2025-08-14",
      hours=[H("SU", "10:00", "14:00", "Sundays, when most salons are closed in the morning")], loc=LOTUS),
  ])

# ----------------------------------------------------------------------------- Los Angeles ---

PFN = LOC("Pacific Freedom Network", "1840 Alvarado Vista Street, 2nd Floor", "90057", 34.0601, -118.2779)

O("los-angeles", "pacific-freedom-network", "Pacific Freedom Network",
  "Fictional sample listing. A Los Angeles anti-trafficking organisation near MacArthur Park that "
  "runs a round-the-clock response line and long-term case management for survivors of sex and "
  "labor trafficking, whatever their age, gender or immigration status.",
  year=2001,
  services=[
    S("response-line", "24-Hour Trafficking Response Line",
      "Call at any hour if you, a friend or a worker you met needs to get out of a trafficking "
      "situation. A responder helps you think through what is safe right now and, if you want, "
      "sends a team to meet you anywhere in the county with a ride, food and a place to stay. "
      "Calling does not mean police will be involved.",
      needs="safety.planning advocacy.case_management", attrs="phone_only open_24_7", genders="all",
      langs="en es ko zh tl th", assured="2026-11-20",
      phones=[("voice", "24-hour response line"), ("text", "Text line, answered around the clock")],
      hours=ALWAYS()),
    S("case-management", "Survivor Case Management",
      "Your case manager helps with whatever comes first: a bed, a doctor, getting your passport "
      "back from an employer, school for your kids. Support lasts as long as you need it, and "
      "there is a flexible fund for rent deposits, phones and bus passes.",
      needs="advocacy.case_management legal.id_documents", genders="all", langs="en es ko tl",
      assured="2026-10-22", cap=("openings", 5, 120, "2026-11-18T11:00:00-08:00"),
      apply="Call the response line or ask any partner agency to refer you; a first meeting can be "
            "at our office or somewhere you choose.",
      hours=[H(WEEKDAYS, "09:00", "18:00")], loc=PFN),
    S("money-credit", "Money and Credit After Trafficking",
      "A six-week evening workshop on budgeting, banking and rebuilding credit, followed by one-on-one "
      "sessions to dispute debts someone ran up in your name. Dinner and childcare are provided.",
      needs="financial.credit skills.life", genders="all", langs="en es", assured="2025-04-03",
      hours=[H("WE", "18:00", "20:30")], loc=PFN),
  ])

O("los-angeles", "casa-de-las-hermanas", "Casa de las Hermanas",
  "Fictional sample listing. A shelter and transitional housing program in East Los Angeles, "
  "founded by Chicana organizers and run in Spanish first.",
  year=1983,
  services=[
    S("refugio", "Refugio de Emergencia (Emergency Shelter)",
      "A confidential house for women and their children fleeing violence or exploitation. There is "
      "no sobriety test, no ID check and no question about papers; staff work with you wherever you "
      "are. Stays run up to four months with an advocate, meals and a legal clinic on site.",
      needs="shelter.emergency safety.planning", conf=True, attrs="open_24_7", genders="women",
      culture="Latina women and families", langs="es en", assured="2026-11-17",
      cap=("beds", 0, 18, "2026-11-19T22:10:00-08:00"),
      apply="Llame a cualquier hora. Call any time; if the house is full, staff will find you a motel "
            "room for the night and call you first when a bed opens.",
      phones=[("voice", "24-hour intake line / Línea de admisión 24 horas")], hours=ALWAYS()),
    S("transitional", "Transitional Apartments",
      "Scattered-site apartments for up to two years for women who have left the shelter or are "
      "coming out of trafficking. Rent is covered at first and phases up to 30% of income, and an "
      "advocate helps with savings, school and childcare.",
      needs="housing.long_term advocacy.case_management", conf=True, genders="women",
      culture="Latina women and families", langs="es en", min_age=18, assured="2026-08-05",
      cap=("openings", 1, 10, "2026-11-01T09:30:00-07:00"),
      phones=[("voice", "24-hour intake line / Línea de admisión 24 horas")],
      hours=[H(WEEKDAYS, "09:00", "17:00", "Housing staff; the intake line is answered 24/7")]),
  ])

HANUL = LOC("Hanul Women's Center", "3350 Wilshire Crest Avenue, Suite 604", "90005", 34.0614, -118.3043)

O("los-angeles", "hanul-womens-center", "Hanul Women's Center",
  "Fictional sample listing. A Koreatown women's center started by Korean immigrant women in "
  "1990, now serving Korean, Chinese and other Asian immigrant women in their own languages.",
  year=1990,
  services=[
    S("counseling", "Counseling and Crisis Support",
      "Counselors speak Korean and English and understand the shame and family pressure many women "
      "feel. You can call in the middle of a crisis and be seen that week for ongoing counseling, "
      "all free and completely private.",
      needs="health.therapy health.crisis", genders="women", culture="Korean and Korean-American",
      langs="ko en", assured="2026-09-09",
      hours=[H(WEEKDAYS, "10:00", "19:00")], loc=HANUL),
    S("spa-workers", "Legal Advocacy for Spa and Massage Workers",
      "Outreach workers visit spas and massage businesses and meet women where they work. If you owe a "
      "debt you cannot pay off, your passport was taken or you are not allowed to leave, an advocate "
      "can connect you with a lawyer about immigration relief and your rights as a victim.",
      needs="legal.victim_rights safety.planning legal.immigration", genders="women",
      culture="Korean and Chinese immigrant women", langs="ko zh en", assured="2026-09-09",
      hours=[H(WEEKDAYS, "10:00", "19:00")], loc=HANUL),
  ])

FIFTH = LOC("Fifth Street Women's Day Center", "527 Gladys Reach Street", "90013", 34.0431, -118.2405)

O("los-angeles", "fifth-street-womens-day", "Fifth Street Women's Day Center",
  "Fictional sample listing. A day center and night refuge for women and gender-diverse people "
  "living on the streets of Skid Row and downtown Los Angeles.",
  year=1978,
  services=[
    S("day-center", "Women's Day Center",
      "Breakfast and lunch, showers, a laundry room, a mail address and a quiet room to sleep in "
      "during the day. Staff help with benefits and housing paperwork when you are ready.",
      oe=["Drop-In Center", "Hot Meals", "Personal Hygiene"], attrs="walk_in wheelchair_accessible lgbtq_affirming",
      genders="women,transgender,nonbinary", langs="en es", min_age=18, assured="2026-07-30",
      hours=[H(ALL_DAYS, "07:00", "15:00")], loc=FIFTH),
    S("night-refuge", "Night Refuge",
      "Forty cots in a safe, staffed room for women and trans and nonbinary people, open every night. "
      "Partners and pets are not allowed inside, but no one is breathalyzed and you can keep your cart "
      "in the locked yard.",
      needs="shelter.emergency", attrs="walk_in lgbtq_affirming", genders="women,transgender,nonbinary",
      langs="en es", min_age=18, assured="2026-11-19", cap=("beds", 3, 40, "2026-11-19T23:55:00-08:00"),
      hours=[H(ALL_DAYS, "20:00", "07:00", "Doors open 8pm; last entry 1am")], loc=FIFTH),
    S("nurse-clinic", "Street Medicine Nurse Clinic",
      "A nurse practitioner sees patients at the day center for wound care, infections, pregnancy "
      "tests, birth control and prescriptions. Walk up to the window; no insurance, ID or appointment "
      "needed.",
      infer="health.medical", attrs="walk_in", genders="women,transgender,nonbinary", langs="en es",
      assured="2025-06-18", hours=[H("MO,WE,FR", "09:00", "13:00")], loc=FIFTH),
  ])

CLINICA_BH = LOC("Clínica Familiar de Boyle Heights", "2218 César Chávez Terrace", "90033", 34.0473, -118.2106)

O("los-angeles", "clinica-familiar-boyle-heights", "Clínica Familiar de Boyle Heights",
  "Fictional sample listing. A bilingual community clinic in Boyle Heights offering medical care, "
  "counseling and addiction treatment to families on the Eastside.",
  year=1971,
  services=[
    S("primary-care", "Family Medicine",
      "Doctors and nurse practitioners for adults and children: checkups, vaccines, prenatal care, "
      "STI testing and chronic disease care. Every provider speaks Spanish.",
      oe=["Primary Care", "Sexual & Reproductive Health"], conds="fee", attrs="wheelchair_accessible",
      langs="es en", assured="2026-03-12",
      fees="Medi-Cal accepted. Uninsured patients pay a sliding fee of $15 to $40 per visit, waived "
           "on request.",
      apply="Call to book or walk in before 10am for same-day visits.",
      hours=[H(WEEKDAYS, "08:00", "18:00"), H("SA", "08:00", "12:00")], loc=CLINICA_BH),
    S("moud", "Medication for Opioid Use",
      "Start buprenorphine the same day you ask for it, with a doctor who will not lecture you. "
      "Counseling is offered but not required, and missing a visit does not get you kicked out.",
      needs="health.substance_use", attrs="walk_in", langs="es en", min_age=16, assured="2026-03-12",
      hours=[H(WEEKDAYS, "08:00", "18:00")], loc=CLINICA_BH),
    S("counseling", "Consejería / Counseling",
      "Individual and family counseling in Spanish or English with licensed therapists, including "
      "for trauma, grief, depression and anxiety. Sessions are available in person or by video.",
      needs="health.therapy", conds="fee", langs="es en", assured="2025-10-29",
      cap=("openings", 2, 12, "2026-11-05T16:20:00-08:00"),
      fees="Free with Medi-Cal; otherwise $5 to $30 per session based on income.",
      hours=[H(WEEKDAYS, "09:00", "19:00")], loc=CLINICA_BH),
  ])

ASLC = LOC("Angeles Survivors' Law Center", "4120 Venice Arbor Boulevard", "90019", 34.0467, -118.3382)

O("los-angeles", "angeles-survivors-law", "Angeles Survivors' Law Center",
  "Fictional sample listing. A public-interest law firm in Mid-City that represents survivors of "
  "trafficking and gender-based violence at no cost in criminal, immigration and consumer matters.",
  year=2010,
  services=[
    S("vacatur", "Vacatur and Record Relief",
      "California law lets survivors ask a court to vacate arrests and convictions that were a "
      "result of being trafficked. A lawyer collects your records, writes the petition and goes to "
      "court so you usually do not have to.",
      needs="legal.criminal_record", langs="en es", assured="2026-10-14",
      elig="Adults with any arrest or conviction anywhere in California connected to being trafficked. "
           "No police report about the trafficking is needed.",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=ASLC),
    S("immigration", "Immigration Relief and Safe Return",
      "Representation for T visas, U visas, VAWA petitions and asylum. If you would rather go home, "
      "attorneys work with your consulate on travel documents and a safe arrival.",
      needs="legal.immigration legal.repatriation", langs="en es tl th", assured="2026-10-14",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=ASLC),
    S("coerced-debt", "Coerced Debt Legal Help",
      "If a trafficker or abusive partner put debt in your name, attorneys can challenge it with "
      "creditors and credit bureaus under California's coerced debt law and stop collection lawsuits.",
      needs="financial.credit legal.victim_rights", langs="en es", assured="2025-02-26",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=ASLC),
  ])

VALLEY = LOC("Valley Crossroads Youth Shelter", "14650 Orchard Gate Street", "91401", 34.1793, -118.4469, city="Van Nuys")

O("los-angeles", "valley-crossroads", "Valley Crossroads Youth Shelter",
  "Fictional sample listing. A youth shelter and transitional living program in Van Nuys serving "
  "runaway, homeless and exploited young people in the San Fernando Valley.",
  year=1986,
  services=[
    S("youth-shelter", "Youth Crisis Shelter",
      "Twelve beds for teens who have run away, been kicked out or are being exploited. Young people "
      "can stay up to 21 days while counselors work on getting home safely or another safe place to "
      "go. School transport and clothes are provided.",
      needs="shelter.emergency safety.planning", conds="guardian_consent mandated_reporter",
      attrs="walk_in open_24_7", genders="all", langs="en es", min_age=12, max_age=17,
      assured="2026-11-12", cap=("beds", 2, 12, "2026-11-19T06:00:00-08:00"),
      elig="Ages 12 to 17. A parent or guardian must agree to the stay within 72 hours, or staff "
           "contact the county children's agency.",
      phones=[("voice", "24-hour line")], hours=ALWAYS("Doors staffed 24 hours"), loc=VALLEY),
    S("transitional-living", "Transitional Living for Ages 18–24",
      "Shared apartments for up to 18 months with a life coach who helps with cooking, budgeting, a "
      "job and finishing high school or starting college. Residents save part of their income in an "
      "account returned to them when they leave.",
      needs="housing.long_term skills.life education", genders="all", langs="en es", min_age=18, max_age=24,
      assured="2026-05-28", cap=("beds", 0, 16, "2026-11-15T10:00:00-08:00"), loc=VALLEY,
      hours=[H(WEEKDAYS, "09:00", "17:00", "Intake appointments")]),
  ])

HARBOR_WC = LOC("Harbor Workers Center", "1330 Anaheim Cove Street", "90813", 33.7818, -118.1873, city="Long Beach")

O("los-angeles", "harbor-workers-center", "Harbor Workers Center",
  "Fictional sample listing. A worker center in Long Beach that organizes port, warehouse, "
  "domestic and farm workers and helps those who have been cheated, threatened or held in debt.",
  year=2005,
  services=[
    S("labor-rights", "Wage Theft and Labor Trafficking Help",
      "Come talk to an organizer if your boss holds your documents, charges you recruitment fees, "
      "houses you and deducts it all from your pay, or threatens to call immigration. The center files "
      "wage claims, connects you with lawyers and helps you find other work.",
      needs="legal.victim_rights employment", attrs="walk_in", genders="all", langs="es en tl km",
      assured="2026-02-19",
      hours=[H(WEEKDAYS, "10:00", "19:00"), H("SA", "09:00", "13:00")], loc=HARBOR_WC),
    S("forklift", "Warehouse and Forklift Certification",
      "A two-week course for forklift certification and warehouse safety, taught in Spanish or "
      "English, with job referrals to union warehouses at the end.",
      needs="employment", conds="fee", genders="all", langs="es en", min_age=18, assured="2026-02-19",
      fees="$75 for materials and the certification test, waived for anyone referred by a survivor "
           "advocate.",
      hours=[H("SA,SU", "08:00", "14:00", "Weekend course")],
      loc=LOC("Harbor Workers Center training yard", "780 Pacific Slip Way", "90731", 33.7386, -118.2799, city="San Pedro")),
  ])

O("los-angeles", "pico-union-food-bank", "Pico-Union Community Food Bank",
  "Fictional sample listing. A neighborhood food bank in Pico-Union run with volunteers from the "
  "local tenants' union and churches.",
  year=1993,
  services=[
    S("distribution", "Food Distribution and CalFresh Sign-Up",
      "Pick up a box of groceries and fresh produce, and sit with a volunteer to apply for CalFresh "
      "on the spot. Distribution is drive-through or walk-up.",
      oe=["Emergency Food", "Food Benefits"], attrs="walk_in", langs="es en", assured="2024-09-11",
      hours=[H("TU", "09:00", "12:00"), H("FR", "15:00", "18:00")],
      loc=LOC("Pico-Union Community Food Bank", "1261 Venice Hollow Avenue", "90006", 34.0469, -118.2897)),
  ])

O("los-angeles", "inglewood-career-pathways", "Inglewood Career Pathways",
  "Fictional sample listing. A workforce training center in Inglewood preparing adults for jobs "
  "at the airport, in hospitality and in healthcare.",
  year=2008,
  services=[
    S("pathways", "Hospitality and Healthcare Career Training",
      "Ten-week paid training cohorts for certified nursing assistant, hotel operations and airport "
      "ground crew jobs. Participants get a stipend, a laptop loan and a career coach for a year after "
      "placement.",
      needs="employment education", conds="id_required immigration_status", attrs="wheelchair_accessible",
      langs="en es", min_age=18, assured="2026-09-24", cap=("openings", 8, 30, "2026-10-20T08:00:00-07:00"),
      elig="Adults 18+ with photo ID and a Social Security number or work permit.",
      hours=[H(WEEKDAYS, "08:00", "17:00")],
      loc=LOC("Inglewood Career Pathways", "301 Manchester Fields Drive", "90301", 33.9612, -118.3527, city="Inglewood")),
  ])

SUNSET = LOC("Sunset Bridge Youth Center", "6530 Cahuenga Lane", "90028", 34.0985, -118.3301)

O("los-angeles", "sunset-bridge-youth", "Sunset Bridge Youth Center",
  "Fictional sample listing. A drop-in center in Hollywood for homeless and LGBTQ+ young people, "
  "many of whom have traded sex to survive.",
  year=1997,
  services=[
    S("drop-in", "LGBTQ+ Youth Drop-In",
      "Hot meals, showers, clothes and hygiene supplies, and a computer lab, for young people up to "
      "24. Staff can help you stay safe from people who pressure you into dates or 'the life', and "
      "they will use the name and pronouns you give.",
      needs="safety.planning basic.food basic.clothing", conds="mandated_reporter",
      attrs="walk_in lgbtq_affirming wheelchair_accessible", genders="all", langs="en es",
      min_age=12, max_age=24, assured="2026-11-06",
      hours=[H(WEEKDAYS, "11:00", "19:00"), H("SA,SU", "12:00", "17:00")], loc=SUNSET),
    S("youth-therapy", "Counseling for Young People",
      "Free, confidential counseling for ages 12 to 24. In California, youth 12 and older can "
      "consent to their own counseling, so you do not need a parent's permission.",
      needs="health.therapy health.crisis", attrs="lgbtq_affirming", genders="all", langs="en es",
      min_age=12, max_age=24, assured="2026-11-06", cap=("openings", 4, 22, "2026-11-06T14:00:00-08:00"),
      hours=[H(WEEKDAYS, "11:00", "19:00")], loc=SUNSET),
  ])

O("los-angeles", "golden-lantern", "Golden Lantern Community Services",
  "Fictional sample listing. A Chinatown social service agency founded by Chinese-American "
  "families that now serves immigrants from across Asia.",
  year=1972,
  services=[
    S("esl-citizenship", "English and Citizenship Classes",
      "Morning and evening English classes from beginner to advanced, plus help preparing for the "
      "citizenship interview and applying for a green card with an accredited representative.",
      needs="education legal.immigration", attrs="walk_in", langs="zh en vi", assured="2025-07-09",
      hours=[H(WEEKDAYS, "09:00", "12:00"), H("MO,WE", "18:00", "20:00")],
      loc=LOC("Golden Lantern Community Services", "815 Bamboo Court", "90012", 34.0642, -118.2389)),
    S("newcomer-skills", "Newcomer Workshops",
      "Short workshops in Cantonese and Mandarin on opening a bank account, reading a lease, using "
      "the Metro, talking to your children's school and spotting job scams.",
      infer="skills.life", attrs="walk_in", langs="zh en", assured="2025-07-09",
      hours=[H("SA", "10:00", "12:00")],
      loc=LOC("Golden Lantern Community Services", "815 Bamboo Court", "90012", 34.0642, -118.2389)),
  ])

ST_BRIGID = LOC("St. Brigid Catholic Worker House", "3217 Olympic Lantern Street", "90023", 34.0228, -118.1985)

O("los-angeles", "st-brigid-worker-house", "St. Brigid Catholic Worker House",
  "Fictional sample listing. A Catholic Worker house of hospitality in Boyle Heights where "
  "volunteers live in community and share meals with their neighbors.",
  year=1969,
  services=[
    S("soup-line", "Hospitality Kitchen",
      "Soup, bread and coffee every weekday morning, served at tables with real plates. No "
      "sermons, no sign-in, and seconds are always fine.",
      needs="basic.food", attrs="walk_in wheelchair_accessible", langs="es en", assured="2024-11-05",
      hours=[H(WEEKDAYS, "07:00", "10:00")], loc=ST_BRIGID),
    S("accompaniment", "Prayer and Spiritual Accompaniment",
      "If you would like someone to pray with, a rosary, a blessing for your children or to talk "
      "about faith after what you have been through, a sister or lay volunteer will sit with you. "
      "Nobody has to be Catholic or religious to be welcome here.",
      needs="community.faith", langs="es en", assured="2024-11-05",
      hours=[H("SU", "13:00", "16:00"), H("TH", "17:00", "19:00")], loc=ST_BRIGID),
  ])

O("los-angeles", "little-steps-cdc", "Little Steps Child Development Center",
  "Fictional sample listing. A nonprofit preschool and infant-toddler center in East Hollywood "
  "serving working and student parents.",
  year=2002,
  services=[
    S("childcare", "Infant, Toddler and Preschool Care",
      "Full-day care for children six weeks to five years old, with bilingual teachers and breakfast, "
      "lunch and snack. Spaces are held for families referred by shelters and survivor programs.",
      needs="childcare", conds="fee mandated_reporter", attrs="wheelchair_accessible", langs="en es tl",
      assured="2026-06-02", cap=("openings", 0, 48, "2026-11-14T09:00:00-08:00"),
      fees="Free for families eligible for state childcare subsidies; otherwise a sliding weekly fee "
           "from $35 to $260.",
      hours=[H(WEEKDAYS, "06:30", "18:30")],
      loc=LOC("Little Steps Child Development Center", "1604 Serrano Glen Avenue", "90029", 34.0921, -118.3048)),
  ])

# --------------------------------------------------------------------------------- Atlanta ---

O("atlanta", "peachtree-freedom-house", "Peachtree Freedom House",
  "Fictional sample listing. A survivor-led organisation in Atlanta offering a crisis safe house "
  "and peer mentoring for women and girls leaving sex trafficking.",
  year=2012,
  services=[
    S("safe-house", "Crisis Safe House",
      "A home with eight beds where adult women can stay for up to 60 days right after leaving a "
      "trafficker. A house mother is awake overnight, and an advocate helps with medical care, "
      "clothes and a plan for what comes next. No sobriety, police report or ID is required.",
      needs="shelter.emergency safety.planning", conf=True, attrs="open_24_7 survivor_led",
      genders="women", langs="en es", min_age=18, assured="2026-11-16",
      cap=("beds", 1, 8, "2026-11-18T19:30:00-05:00"),
      apply="Call the intake line any time. Staff can pick you up from a hospital, bus station or "
            "police precinct anywhere in metro Atlanta.",
      phones=[("voice", "24-hour intake line")], hours=ALWAYS()),
    S("mentoring", "Survivor Mentorship Circle",
      "Each woman is paired with a mentor who got out of the life herself, and the circle meets every "
      "Thursday for dinner and workshops on budgeting, cooking, goal-setting and healthy "
      "relationships.",
      needs="skills.life health.therapy", attrs="survivor_led wheelchair_accessible", genders="women",
      langs="en", min_age=18, assured="2026-08-27",
      hours=[H("TH", "18:00", "20:30")],
      loc=LOC("Peachtree Freedom House community room", "560 Irwin Hollow Street NE", "30312", 33.7569, -84.3707)),
  ])

O("atlanta", "magnolia-restoration", "Magnolia Restoration Home",
  "Fictional sample listing. A Christian residential ministry in Cobb County for women coming out "
  "of sexual exploitation, supported by churches across north Georgia.",
  year=2016,
  services=[
    S("residential", "Two-Year Restoration Program",
      "A structured two-year residential program with trauma counseling, Bible study, GED classes and "
      "job training. Residents live together in a family-style home, attend worship and give up "
      "phones for the first 30 days.",
      needs="housing.long_term health.therapy community.faith", conds="faith sobriety", conf=True,
      genders="women", langs="en", min_age=18, max_age=40, assured="2025-03-14",
      cap=("beds", 0, 12, "2026-09-30T10:00:00-04:00"),
      elig="Women 18 to 40 who have been sexually exploited, are free of drugs and alcohol for 30 "
           "days and are willing to take part in Christian worship and study.",
      apply="Phone interview, then an application and a reference from a caseworker or pastor. "
            "There is usually a waiting list.",
      phones=[("voice", "Admissions line, weekdays")],
      hours=[H(WEEKDAYS, "09:00", "17:00", "Admissions calls")]),
  ])

AUBURN = LOC("Auburn Avenue Health Collective", "418 Sweet Auburn Row NE", "30312", 33.7551, -84.3781)

O("atlanta", "auburn-avenue-health", "Auburn Avenue Health Collective",
  "Fictional sample listing. A free and low-cost clinic in the Sweet Auburn neighborhood staffed "
  "by volunteer doctors, dentists and nursing students.",
  year=2004,
  services=[
    S("survivor-clinic", "Trauma-Informed Medical Clinic",
      "Evening clinics where survivors of violence and exploitation can get a full checkup, STI and "
      "pregnancy testing, vaccines, and treatment for injuries, with a female provider on request. "
      "Everything is free, and nobody is asked for insurance, ID or a police report.",
      needs="health.medical", attrs="walk_in wheelchair_accessible", genders="all", langs="en es",
      assured="2026-10-19",
      hours=[H("TU,TH", "17:00", "21:00")], loc=AUBURN),
    S("dental", "Dental Clinic",
      "Cleanings, fillings, extractions and dentures. Many survivors come in with broken teeth or "
      "years of missed care, and the dentists see it often.",
      oe=["Dental Care"], conds="fee", langs="en", assured="2024-08-07",
      fees="$25 per visit; dentures $150. Fees are waived for patients referred by a survivor program.",
      wait="New patients usually wait three to five weeks.",
      hours=[H("SA", "08:00", "13:00")], loc=AUBURN),
  ])

BUFORD = LOC("Buford Highway Immigrant Legal Services", "5470 Peachtree Industrial Commons, Suite 12", "30340", 33.8981, -84.2836, city="Doraville")

O("atlanta", "buford-highway-legal", "Buford Highway Immigrant Legal Services",
  "Fictional sample listing. A nonprofit immigration law office on the Buford Highway corridor "
  "with attorneys who speak Spanish, Korean, Vietnamese and Mandarin.",
  year=2000,
  services=[
    S("immigration", "Immigration Legal Services for Survivors",
      "Free consultations and full representation in T visa, U visa and VAWA cases, including help "
      "getting a law-enforcement certification when one is needed. Work permits and green card "
      "applications follow.",
      needs="legal.immigration legal.victim_rights", langs="es ko vi zh en", assured="2026-07-08",
      apply="Call for a consultation. Walk-in screening on the first Saturday of each month.",
      hours=[H(WEEKDAYS, "09:00", "17:00"), H("SA", "09:00", "12:00", "First Saturday of the month")],
      loc=BUFORD),
    S("return-home", "Voluntary Return Assistance",
      "If you want to go back to your home country, a caseworker helps with a passport or travel "
      "document, a ticket, and contact with a shelter or family at the other end. Nobody will pressure "
      "you to leave.",
      needs="legal.repatriation", langs="es ko vi en", assured="2026-07-08",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=BUFORD),
  ])

CLARKSTON = LOC("Clarkston Refugee Women's Network", "3921 Church Meadow Street", "30021", 33.8095, -84.2406, city="Clarkston")

O("atlanta", "clarkston-refugee-womens-network", "Clarkston Refugee Women's Network",
  "Fictional sample listing. Founded by refugee women in Clarkston, one of the most diverse small "
  "towns in America, to help newcomer women find their footing.",
  year=2013,
  services=[
    S("womens-circle", "Women's Circle and Case Management",
      "Case managers who speak Arabic, Somali, Swahili, Burmese and Nepali help women with "
      "appointments, benefits, school enrollment and anything that feels wrong at work or at home. "
      "The weekly circle is a place to drink tea, make friends and learn from each other.",
      needs="advocacy.case_management skills.life", attrs="walk_in", genders="women",
      culture="Refugee and immigrant women", langs="ar so sw my ne en", assured="2026-04-16",
      hours=[H(WEEKDAYS, "09:30", "16:30"), H("WE", "10:00", "12:00", "Women's circle")], loc=CLARKSTON),
    S("esl-jobs", "English and Job Skills for Women",
      "English classes at four levels, with childcare in the next room, plus a sewing and "
      "alterations course that leads to paid work in the network's tailoring shop.",
      infer="education employment", genders="women", culture="Refugee and immigrant women",
      langs="ar so sw my ne en", assured="2026-04-16", hours=[H("MO,TU,TH", "09:30", "12:30")],
      loc=CLARKSTON),
  ])

O("atlanta", "west-end-pantry", "West End Community Pantry and Closet",
  "Fictional sample listing. A community pantry and clothing closet in Atlanta's West End, run "
  "by neighbors out of a former school cafeteria.",
  year=2017,
  services=[
    S("pantry-closet", "Community Pantry and Closet",
      "Choose your own groceries, including fresh greens from the community garden, and pick "
      "clothes, shoes and toiletries from the closet next door. Come as often as you need.",
      oe=["Food Pantry", "Clothing"], attrs="walk_in", langs="en", assured="2026-01-10",
      hours=[H("WE", "16:00", "19:00"), H("SA", "09:00", "12:00")],
      loc=LOC("West End Community Pantry and Closet", "1075 Lawton Grove Avenue SW", "30310", 33.7337, -84.4196)),
  ])

GSCLP = LOC("Georgia Second Chance Law Project", "84 Forsyth Commons Street SW, Suite 300", "30303", 33.7527, -84.3925)

O("atlanta", "georgia-second-chance", "Georgia Second Chance Law Project",
  "Fictional sample listing. A legal nonprofit in downtown Atlanta working on record restriction, "
  "vacatur and victims' rights across Georgia.",
  year=2015,
  services=[
    S("record-restriction", "Record Restriction and Vacatur Clinic",
      "Georgia lets trafficking survivors ask a court to vacate convictions for offenses they were "
      "forced to commit, and many other arrests can be restricted from public view. Bring whatever "
      "you know about your record; staff pull the rest.",
      needs="legal.criminal_record", attrs="walk_in wheelchair_accessible", langs="en es",
      assured="2026-11-03",
      hours=[H("MO", "10:00", "15:00"), H("TH", "16:00", "19:00")], loc=GSCLP),
    S("victim-counsel", "Crime Victim Legal Counsel",
      "When your case is being prosecuted, a lawyer can stand up for your rights: to be informed, to "
      "be heard at sentencing, to restitution, and to privacy about your past.",
      needs="legal.victim_rights", conds="police_report", langs="en", assured="2026-11-03",
      elig="For victims in an open criminal case in Georgia.",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=GSCLP),
  ])

YOUTH_HAVEN = LOC("Atlanta Youth Haven", "312 Joseph Lowery Walk NW", "30314", 33.7581, -84.4156)

O("atlanta", "atlanta-youth-haven", "Atlanta Youth Haven",
  "Fictional sample listing. An emergency shelter and street outreach program for runaway and "
  "homeless youth near the Atlanta University Center.",
  year=1994,
  services=[
    S("shelter", "Youth Emergency Shelter",
      "Sixteen beds for teens 11 to 17 who cannot go home tonight. Youth get meals, a bed, school "
      "transportation and a counselor; staff work with families or with the state to find a safe next "
      "step.",
      needs="shelter.emergency", conds="guardian_consent mandated_reporter", attrs="walk_in open_24_7",
      genders="all", langs="en es", min_age=11, max_age=17, assured="2026-10-26",
      cap=("beds", 3, 16, "2026-11-19T07:15:00-05:00"),
      phones=[("voice", "24-hour line"), ("text", "Text for a ride to the shelter")],
      hours=ALWAYS("Open and staffed 24 hours"), loc=YOUTH_HAVEN),
    S("outreach-van", "Street Outreach Van",
      "The van parks at known hangouts on weeknights with food, water, hygiene kits and phone "
      "chargers. Outreach workers can get a young person to shelter or a hospital on the spot.",
      needs="safety.planning basic.food", conds="mandated_reporter", attrs="lgbtq_affirming",
      genders="all", langs="en es", min_age=11, max_age=24, assured="2026-10-26",
      phones=[("text", "Text to find out tonight's stops")],
      hours=[H(WEEKDAYS, "19:00", "23:00")]),
  ])

O("atlanta", "southside-recovery-alliance", "Southside Recovery Alliance",
  "Fictional sample listing. A recovery community organisation in East Point with peer recovery "
  "coaches and a women's residential treatment program.",
  year=2007,
  services=[
    S("peer-recovery", "Peer Recovery Coaching",
      "Recovery coaches with years of lived experience meet you wherever you are in your use, with "
      "no requirement to be clean. They help with getting into detox, finding meetings, Medicaid "
      "and staying alive in the meantime.",
      needs="health.substance_use", attrs="walk_in survivor_led", genders="all", langs="en",
      assured="2025-05-30",
      hours=[H(WEEKDAYS, "09:00", "19:00"), H("SA", "10:00", "14:00")],
      loc=LOC("Southside Recovery Alliance", "2790 Sylvan Main Street", "30344", 33.6802, -84.4391, city="East Point")),
    S("residential", "Women's Residential Treatment",
      "A 90-day residential treatment program for women, with medication-assisted treatment, group "
      "and individual therapy, and a trauma track for survivors of exploitation. Mothers can bring "
      "children under five.",
      needs="health.substance_use health.therapy", conds="id_required fee", genders="women",
      langs="en es", min_age=18, assured="2025-05-30", cap=("beds", 1, 24, "2026-11-11T13:00:00-05:00"),
      fees="Medicaid and state-funded beds are free; otherwise $85 a day.",
      elig="Women 18 and older. Bring a photo ID or a Medicaid card.",
      hours=ALWAYS("Admissions coordinator on call around the clock"),
      attrs="open_24_7",
      loc=LOC("Southside Recovery Alliance residence", "2814 Sylvan Main Street", "30344", 33.6797, -84.4402, city="East Point")),
  ])

CASCADE = LOC("Cascade Road Family Learning Center", "2275 Cascade Hollow Road SW", "30311", 33.7264, -84.4713)

O("atlanta", "cascade-road-family-learning", "Cascade Road Family Learning Center",
  "Fictional sample listing. An early learning center and adult education program in southwest "
  "Atlanta, built so parents and children can learn under the same roof.",
  year=2010,
  services=[
    S("early-learning", "Early Learning Center",
      "Care and preschool for babies through five-year-olds, from 6:30 in the morning, with "
      "Georgia Pre-K for four-year-olds. Parents in school, job training or recovery get priority.",
      needs="childcare", conds="fee", attrs="wheelchair_accessible", langs="en", assured="2026-02-04",
      cap=("openings", 4, 60, "2026-11-17T08:00:00-05:00"),
      fees="State childcare subsidies (CAPS) accepted; private pay on a sliding scale.",
      hours=[H(WEEKDAYS, "06:30", "18:30")], loc=CASCADE),
    S("parent-ged", "Parent GED Program",
      "Parents study for the GED two mornings a week while their children are in class downstairs. "
      "Tutors, books and the test fees are free.",
      infer="education", langs="en", min_age=18, assured="2026-02-04",
      hours=[H("TU,TH", "09:00", "12:00")], loc=CASCADE),
  ])

O("atlanta", "decatur-housing-partners", "Decatur Housing Partners",
  "Fictional sample listing. A housing nonprofit in DeKalb County that places families and "
  "survivors into apartments and pays rent while they get on their feet.",
  year=2005,
  services=[
    S("rapid-rehousing", "Rapid Rehousing for Survivors",
      "Help finding an apartment in your name, with the deposit, first month and up to 12 months of "
      "rent paid, then a gradual step-down. A housing specialist talks to landlords for you, "
      "including about evictions or bad credit from the past.",
      needs="housing.long_term", conds="id_required", langs="en es", min_age=18, assured="2025-12-15",
      cap=("openings", 2, 15, "2026-11-08T12:00:00-05:00"),
      elig="Survivors of domestic violence, sexual assault or trafficking. Staff can help you get a "
           "Georgia ID before move-in if yours was taken.",
      hours=[H(WEEKDAYS, "08:30", "17:00")],
      loc=LOC("Decatur Housing Partners", "143 Sycamore Bend Place", "30030", 33.7736, -84.2951, city="Decatur")),
  ])

O("atlanta", "grace-fellowship-counseling", "Grace Fellowship Counseling Center",
  "Fictional sample listing. A counseling center attached to a Midtown church, with licensed "
  "therapists who will bring faith into therapy only if the client wants it.",
  year=1998,
  services=[
    S("counseling", "Faith-Integrated Counseling",
      "Licensed therapists offer trauma counseling with or without prayer and scripture; you choose. "
      "Clients of any faith or none are welcome.",
      needs="health.therapy community.faith", conds="fee", langs="en", assured="2024-06-28",
      fees="$20 to $90 a session on a sliding scale. The church's benevolence fund covers survivors "
           "who cannot pay.",
      hours=[H(WEEKDAYS, "09:00", "20:00")],
      loc=LOC("Grace Fellowship Counseling Center", "1190 Juniper Lane NE", "30309", 33.7866, -84.3841)),
  ])

O("atlanta", "peach-state-crisis", "Peach State Crisis Connection",
  "Fictional sample listing. A crisis call center serving metro Atlanta, staffed by counselors "
  "and trained volunteers.",
  year=1989,
  services=[
    S("crisis-line", "Crisis Line and Text",
      "A counselor answers day or night when you feel like you cannot keep going, are having flashbacks "
      "or panic, or are worried about someone else. If you need more, they can send a mobile crisis "
      "team instead of police.",
      needs="health.crisis", attrs="phone_only open_24_7", genders="all", langs="en es",
      assured="2026-11-20",
      phones=[("voice", "24-hour crisis line"), ("text", "24-hour crisis text")], hours=ALWAYS()),
  ])
