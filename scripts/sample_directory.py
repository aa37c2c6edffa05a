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
    "th": "Thai", "km": "Khmer", "ur": "Urdu", "bn": "Bengali",
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
    """One service, written by hand. Keywords:

    needs   pathways need codes, space-separated   | oe      Open Eligibility term names (instead)
    infer   needs Pathways should infer from an untagged service (tally only, not written)
    conds   condition codes; 'fee' needs fees=     | attrs   attribute codes (walk_in, open_24_7, ...)
    genders / culture  attribute values            | langs   ISO 639-1 codes staff speak
    min_age / max_age, cap=(unit, available, maximum, updated), assured (YYYY-MM-DD), status
    elig / apply / fees / wait / interp / alert    | hours   [H(...)] or ALWAYS()
    phones  [(type, description)] numbered 555-01xx automatically, or [(number, type, description)]
    loc     LOC(...) or a list                     | conf    confidential: no location is written
    area    ('radius', lat, lon, km), 'US-XX' or 'US'; default: the region's circle
    """
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
        # Open Eligibility name (lower-cased) -> (need code, the term's first OE id).
        self.oe = {}
        for n in needs:
            for t in n.get("open_eligibility", []):
                self.oe.setdefault(t["name"].lower(), (n["code"], t["id"]))
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


STATE_AREAS = {
    "US-TX": "Texas (statewide)", "US-CA": "California (statewide)", "US-NY": "New York State (statewide)",
    "US-GA": "Georgia (statewide)", "US-IL": "Illinois (statewide)", "US-WA": "Washington State (statewide)",
    "US-ME": "Maine (statewide)",
}


def service_area(region_key, s, sid):
    """The region's circle by default; or area=('radius', lat, lon, km), 'US-XX' or 'US'."""
    label, _, _, centre, km, _ = REGIONS[region_key]
    area = s.get("area")
    if area is None:
        if centre is None:
            raise SystemExit(f"{s['key']}: a statewide or national service needs area=")
        extent, name = f"radius:{centre[0]},{centre[1]},{km}", f"{label} (within {km} km)"
    elif isinstance(area, tuple):
        _, lat, lon, km = area
        extent, name = f"radius:{lat},{lon},{km}", f"Within {km} km of the service"
    elif area == "US":
        extent, name = area, "United States (nationwide)"
    else:
        extent, name = area, STATE_AREAS[area]
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

    rec["service_areas"] = service_area(region_key, s, sid)

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
        oe_id = tax.oe[name.lower()][1]
        attrs.append(attribute(sid, "Open Eligibility", oe_id, name, f"Open Eligibility taxonomy term: {name}."))
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
    S("kids-corner", "Kids' Corner",
      "While you meet with an advocate, see the lawyer or sit in a group, your children can play in "
      "the Kids' Corner down the hall with two trained volunteers. Babies through age twelve are "
      "welcome, there is no sign-up, and snacks and spare clothes are kept on hand.",
      needs="childcare", attrs="walk_in survivor_led", langs="en es", assured="2026-07-24",
      hours=[H(WEEKDAYS, "10:00", "18:00")], loc=EAST_END),
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
      needs="legal.criminal_record", conds="id_required", attrs="walk_in", langs="en es", assured="2026-03-27",
      elig="Bring a photo ID so volunteers can pull your Texas criminal history on the spot.",
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
      needs="health.crisis", conds="mandated_reporter", attrs="walk_in wheelchair_accessible", langs="en es",
      assured="2026-10-08",
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
      needs="basic.clothing", conds="id_required", attrs="walk_in", genders="all", langs="en",
      assured="2024-06-20", elig="Show any ID or a mission guest card; staff log visits to share "
      "clothing fairly.",
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
      needs="housing.long_term shelter.emergency", conds="sobriety", conf=True, attrs="lgbtq_affirming open_24_7",
      genders="all", elig="Ages 18 to 24. Host homes are alcohol- and drug-free.",
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
      needs="education", conds="guardian_consent", attrs="walk_in", langs="en es vi", min_age=16,
      assured="2026-05-19", elig="Adults and 16- and 17-year-olds who have left school; students under "
      "18 need a parent's or guardian's signature.",
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
      needs="financial.credit", conds="id_required", langs="en es", assured="2026-02-11",
      elig="Bring a photo ID and your Social Security number so the counselor can pull your credit "
           "reports.",
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
      needs="health.therapy advocacy.case_management", conds="mandated_reporter",
      culture="Vietnamese and Vietnamese-American",
      genders="all", langs="vi en", assured="2026-06-25",
      hours=[H(WEEKDAYS, "09:00", "18:00"), H("SA", "09:00", "12:00")], loc=LOTUS),
    S("nail-salon-rights", "Nail and Beauty Worker Rights Clinic",
      "Workers in nail salons and massage businesses can get confidential advice about unpaid wages, "
      "debts to an employer, confiscated passports and threats. A lawyer can file a wage claim or help "
      "you leave safely.",
      needs="legal.victim_rights", culture="Vietnamese and other Asian immigrant workers", genders="all",
      langs="vi zh ko en", assured="2025-08-14",
      hours=[H("SU", "10:00", "14:00", "Sunday mornings, before most salons open")], loc=LOTUS),
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
      needs="advocacy.case_management legal.id_documents", conds="mandated_reporter", genders="all",
      langs="en es ko tl",
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
      needs="housing.long_term advocacy.case_management", conds="id_required", conf=True, genders="women",
      culture="Latina women and families",
      elig="Women 18 and older. A photo ID from any country is needed to sign the lease; advocates help "
           "you get one.", langs="es en", min_age=18, assured="2026-08-05",
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
      needs="health.therapy health.crisis", conds="mandated_reporter", genders="women",
      culture="Korean and Korean-American",
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
      oe=["Free Meals", "Personal Hygiene"], attrs="walk_in wheelchair_accessible lgbtq_affirming",
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
      oe=["Primary Care", "Disease Screening"], conds="fee", attrs="wheelchair_accessible",
      langs="es en", assured="2026-03-12",
      fees="Medi-Cal accepted. Uninsured patients pay a sliding fee of $15 to $40 per visit, waived "
           "on request.",
      apply="Call to book or walk in before 10am for same-day visits.",
      hours=[H(WEEKDAYS, "08:00", "18:00"), H("SA", "08:00", "12:00")], loc=CLINICA_BH),
    S("moud", "Medication for Opioid Use",
      "Start buprenorphine the same day you ask for it, with a doctor who will not lecture you. "
      "Counseling is offered but not required, and missing a visit does not get you kicked out.",
      needs="health.substance_use", conds="fee", attrs="walk_in", langs="es en", min_age=16, assured="2026-03-12",
      fees="Medi-Cal covers treatment. Uninsured patients are enrolled in a state grant at no cost or "
           "pay $10 a visit.",
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
      "creditors and credit bureaus under California's coerced debt law and stop collection lawsuits. Bring any collection letters or court "
      "papers you have, even if they are old.",
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
      needs="housing.long_term skills.life education", conds="id_required", genders="all", langs="en es",
      min_age=18, max_age=24, elig="Ages 18 to 24. A photo ID is needed to sign the program agreement.",
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
      "English, with job referrals to union warehouses at the end. Classes run on weekends so people "
      "working night shifts can attend.",
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
      oe=["Emergency Food", "Food Benefits"], conds="id_required", attrs="walk_in", langs="es en",
      assured="2024-09-11", elig="Bring a photo ID from any country (a consular card or an expired ID is "
      "fine) so volunteers can log your household.",
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
      needs="health.therapy health.crisis", conds="mandated_reporter", attrs="lgbtq_affirming", genders="all",
      langs="en es", min_age=12, max_age=24, assured="2026-11-06", cap=("openings", 4, 22, "2026-11-06T14:00:00-08:00"),
      hours=[H(WEEKDAYS, "11:00", "19:00")], loc=SUNSET),
  ])

O("los-angeles", "golden-lantern", "Golden Lantern Community Services",
  "Fictional sample listing. A Chinatown social service agency founded by Chinese-American "
  "families that now serves immigrants from across Asia.",
  year=1972,
  services=[
    S("esl-citizenship", "English and Citizenship Classes",
      "Morning and evening English classes from beginner to advanced, plus help preparing for the "
      "citizenship interview and applying for a green card with an accredited representative. Teachers "
      "speak Cantonese, Mandarin and Vietnamese, and class materials are free.",
      needs="education legal.immigration", conds="fee", attrs="walk_in", langs="zh en vi", assured="2025-07-09",
      fees="Classes are free. Help with a citizenship or green card application costs $50, waived for "
           "anyone who cannot pay; government filing fees are separate.",
      hours=[H(WEEKDAYS, "09:00", "12:00"), H("MO,WE", "18:00", "20:00")],
      loc=LOC("Golden Lantern Community Services", "815 Bamboo Court", "90012", 34.0642, -118.2389)),
    S("newcomer-skills", "Newcomer Workshops",
      "Short workshops in Cantonese and Mandarin on opening a bank account, reading a lease, using "
      "the Metro, talking to your children's school and spotting job scams. Drop in to any session; there "
      "is tea and nobody takes attendance.",
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
      "relationships. Childcare is provided during the circle.",
      needs="skills.life health.therapy", conds="sobriety", attrs="survivor_led wheelchair_accessible",
      genders="women", langs="en", min_age=18, assured="2026-08-27",
      elig="Women 18 and older who have left the life and have been sober for at least 30 days.",
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
      "alterations course that leads to paid work in the network's tailoring shop. Women who finish the "
      "course can join the shop and are paid for every garment.",
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
      "be heard at sentencing, to restitution, and to privacy about your past. The lawyer works for you, "
      "not the prosecutor, and can step in if you are being pressured to testify.",
      needs="legal.victim_rights", conds="police_report", langs="en", assured="2026-11-03",
      elig="For victims in an open criminal case in Georgia.",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=GSCLP),
    S("id-recovery", "ID and Birth Certificate Recovery",
      "Without an ID you cannot rent, work or even pick up a prescription. Staff order Georgia and "
      "out-of-state birth certificates, walk you through getting a state ID card, and pay the fees "
      "from a donated fund. If someone else is holding your documents, a lawyer can help get them back.",
      oe=["Identification Recovery"], attrs="walk_in wheelchair_accessible", langs="en es",
      assured="2025-12-02", hours=[H("WE", "10:00", "15:00")], loc=GSCLP),
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
      oe=["Addiction & Recovery"], attrs="walk_in survivor_led", genders="all", langs="en",
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
      needs="childcare", conds="fee mandated_reporter", attrs="wheelchair_accessible", langs="en", assured="2026-02-04",
      cap=("openings", 4, 60, "2026-11-17T08:00:00-05:00"),
      fees="State childcare subsidies (CAPS) accepted; private pay on a sliding scale.",
      hours=[H(WEEKDAYS, "06:30", "18:30")], loc=CASCADE),
    S("parent-ged", "Parent GED Program",
      "Parents study for the GED two mornings a week while their children are in class downstairs. "
      "Tutors, books and the test fees are free.",
      infer="education", conds="id_required", langs="en", min_age=18, assured="2026-02-04",
      elig="Parents 18 and older. The GED test itself requires a government photo ID.",
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

# --------------------------------------------------------------------------------- Chicago ---

LAKESHORE = LOC("Lakeshore Survivors' Alliance", "4617 Broadway Terrace, Unit 2", "60640", 41.9660, -87.6585)

O("chicago", "lakeshore-survivors-alliance", "Lakeshore Survivors' Alliance",
  "Fictional sample listing. A survivor-led center in Uptown for people who have traded sex, "
  "been trafficked or worked in the sex trade, whatever they want for their future.",
  year=2008,
  services=[
    S("drop-in", "Survivor Drop-In",
      "Grab a meal, a shower, clean clothes and a hygiene bag, or just sit somewhere warm. Peer "
      "advocates can talk through safety, a way out, or simply staying alive while you decide. "
      "You will not be asked to leave the life to get help here.",
      needs="safety.planning basic.clothing advocacy.case_management",
      attrs="walk_in survivor_led lgbtq_affirming", genders="all", langs="en es", min_age=18,
      assured="2026-11-11",
      hours=[H("MO,TU,WE,TH", "11:00", "19:00"), H("FR", "11:00", "16:00")], loc=LAKESHORE),
    S("fellowship", "Survivor Leadership Fellowship",
      "A paid, nine-month fellowship for survivors who want to build a career: three days a week "
      "placed at a nonprofit or city office, plus training in public speaking, computers and "
      "budgeting. Fellows earn $20 an hour.",
      needs="employment skills.life", conds="id_required", attrs="survivor_led", genders="all",
      langs="en", min_age=18, assured="2026-06-30", cap=("openings", 0, 10, "2026-09-01T09:00:00-05:00"),
      elig="Survivors 18 and older who have been out of trafficking for at least six months and have "
           "an ID that allows payroll.",
      apply="Applications open every August; staff help you write yours.",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=LAKESHORE),
    S("peer-groups", "Peer Support Groups",
      "Evening groups run by survivors for survivors: a general group, a group for mothers, and a "
      "group for trans women. Come once or every week.",
      needs="health.therapy", attrs="walk_in survivor_led lgbtq_affirming", genders="all", langs="en",
      assured="2025-09-12",
      hours=[H("TU,TH", "18:00", "19:30")], loc=LAKESHORE),
  ])

O("chicago", "casa-esperanza-pilsen", "Casa Esperanza Pilsen",
  "Fictional sample listing. A Mexican-American family agency in Pilsen with a confidential shelter "
  "and a community education program.",
  year=1981,
  services=[
    S("shelter", "Casa Esperanza Shelter",
      "A confidential shelter for women and children escaping abuse, trafficking or exploitation at "
      "work. Families get a private room, meals, a bilingual advocate and help with school, "
      "immigration and housing. Stays can last up to 120 days.",
      needs="shelter.emergency safety.planning", conds="mandated_reporter", conf=True, attrs="open_24_7",
      genders="women", culture="Mexican and Latina families", langs="es en", assured="2026-11-15",
      cap=("beds", 2, 20, "2026-11-19T17:00:00-06:00"),
      phones=[("voice", "Línea de crisis 24 horas / 24-hour crisis line")], hours=ALWAYS()),
    S("english-computers", "Clases de Inglés y Computación",
      "English-as-a-second-language classes and basic computer classes in the evening, taught in "
      "Spanish by teachers from the neighborhood. Classes are free; just show up at the start of a "
      "session.",
      infer="education", attrs="walk_in", culture="Mexican and Latina families", langs="es en",
      assured="2025-01-22",
      hours=[H("MO,WE", "18:30", "20:30")],
      loc=LOC("Casa Esperanza community classroom", "1839 Blue Island Row", "60608", 41.8567, -87.6602)),
  ])

MIRLC = LOC("Midwest Immigrant Rights Legal Clinic", "222 Wabash Commons, Suite 1400", "60604", 41.8789, -87.6262)

O("chicago", "midwest-immigrant-rights", "Midwest Immigrant Rights Legal Clinic",
  "Fictional sample listing. A legal services organisation in the Loop with attorneys who "
  "represent immigrant survivors of trafficking, torture and violence across Illinois.",
  year=1996,
  services=[
    S("t-u-visa", "Survivor Immigration Representation",
      "Full legal representation for T and U visas, asylum, VAWA self-petitions and continued "
      "presence requests, plus the work permits and green cards that follow. Attorneys also help "
      "you understand your rights if you are asked to talk to investigators.",
      needs="legal.immigration legal.victim_rights", langs="en es pl ar", assured="2026-09-03",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=MIRLC),
    S("return", "International Family Reunification and Return",
      "Caseworkers help survivors bring a spouse or children to the United States once a visa is "
      "approved, or return home safely with travel documents and a reception plan. Both kinds of cases "
      "are free and can be started by phone.",
      needs="legal.repatriation", langs="en es pl", assured="2026-09-03",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=MIRLC),
  ])

ENGLEWOOD = LOC("Englewood Community Health Partners", "6310 Halsted Park Avenue", "60621", 41.7787, -87.6447)

O("chicago", "englewood-health-partners", "Englewood Community Health Partners",
  "Fictional sample listing. A community health center on the South Side offering medical care, "
  "behavioral health and a mobile crisis team.",
  year=1985,
  services=[
    S("primary-care", "Primary and Prenatal Care",
      "Adult and family medicine, prenatal visits, birth control and STI care, with an on-site "
      "pharmacy and lab. A community health worker can help you sign up for Medicaid during your "
      "visit.",
      needs="health.medical", conds="fee", attrs="wheelchair_accessible", langs="en es",
      assured="2026-04-22",
      fees="Sliding fee starting at $15; Medicaid and Medicare accepted.",
      hours=[H(WEEKDAYS, "08:00", "18:00")], loc=ENGLEWOOD),
    S("mobile-crisis", "Mobile Crisis Team",
      "Call and a counselor and a peer specialist can come to you within the hour, anywhere on "
      "the South Side, for someone in a mental health crisis. They work to avoid police and hospital "
      "stays whenever it is safe.",
      needs="health.crisis", attrs="phone_only open_24_7", genders="all", langs="en es",
      assured="2026-04-22", area=("radius", 41.7787, -87.6447, 20),
      phones=[("voice", "24-hour mobile crisis dispatch")], hours=ALWAYS()),
  ])

O("chicago", "rogers-park-share", "Rogers Park Food and Clothing Share",
  "Fictional sample listing. A mutual aid pantry and free store in a Rogers Park church basement.",
  year=2020,
  services=[
    S("share", "Community Meal and Free Store",
      "A hot community meal on Sunday and Wednesday evenings, and a free store with coats, boots, "
      "clothes and toiletries. Take what you need.",
      oe=["Free Meals", "Clothing"], attrs="walk_in", langs="en es", assured="2025-10-15",
      hours=[H("SU", "16:00", "18:30"), H("WE", "17:00", "19:00")],
      loc=LOC("Rogers Park Food and Clothing Share", "1545 Morse Lakeview Avenue", "60626", 42.0079, -87.6687)),
  ])

O("chicago", "chicago-expungement-project", "Chicago Expungement Project",
  "Fictional sample listing. A legal clinic on the Near West Side that clears and seals criminal "
  "records for Chicago residents at no charge.",
  year=2011,
  services=[
    S("help-desk", "Vacatur and Expungement Help Desk",
      "Walk in and a lawyer or law student will pull your Illinois record with you and tell you what "
      "can be expunged, sealed or vacated. Survivors of trafficking can ask the court to vacate "
      "prostitution-related convictions, and staff file everything for you.",
      needs="legal.criminal_record", conds="id_required", attrs="walk_in wheelchair_accessible", langs="en es",
      assured="2026-10-05", elig="Bring a photo ID so staff can request your Illinois State Police "
      "record; no ID yet? Start at the ID desk next door.",
      hours=[H("TU", "10:00", "14:00"), H("TH", "14:00", "18:00")],
      loc=LOC("Chicago Expungement Project", "2035 Ogden Crossing Avenue", "60612", 41.8807, -87.6789)),
    S("id-desk", "State ID and Document Desk",
      "Illinois waives the state ID fee for people experiencing homelessness, and staff fill out the "
      "waiver with you. They also order birth certificates and Social Security cards and hold them at "
      "the office until you pick them up, so nothing gets mailed where someone else might see it.",
      oe=["Identification Recovery"], attrs="walk_in wheelchair_accessible", langs="en es", assured="2026-10-05",
      hours=[H("TU", "10:00", "14:00")],
      loc=LOC("Chicago Expungement Project", "2035 Ogden Crossing Avenue", "60612", 41.8807, -87.6789)),
  ])

HUMBOLDT = LOC("Humboldt Park Recovery Center", "3455 Division Hollow Street", "60651", 41.9029, -87.7113)

O("chicago", "humboldt-park-recovery", "Humboldt Park Recovery Center",
  "Fictional sample listing. A treatment provider in Humboldt Park with a 24-hour withdrawal "
  "management unit and recovery homes.",
  year=1992,
  services=[
    S("detox", "24-Hour Withdrawal Management",
      "Medically supervised detox from alcohol, opioids and other drugs, with nurses on duty all "
      "night. Walk in any time; you do not need to be sober, have insurance or have a plan for "
      "afterward. Stays usually last three to seven days.",
      needs="health.substance_use health.medical", attrs="walk_in open_24_7", genders="all",
      langs="en es", min_age=18, assured="2026-11-19", cap=("beds", 5, 16, "2026-11-20T05:30:00-06:00"),
      hours=ALWAYS("Admissions 24 hours"), loc=HUMBOLDT),
    S("recovery-home", "Recovery Homes",
      "Separate recovery homes for men and for women where residents can stay up to a year while "
      "they work, study and go to meetings. A house manager lives on site.",
      needs="health.substance_use housing.long_term", conds="sobriety id_required", genders="all",
      langs="en es", min_age=18, assured="2026-03-18", cap=("beds", 0, 22, "2026-11-14T12:00:00-06:00"),
      elig="Adults who have completed detox or treatment, with a photo ID.",
      hours=[H(WEEKDAYS, "09:00", "17:00", "Intake")], loc=HUMBOLDT),
  ])

LITTLE_VILLAGE = LOC("Little Village Child and Family Center", "3018 26th Plaza West", "60623", 41.8446, -87.7036)

O("chicago", "little-village-family-center", "Little Village Child and Family Center",
  "Fictional sample listing. A child care and family support center on 26th Street serving "
  "Little Village and North Lawndale.",
  year=1977,
  services=[
    S("childcare", "Child Care and Head Start",
      "Head Start and full-day child care for children from birth to five, in Spanish and English. "
      "Children get meals, developmental screenings and a teacher who stays with them for years.",
      needs="childcare", conds="fee mandated_reporter", langs="es en", assured="2026-08-19",
      cap=("openings", 6, 84, "2026-11-02T08:00:00-06:00"),
      fees="Head Start is free. Other spaces are covered by Illinois child care assistance or a "
           "sliding copay.",
      hours=[H(WEEKDAYS, "07:00", "18:00")], loc=LITTLE_VILLAGE),
    S("parenting", "Círculos de Crianza (Parenting Circles)",
      "Parents meet weekly over coffee to talk about discipline without hitting, children's sleep, "
      "stress and household money. Little ones play in the next room.",
      needs="skills.life", conds="mandated_reporter", attrs="walk_in", langs="es en", assured="2026-08-19",
      hours=[H("SA", "10:00", "12:00")], loc=LITTLE_VILLAGE),
  ])

O("chicago", "southside-financial-freedom", "South Side Financial Freedom Center",
  "Fictional sample listing. A nonprofit financial coaching center in Chatham, partnered with a "
  "community credit union.",
  year=2012,
  services=[
    S("coaching", "Financial Coaching and Credit Repair",
      "A coach helps you see your full credit report, sort out debts (including ones someone forced "
      "on you), set up a budget and open a low-cost account at the credit union next door. Sessions "
      "are free and you can keep coming back.",
      needs="financial.credit", conds="id_required", genders="all", langs="en", assured="2026-07-21",
      elig="A photo ID is needed to pull credit reports and open an account.",
      hours=[H(WEEKDAYS, "10:00", "18:00"), H("SA", "10:00", "13:00")],
      loc=LOC("South Side Financial Freedom Center", "8130 Cottage Ridge Avenue", "60619", 41.7474, -87.6051)),
  ])

O("chicago", "chicago-youth-safe-harbor", "Chicago Youth Safe Harbor",
  "Fictional sample listing. A youth agency on the North Side with a confidential shelter and "
  "counseling for young people who have been trafficked or are at risk.",
  year=2003,
  services=[
    S("shelter", "Safe Harbor Youth Shelter",
      "A ten-bed confidential shelter for young people 14 to 20 who have been trafficked or "
      "exploited. Residents get a therapist, school and a youth advocate, and can stay up to 120 days.",
      needs="shelter.emergency safety.planning", conds="guardian_consent mandated_reporter", conf=True,
      attrs="open_24_7 lgbtq_affirming", genders="all", langs="en es", min_age=14, max_age=20,
      assured="2026-10-09", cap=("beds", 0, 10, "2026-11-18T21:00:00-06:00"),
      elig="Ages 14 to 20. Minors under 16 need a guardian's or the state's consent; 16- and "
           "17-year-olds can consent to shelter under Illinois law.",
      phones=[("voice", "24-hour intake line")], hours=ALWAYS()),
    S("youth-counseling", "Youth Counseling",
      "Weekly counseling for young people 12 to 24 who have been exploited, with art and music "
      "therapy and family sessions if you want them. Sessions can happen after school, and a counselor "
      "can meet you at the shelter or at school.",
      needs="health.therapy", conds="mandated_reporter", attrs="lgbtq_affirming", genders="all",
      langs="en es", min_age=12, max_age=24, assured="2026-10-09",
      cap=("openings", 3, 25, "2026-11-01T10:00:00-05:00"),
      hours=[H(WEEKDAYS, "12:00", "20:00")],
      loc=LOC("Chicago Youth Safe Harbor counseling office", "3245 Clark Vista Street", "60657", 41.9402, -87.6549)),
  ])

ST_CASIMIR = LOC("St. Casimir Parish Hall", "4510 Ashland Grove Avenue", "60609", 41.8118, -87.6648)

O("chicago", "st-casimir-social-ministry", "St. Casimir Parish Social Ministry",
  "Fictional sample listing. The social ministry of a Polish and Mexican Catholic parish in Back "
  "of the Yards.",
  year=1950,
  services=[
    S("companions", "Parish Companions",
      "A volunteer from the parish walks alongside newcomers and people in hard times: visits, "
      "rides to appointments, prayer if it is wanted, and an invitation to community meals and "
      "feast days. You do not have to be Catholic or come to Mass.",
      needs="community.faith advocacy.case_management", langs="pl es en", assured="2025-11-28",
      hours=[H("SU", "11:30", "13:30"), H("WE", "17:00", "19:00")], loc=ST_CASIMIR),
    S("warming-center", "Overnight Warming Center",
      "From the first freeze until spring, the parish hall opens overnight with cots, blankets, "
      "soup and coffee for anyone who needs to get out of the cold. Nobody is turned away for being "
      "drunk, as long as they are peaceful.",
      infer="shelter.emergency", attrs="walk_in", langs="pl es en", assured="2025-11-28",
      alert="Open nightly from about December 1 to March 31, depending on the weather.",
      cap=("beds", 11, 45, "2026-11-20T06:30:00-06:00"),
      hours=[H(ALL_DAYS, "19:00", "07:00", "Nightly in winter")], loc=ST_CASIMIR),
  ])

O("chicago", "devon-womens-collective", "Devon Avenue Women's Collective",
  "Fictional sample listing. A South Asian women's organisation in West Ridge supporting women "
  "facing violence, forced marriage and domestic servitude.",
  year=1999,
  services=[
    S("support", "Advocacy and Counseling for South Asian Women",
      "Advocates who speak Hindi, Urdu and English help with safety planning, forced marriage, "
      "domestic servitude and immigration worries, with counseling that understands family and "
      "community pressure. All services are confidential and free.",
      needs="safety.planning health.therapy", genders="women", culture="South Asian women",
      langs="hi ur en", assured="2026-05-07",
      phones=[("voice", "Helpline, weekdays"), ("text", "Text the helpline")],
      hours=[H(WEEKDAYS, "09:00", "18:00")],
      loc=LOC("Devon Avenue Women's Collective", "2615 Devon Park Lane", "60659", 41.9981, -87.6952)),
  ])

O("chicago", "bronzeville-survivor-homes", "Bronzeville Survivor Homes",
  "Fictional sample listing. A housing program on the South Side offering apartments with "
  "support for adult survivors of trafficking.",
  year=2018,
  services=[
    S("housing", "Permanent Supportive Housing for Survivors",
      "Studio and one-bedroom apartments with a lease in your name, a case manager on site and "
      "rent set at 30% of income. Residents can stay as long as they like.",
      needs="housing.long_term advocacy.case_management", conds="police_report id_required",
      genders="all", langs="en", min_age=18, assured="2025-07-17",
      cap=("openings", 1, 32, "2026-10-31T09:00:00-05:00"),
      elig="Adults certified as trafficking survivors, which usually means a report to police or "
           "federal agents, or a letter from a federal agency. Photo ID needed at lease signing.",
      hours=[H(WEEKDAYS, "09:00", "17:00")],
      loc=LOC("Bronzeville Survivor Homes leasing office", "4311 King Garden Drive", "60653", 41.8160, -87.6158)),
  ])

O("chicago", "logan-square-workers", "Logan Square Workers' Center",
  "Fictional sample listing. A workers' center for day laborers, domestic workers and restaurant "
  "workers on Chicago's Northwest Side.",
  year=2004,
  services=[
    S("workers", "Workers' Rights and Job Referrals",
      "Come to the Tuesday clinic if you have not been paid, your employer is holding your papers or "
      "you owe a debt you can never pay off. Members also get fair-wage job referrals and free safety "
      "training.",
      needs="legal.victim_rights employment", attrs="walk_in", genders="all", langs="es en pl",
      assured="2024-10-22",
      hours=[H("TU", "17:00", "20:00"), H("SA", "07:00", "11:00", "Hiring hall")],
      loc=LOC("Logan Square Workers' Center", "2844 Milwaukee Commons Avenue", "60647", 41.9327, -87.7095)),
  ])

# ---------------------------------------------------------------------------- New York City ---

HARBOR_LIGHT = LOC("Harbor Light Anti-Trafficking Program", "412 West 27th Arcade, 5th Floor", "10001", 40.7491, -74.0002)

O("new-york", "harbor-light", "Harbor Light Anti-Trafficking Program",
  "Fictional sample listing. A Manhattan nonprofit serving survivors of sex and labor trafficking "
  "in all five boroughs, with a safe house, case management and an economic empowerment program.",
  year=2002,
  services=[
    S("case-management", "Comprehensive Case Management",
      "A case manager helps you sort out safety, housing, benefits, medical care and legal help, "
      "and stays with you for the long run. If an employer or trafficker kept your passport or ID, your "
      "case manager works to get it back or replaced. Staff speak Spanish, Mandarin, Korean and Russian.",
      needs="advocacy.case_management safety.planning legal.id_documents", conds="mandated_reporter",
      genders="all", langs="en es zh ko ru",
      assured="2026-10-28", cap=("openings", 7, 150, "2026-11-16T10:00:00-05:00"),
      apply="Call the intake line or walk in weekday mornings.",
      hours=[H(WEEKDAYS, "09:00", "18:00")], attrs="walk_in wheelchair_accessible", loc=HARBOR_LIGHT),
    S("safe-house", "Emergency Safe House",
      "Fourteen beds in a confidential location for adults of any gender who have just left a "
      "trafficking situation, with separate floors for women and men. Residents can stay up to "
      "90 days while their case manager finds longer-term housing.",
      needs="shelter.emergency", conf=True, attrs="open_24_7 lgbtq_affirming", genders="all",
      langs="en es zh", min_age=18, assured="2026-11-18", cap=("beds", 1, 14, "2026-11-19T20:00:00-05:00"),
      phones=[("voice", "24-hour intake line")], hours=ALWAYS()),
    S("economic", "Economic Empowerment Program",
      "Job readiness classes, paid internships, and one-on-one help cleaning up credit and debts "
      "created by a trafficker. Participants get a MetroCard and a small stipend for each class.",
      needs="employment financial.credit", conds="id_required", genders="all", langs="en es", min_age=18,
      assured="2025-08-29", elig="Adults 18 and older with an ID that allows stipends to be paid.",
      hours=[H("TU,TH", "13:00", "17:00")], loc=HARBOR_LIGHT),
  ])

FLUSHING_WS = LOC("Flushing Women's Services", "136-20 Roosevelt Square, 3rd Floor", "11354", 40.7593, -73.8301, city="Flushing")

O("new-york", "flushing-womens-services", "Flushing Women's Services",
  "Fictional sample listing. A Chinese- and Korean-speaking women's agency in downtown Flushing.",
  year=1995,
  services=[
    S("counseling", "Women's Counseling Center",
      "Counseling in Mandarin, Cantonese, Fujianese, Korean and English for women dealing with abuse, "
      "exploitation, depression or the stress of immigrating. If you call in crisis, a counselor "
      "talks with you right away.",
      needs="health.therapy health.crisis", conds="mandated_reporter", genders="women",
      culture="Chinese and Korean immigrant women",
      langs="zh ko en", assured="2026-06-11",
      hours=[H(WEEKDAYS, "09:30", "18:30"), H("SA", "10:00", "14:00")], loc=FLUSHING_WS),
    S("massage-outreach", "Outreach to Massage and Spa Workers",
      "Outreach workers visit spas with hygiene kits and cards printed in Chinese, and are on call "
      "when a worker wants to leave. They can arrange a safe place to stay and a lawyer's visit.",
      needs="safety.planning legal.victim_rights", genders="women", culture="Chinese immigrant women",
      langs="zh en", assured="2026-06-11",
      phones=[("voice", "Outreach line"), ("text", "WeChat and text")],
      hours=[H(WEEKDAYS, "11:00", "21:00")]),
  ])

BRONX_LEGAL = LOC("Bronx Survivor Legal Collective", "875 Grand Concourse Plaza, Suite 2C", "10451", 40.8248, -73.9221, city="Bronx")

O("new-york", "bronx-survivor-legal", "Bronx Survivor Legal Collective",
  "Fictional sample listing. A holistic legal office in the South Bronx where criminal, family and "
  "immigration lawyers work on the same team.",
  year=2009,
  services=[
    S("vacatur", "Vacatur Motions for Survivors",
      "New York lets survivors ask to vacate convictions that resulted from being trafficked. Our "
      "lawyers file the motion, ask for a sealing order, and handle any court appearance with you.",
      needs="legal.criminal_record", langs="en es", assured="2026-09-16",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=BRONX_LEGAL),
    S("family-court", "Family Court and Custody Help",
      "Orders of protection, custody and visitation, and child support cases, with a lawyer who knows "
      "how to keep your past from being used against you. Lawyers also handle divorce from a partner who "
      "trafficked or abused you.",
      needs="legal.victim_rights safety.planning", langs="en es", assured="2026-09-16",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=BRONX_LEGAL),
    S("immigration", "Immigration Defense for Survivors",
      "Representation in T visa, U visa and special immigrant juvenile cases, and defense in "
      "deportation proceedings. If you have been detained or have a court date, call right away; the "
      "team speaks Spanish and French.",
      needs="legal.immigration", langs="en es fr", assured="2025-04-24",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=BRONX_LEGAL),
  ])

BRIGHTON = LOC("Brighton Beach Community Services", "3114 Brighton Shore Avenue", "11235", 40.5776, -73.9601, city="Brooklyn")

O("new-york", "brighton-beach-community", "Brighton Beach Community Services",
  "Fictional sample listing. A social service agency serving Russian-, Ukrainian- and "
  "Georgian-speaking New Yorkers in southern Brooklyn.",
  year=1991,
  services=[
    S("advocates", "Advocates for Russian- and Ukrainian-Speakers",
      "If you came for a job as a nanny, waitress or model and it turned out to be something else, "
      "an advocate who speaks your language can help you get safe and understand your options. "
      "Advocates also help with Medicaid, food stamps and housing applications.",
      needs="advocacy.case_management safety.planning", conds="mandated_reporter", genders="all",
      culture="Russian- and Ukrainian-speaking communities", langs="ru uk en", assured="2026-01-29",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=BRIGHTON),
    S("return", "Safe Return Home",
      "For survivors who decide to return to Ukraine, Russia, Moldova, Georgia or Central Asia: travel "
      "documents, flights and a handover to a trusted organisation at home. Staff plan the trip with you "
      "so that the person who exploited you does not learn when you are leaving.",
      needs="legal.repatriation", genders="all", culture="Russian- and Ukrainian-speaking communities",
      langs="ru uk en", assured="2026-01-29",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=BRIGHTON),
  ])

SALUD = LOC("Washington Heights Salud Clinic", "4102 Broadway Heights Place", "10032", 40.8412, -73.9397)

O("new-york", "washington-heights-salud", "Washington Heights Salud Clinic",
  "Fictional sample listing. A Dominican-founded community health center in upper Manhattan.",
  year=1987,
  services=[
    S("family-medicine", "Family Medicine",
      "Checkups, lab tests, women's health and care for children and adults. Most staff are "
      "Dominican and every visit can be in Spanish.",
      oe=["Primary Care", "Checkup & Test"], conds="fee", langs="es en", assured="2026-07-01",
      fees="Medicaid and most plans accepted; uninsured patients pay $20 to $50 on a sliding scale.",
      hours=[H(WEEKDAYS, "08:00", "19:00"), H("SA", "09:00", "14:00")], loc=SALUD),
    S("consejeria", "Consejería en Español",
      "Individual counseling in Spanish with therapists who understand immigration stress, family "
      "separation and trauma, including abuse and exploitation. Free for uninsured patients.",
      infer="health.therapy", conds="mandated_reporter", langs="es en", assured="2026-07-01",
      cap=("openings", 0, 15, "2026-11-13T17:00:00-05:00"),
      hours=[H(WEEKDAYS, "10:00", "19:00")], loc=SALUD),
  ])

EMPIRE_YOUTH = LOC("Empire Youth Crisis Center", "240 West 127th Commons", "10027", 40.8107, -73.9495)

O("new-york", "empire-youth-crisis", "Empire Youth Crisis Center",
  "Fictional sample listing. A Harlem crisis center for homeless, runaway and exploited young "
  "people, open day and night.",
  year=1979,
  services=[
    S("crisis-shelter", "Youth Crisis Shelter",
      "Any young person 16 to 20 can walk in at any hour for a bed, a meal and a counselor. Staff "
      "help youth leaving 'the game' or an exploiter get safe right away.",
      needs="shelter.emergency safety.planning", conds="mandated_reporter",
      attrs="walk_in open_24_7 lgbtq_affirming wheelchair_accessible", genders="all", langs="en es",
      min_age=16, max_age=20, assured="2026-11-09", cap=("beds", 2, 30, "2026-11-20T02:00:00-05:00"),
      phones=[("voice", "24-hour line")], hours=ALWAYS("Doors open 24/7"), loc=EMPIRE_YOUTH),
    S("education-jobs", "Youth Education and Jobs Program",
      "High school equivalency classes, college visits and paid job training in food service and "
      "retail for young people up to 24, with a stipend and a MetroCard. Young people can join at any "
      "point in the year.",
      needs="education employment", conds="guardian_consent", attrs="lgbtq_affirming", genders="all",
      langs="en es", min_age=16, max_age=24, assured="2026-02-27",
      elig="Ages 16 to 24. Participants under 18 need a parent or guardian to sign the work-training "
           "agreement.",
      hours=[H(WEEKDAYS, "10:00", "16:00")], loc=EMPIRE_YOUTH),
  ])

SUNSET_PARK = LOC("Sunset Park Family Center", "5412 Fifth Harbor Avenue", "11220", 40.6433, -74.0128, city="Brooklyn")

O("new-york", "sunset-park-family-center", "Sunset Park Family Center",
  "Fictional sample listing. A family center in Sunset Park serving Latino and Chinese immigrant "
  "families with child care and parent programs.",
  year=1988,
  services=[
    S("early-childhood", "Early Childhood Center",
      "Full-day care for children two months to four years, with teachers who speak Spanish or "
      "Mandarin and Cantonese. Families in shelter or in a crisis are placed first.",
      needs="childcare", conds="mandated_reporter", langs="es zh en", assured="2026-04-02",
      cap=("openings", 2, 56, "2026-11-10T08:30:00-05:00"),
      hours=[H(WEEKDAYS, "07:30", "18:00")], loc=SUNSET_PARK),
    S("parents", "Parent Workshops",
      "Evening workshops for parents on budgeting, cooking healthy meals on a small budget, "
      "understanding your child's school and managing stress. Dinner is served, and children can come "
      "along.",
      infer="skills.life", attrs="walk_in", langs="es zh en", assured="2026-04-02",
      hours=[H("TH", "18:00", "20:00")], loc=SUNSET_PARK),
  ])

HWRC = LOC("Haitian Women's Resource Center", "2215 Nostrand Commons Avenue", "11226", 40.6451, -73.9487, city="Brooklyn")

O("new-york", "haitian-womens-resource-center", "Haitian Women's Resource Center",
  "Fictional sample listing. A Flatbush women's organisation founded by Haitian immigrant women, "
  "working in Haitian Creole, French and English.",
  year=1994,
  services=[
    S("support", "Advocacy and Support Groups",
      "An advocate helps with whatever is heaviest right now, from a violent home to a job that "
      "will not pay you. Support groups in Kreyòl meet every week.",
      needs="advocacy.case_management health.therapy", genders="women",
      culture="Haitian and Haitian-American women", langs="ht fr en", assured="2025-10-09",
      hours=[H(WEEKDAYS, "10:00", "18:00"), H("WE", "18:00", "20:00", "Support group")], loc=HWRC),
    S("immigration", "Saturday Immigration Clinic",
      "Volunteer attorneys answer questions about TPS, asylum, T and U visas and family petitions, "
      "and take on cases for survivors. Bring any letters you have from immigration or the court.",
      needs="legal.immigration", conds="fee", attrs="walk_in", culture="Haitian and Haitian-American communities",
      fees="$25 consultation fee, waived for survivors of violence or trafficking and for anyone who "
           "cannot pay.",
      langs="ht fr en", assured="2025-10-09",
      hours=[H("SA", "10:00", "14:00")], loc=HWRC),
  ])

AL_NOOR = LOC("Al-Noor Community Center", "89-14 Sutphin Crescent", "11432", 40.7076, -73.7937, city="Jamaica")

O("new-york", "al-noor-community", "Al-Noor Community Center",
  "Fictional sample listing. A mosque-affiliated community center in Jamaica, Queens, serving "
  "Muslim families and neighbors of every faith.",
  year=2001,
  services=[
    S("halal-pantry", "Halal Food Pantry",
      "Halal groceries, rice, lentils, oil and fresh produce every Friday after midday prayers. "
      "Everyone in the neighborhood is welcome, Muslim or not.",
      oe=["Food Pantry"], attrs="walk_in", langs="ar bn en", assured="2026-03-06",
      hours=[H("FR", "14:00", "17:00")], loc=AL_NOOR),
    S("sisters-circle", "Sisters' Circle",
      "A weekly gathering for women with a female chaplain, for spiritual support, Quran study if "
      "you want it, and honest talk about family, marriage and healing. Confidential one-on-one "
      "conversations are available.",
      needs="community.faith health.therapy", genders="women", langs="ar bn en", assured="2026-03-06",
      hours=[H("SU", "11:00", "13:00")], loc=AL_NOOR),
  ])

BUSHWICK = LOC("Brooklyn Harm Reduction Hub", "1187 Myrtle Crossing Avenue", "11206", 40.6989, -73.9363, city="Brooklyn")

O("new-york", "brooklyn-harm-reduction", "Brooklyn Harm Reduction Hub",
  "Fictional sample listing. A harm reduction center in Bushwick for people who use drugs, trade "
  "sex or live on the street.",
  year=1998,
  services=[
    S("recovery-coaching", "Harm Reduction and Recovery Coaching",
      "Clean supplies, naloxone, fentanyl test strips, wound care, and recovery coaches who will help "
      "you cut down, stop or simply stay safer. Start buprenorphine on site without an appointment.",
      needs="health.substance_use health.medical", attrs="walk_in lgbtq_affirming", genders="all",
      langs="en es", assured="2026-08-13",
      hours=[H(WEEKDAYS, "09:00", "19:00"), H("SA", "11:00", "16:00")], loc=BUSHWICK),
    S("overnight-respite", "Overnight Respite",
      "Twenty recliners in a warm, staffed space for people who need to get off the street for the "
      "night. Come as you are; no ID, no sobriety, no questions.",
      needs="shelter.emergency", attrs="walk_in lgbtq_affirming", genders="all", langs="en es",
      min_age=18, assured="2026-08-13", cap=("beds", 6, 20, "2026-11-20T01:15:00-05:00"),
      hours=[H(ALL_DAYS, "20:00", "07:00")], loc=BUSHWICK),
  ])

O("new-york", "nyc-survivor-housing", "NYC Survivor Housing Network",
  "Fictional sample listing. A housing nonprofit in Downtown Brooklyn that runs supportive "
  "apartments across the city for survivors of violence and trafficking.",
  year=2007,
  services=[
    S("supportive-housing", "Supportive Apartments",
      "Your own apartment with a lease, rent capped at 30% of income and an on-site social worker. "
      "Buildings are in Brooklyn, Queens and the Bronx.",
      needs="housing.long_term", conds="id_required", genders="all", langs="en es", min_age=18,
      assured="2025-06-05", cap=("openings", 0, 64, "2026-10-15T09:00:00-04:00"),
      elig="Adult survivors of domestic violence, sexual violence or trafficking who are homeless or "
           "in shelter. A government-issued ID or IDNYC card is needed to sign the lease.",
      apply="Applications come through shelters and advocates; ask your case manager to refer you.",
      hours=[H(WEEKDAYS, "09:00", "17:00")],
      loc=LOC("NYC Survivor Housing Network", "57 Livingston Court, 9th Floor", "11201", 40.6918, -73.9897, city="Brooklyn")),
  ])

O("new-york", "queens-financial-justice", "Queens Financial Justice Project",
  "Fictional sample listing. A consumer law and financial counseling nonprofit in Jackson Heights.",
  year=2013,
  services=[
    S("coerced-debt", "Coerced Debt and Identity Theft Legal Help",
      "If someone used your name for credit cards, loans, utility accounts or a car, lawyers and "
      "counselors here dispute the debts, defend collection lawsuits and help you file an identity "
      "theft report. Help is free and in many languages.",
      needs="financial.credit legal.victim_rights", langs="es ne hi bn en", assured="2026-05-14",
      hours=[H(WEEKDAYS, "10:00", "18:00"), H("TH", "18:00", "20:00", "Late hours Thursdays")],
      loc=LOC("Queens Financial Justice Project", "37-19 Roosevelt Junction Avenue", "11372", 40.7476, -73.8862, city="Jackson Heights")),
  ])

O("new-york", "north-shore-si-pantry", "North Shore Pantry and Closet",
  "Fictional sample listing. A church-run pantry and clothing closet near the ferry in St. George, "
  "Staten Island.",
  year=1984,
  services=[
    S("pantry-closet", "Pantry and Clothing Closet",
      "Every Thursday, pick up a bag of groceries and choose clothing, shoes and coats for adults "
      "and children. No appointment, no paperwork.",
      infer="basic.food basic.clothing", attrs="walk_in", langs="en es", assured="2024-07-25",
      hours=[H("TH", "10:00", "14:00")],
      loc=LOC("North Shore Pantry and Closet", "44 Bay Terrace Street", "10301", 40.6402, -74.0781, city="Staten Island")),
  ])

O("new-york", "five-boroughs-crisis-text", "Five Boroughs Crisis Text",
  "Fictional sample listing. A text-based crisis service for New Yorkers, staffed by trained "
  "counselors.",
  year=2016,
  services=[
    S("crisis-text", "Crisis Text Line for New Yorkers",
      "Text anything, in English or Spanish, and a counselor replies within minutes, any time of "
      "day or night. Texting works when someone might overhear a call.",
      needs="health.crisis", attrs="phone_only open_24_7", genders="all", langs="en es",
      assured="2026-11-20", phones=[("text", "Text any time"), ("voice", "Call if you prefer to talk")],
      hours=ALWAYS()),
  ])

# --------------------------------------------------------------------------------- Seattle ---

SALISH = LOC("Salish Sea Freedom Project", "316 Occidental Row South, Suite 400", "98104", 47.5996, -122.3328)

O("seattle", "salish-sea-freedom", "Salish Sea Freedom Project",
  "Fictional sample listing. A Seattle anti-trafficking organisation in Pioneer Square that serves "
  "adult survivors of sex and labor trafficking across King County.",
  year=2006,
  services=[
    S("advocacy", "Survivor Advocacy",
      "An advocate meets you at our office, a hospital, the courthouse or a coffee shop, helps you "
      "plan for safety, and sticks with you through housing, benefits and legal steps. Advocates "
      "speak Spanish, Tagalog and Korean, and interpreters are arranged for other languages.",
      needs="advocacy.case_management safety.planning", attrs="wheelchair_accessible", genders="all",
      langs="en es tl ko", min_age=18, assured="2026-10-16",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=SALISH),
    S("safe-housing", "Safe Housing Program",
      "Furnished apartments in confidential locations for survivors who need to disappear from a "
      "trafficker for a while. Stays are usually three to six months.",
      needs="shelter.emergency housing.long_term", conf=True, attrs="open_24_7", genders="all",
      langs="en es", min_age=18, assured="2026-10-16", cap=("beds", 2, 9, "2026-11-17T15:00:00-08:00"),
      phones=[("voice", "24-hour intake line")], hours=ALWAYS()),
  ])

RAINIER = LOC("Rainier Valley Clinic", "4905 Rainier Orchard Avenue South", "98118", 47.5572, -122.2845)

O("seattle", "rainier-valley-clinic", "Rainier Valley Clinic",
  "Fictional sample listing. A neighborhood health center in Columbia City whose staff speak more "
  "than fifteen languages.",
  year=1976,
  services=[
    S("medical", "Medical and Dental Care",
      "Primary care, prenatal care, dental cleanings and fillings, and a pharmacy in the same "
      "building. Interpreters are on staff for Somali, Amharic, Vietnamese and Spanish.",
      needs="health.medical", conds="fee", attrs="walk_in wheelchair_accessible",
      langs="en es so am vi", assured="2026-01-14",
      fees="Apple Health (Medicaid) accepted. Sliding fee from $20 for uninsured patients.",
      hours=[H(WEEKDAYS, "08:00", "19:00"), H("SA", "09:00", "13:00")], loc=RAINIER),
    S("behavioral-health", "Behavioral Health",
      "Therapy and psychiatry for adults and teens, including for trauma and for families who "
      "have been through war or exploitation. Same-day crisis appointments every afternoon.",
      needs="health.therapy health.crisis", conds="fee", langs="en es so am", assured="2026-01-14",
      fees="Apple Health accepted; sliding fee for uninsured patients, never more than $40.",
      cap=("openings", 1, 20, "2026-11-05T12:00:00-08:00"),
      hours=[H(WEEKDAYS, "09:00", "18:00")], loc=RAINIER),
  ])

SOMALI_WELLNESS = LOC("Somali Family Wellness Center", "14920 International Square", "98168", 47.4718, -122.2913, city="Tukwila")

O("seattle", "somali-family-wellness", "Somali Family Wellness Center",
  "Fictional sample listing. A Somali and East African community organisation in Tukwila, led by "
  "women from the community.",
  year=2009,
  services=[
    S("family-advocacy", "Family Advocacy",
      "Advocates who speak Somali, Arabic and English help families with housing, school, benefits "
      "and jobs, and support women and girls facing abuse or exploitation, quietly and without "
      "judgment. Home visits are possible, and a female advocate is always available.",
      needs="advocacy.case_management skills.life", conds="mandated_reporter", attrs="walk_in", genders="all",
      culture="Somali and East African", langs="so ar en", assured="2025-09-25",
      hours=[H(WEEKDAYS, "10:00", "18:00")], loc=SOMALI_WELLNESS),
    S("womens-halaqa", "Women's Halaqa and Spiritual Support",
      "A weekly women's gathering with a female teacher for faith, reflection and support, with "
      "tea and childcare. Women of any faith are welcome to the discussion afterward.",
      needs="community.faith", genders="women", culture="Somali and East African", langs="so ar en",
      assured="2025-09-25", hours=[H("SA", "14:00", "16:00")], loc=SOMALI_WELLNESS),
  ])

NW_LAW = LOC("Northwest Immigrant Survivors Law Center", "2601 Beacon Terrace Avenue South", "98144", 47.5813, -122.3108)

O("seattle", "nw-immigrant-survivors-law", "Northwest Immigrant Survivors Law Center",
  "Fictional sample listing. A nonprofit law office on Beacon Hill representing immigrant "
  "survivors of trafficking, domestic violence and other crimes in Washington State.",
  year=1999,
  services=[
    S("immigration", "Immigration and Victims' Rights Representation",
      "Attorneys and accredited representatives take T visa, U visa, VAWA and asylum cases at no "
      "cost, and help survivors exercise their rights in criminal cases. Consultations are by "
      "appointment, in person or by phone.",
      needs="legal.immigration legal.victim_rights", langs="en es tl vi zh ko", assured="2026-08-06",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=NW_LAW),
    S("return", "Return Home Assistance",
      "Help for survivors who choose to return to their home country: consular documents, "
      "travel, and a connection to a trusted service provider at home. Your immigration case can be "
      "paused or withdrawn safely.",
      needs="legal.repatriation", langs="en es tl", assured="2024-12-10",
      hours=[H(WEEKDAYS, "09:00", "17:00")], loc=NW_LAW),
  ])

O("seattle", "aurora-avenue-outreach", "Aurora Avenue Outreach",
  "Fictional sample listing. A street outreach and night drop-in program on North Seattle's "
  "Aurora Avenue corridor.",
  year=2014,
  services=[
    S("street-outreach", "Aurora Street Outreach",
      "Outreach workers walk Aurora Avenue four nights a week with food, water, condoms, naloxone "
      "and warm socks. They can help anyone who wants to get away from a pimp or a bad date, and "
      "they are there again the next week if you are not ready.",
      needs="safety.planning basic.food basic.clothing", attrs="survivor_led lgbtq_affirming",
      genders="all", langs="en es", assured="2026-11-05",
      area=("radius", 47.7240, -122.3447, 8),
      phones=[("text", "Text outreach to ask for a visit")],
      hours=[H("TU,WE,TH,FR", "21:00", "03:00", "Outreach shifts")]),
    S("night-drop-in", "Aurora Night Drop-In",
      "Overnight drop-in with couches, snacks, showers and a nurse on Wednesdays. A safe place to "
      "stop between dates or to sleep for a few hours.",
      needs="shelter.emergency", attrs="walk_in survivor_led lgbtq_affirming",
      genders="women,transgender,nonbinary", langs="en es", min_age=18, assured="2026-11-05",
      cap=("beds", 4, 12, "2026-11-20T03:40:00-08:00"),
      hours=[H(ALL_DAYS, "20:00", "07:00")],
      loc=LOC("Aurora Night Drop-In", "13045 Aurora Lantern Way North", "98133", 47.7236, -122.3451)),
  ])

RED_CEDAR = LOC("Red Cedar Native Women's Lodge community house", "2311 Jackson Fir Street", "98144", 47.5995, -122.3013)

O("seattle", "red-cedar-lodge", "Red Cedar Native Women's Lodge",
  "Fictional sample listing. An intertribal organisation led by Native women in Seattle, offering "
  "shelter and healing rooted in Indigenous culture.",
  year=2005,
  services=[
    S("shelter", "Native Women's Shelter",
      "A confidential shelter for Native women and their children escaping violence or "
      "trafficking, with traditional foods, smudging and access to elders. Non-Native women are "
      "also welcome when there is space.",
      needs="shelter.emergency safety.planning", conds="sobriety", conf=True, attrs="open_24_7", genders="women",
      culture="Native American and Alaska Native women",
      elig="Women and their children. The shelter is alcohol- and drug-free; staff can help arrange detox "
           "first and hold a bed for you.", langs="en", assured="2026-09-29",
      cap=("beds", 0, 16, "2026-11-18T09:00:00-08:00"),
      phones=[("voice", "24-hour intake line")], hours=ALWAYS()),
    S("healing-circles", "Healing Circles and Ceremony",
      "Talking circles, beading, drum group and seasonal ceremonies, with a counselor present. "
      "Take part in as much or as little as feels right.",
      needs="health.therapy community.faith", conds="sobriety", attrs="walk_in", genders="women",
      culture="Native American and Alaska Native women",
      elig="Come to circle and ceremony free of alcohol and drugs that day.", langs="en", assured="2026-09-29",
      hours=[H("MO", "17:30", "20:00"), H("SA", "11:00", "14:00")], loc=RED_CEDAR),
  ])

O("seattle", "king-county-record-relief", "King County Record Relief Project",
  "Fictional sample listing. A legal clinic in Kent helping people in King County vacate and seal "
  "criminal records.",
  year=2017,
  services=[
    S("vacatur", "Vacating Convictions for Trafficking Survivors",
      "Washington lets survivors vacate prostitution and related convictions that happened because "
      "they were trafficked. A lawyer reviews your record by phone or in person and files the "
      "motions for free.",
      needs="legal.criminal_record", langs="en es", assured="2026-03-31",
      hours=[H("TU,TH", "09:00", "16:00")],
      loc=LOC("King County Record Relief Project", "418 Meeker Bluff Street", "98032", 47.3826, -122.2352, city="Kent")),
  ])

PIONEER_RECOVERY = LOC("Pioneer Square Recovery Services", "117 Yesler Landing", "98104", 47.6015, -122.3339)

O("seattle", "pioneer-square-recovery", "Pioneer Square Recovery Services",
  "Fictional sample listing. A downtown addiction treatment agency with outpatient programs and "
  "a women's recovery house.",
  year=1983,
  services=[
    S("outpatient", "Outpatient Treatment",
      "Intensive and regular outpatient treatment for alcohol and drug use, evenings included, with "
      "medication options and a women's trauma group. Groups are small, and you can keep your job while "
      "you attend.",
      needs="health.substance_use", conds="fee", langs="en es", min_age=18, assured="2025-03-20",
      fees="Apple Health covers the full cost. Without insurance, fees start at $10 a session.",
      hours=[H(WEEKDAYS, "08:00", "20:00")], loc=PIONEER_RECOVERY),
    S("recovery-house", "Women's Recovery House",
      "A clean and sober house for eight women in early recovery, with a house coach and rides "
      "to treatment. Residents share chores, cook dinner together and can stay up to a year.",
      needs="health.substance_use housing.long_term", conds="sobriety", genders="women", langs="en",
      min_age=18, assured="2025-03-20", cap=("beds", 1, 8, "2026-10-29T14:00:00-07:00"),
      hours=[H(WEEKDAYS, "09:00", "17:00", "Intake")], loc=PIONEER_RECOVERY),
  ])

PSPW = LOC("Puget Sound Pathways to Work", "905 Rainier Commons Avenue North", "98055", 47.4835, -122.2094, city="Renton")

O("seattle", "puget-sound-pathways", "Puget Sound Pathways to Work",
  "Fictional sample listing. An employment and adult education nonprofit in Renton serving South "
  "King County.",
  year=1995,
  services=[
    S("survivor-employment", "Survivor Employment Program",
      "Career coaching, paid work experience and placement with employers who have been trained "
      "to support survivors. Coaches also help with credit, bank accounts and the paperwork of a "
      "first job.",
      needs="employment financial.credit", conds="id_required", genders="all", langs="en es",
      min_age=18, assured="2026-06-18", cap=("openings", 5, 20, "2026-11-01T09:00:00-07:00"),
      hours=[H(WEEKDAYS, "08:30", "17:00")], loc=PSPW),
    S("adult-ed", "Adult Education Center",
      "GED preparation and English classes from beginner to advanced, mornings and evenings, "
      "with free books and bus tickets. Placement testing happens on the first Monday of each month.",
      oe=["GED/High-School Equivalency", "English as a Second Language (ESL)"], conds="fee", attrs="walk_in",
      fees="$25 a quarter, waived for anyone receiving public benefits or referred by an advocate.",
      langs="en es so am vi", min_age=16, assured="2026-06-18",
      hours=[H(WEEKDAYS, "09:00", "12:00"), H("MO,TU,WE,TH", "18:00", "20:30")], loc=PSPW),
  ])

CAP_HILL = LOC("Capitol Hill Youth Space", "1520 Pine Meadow Street", "98122", 47.6148, -122.3166)

O("seattle", "capitol-hill-youth-space", "Capitol Hill Youth Space",
  "Fictional sample listing. A drop-in center and young adult shelter on Capitol Hill for "
  "homeless, LGBTQ+ and exploited youth.",
  year=2001,
  services=[
    S("drop-in", "Youth Drop-In and Counseling",
      "Meals, showers, laundry and clothes for ages 13 to 24, plus counselors for drop-in or weekly "
      "sessions. Staff know what exploitation looks like and will not judge you for what you did "
      "to survive.",
      needs="safety.planning basic.food health.therapy", conds="mandated_reporter",
      attrs="walk_in lgbtq_affirming", genders="all", langs="en es", min_age=13, max_age=24,
      assured="2026-10-23",
      hours=[H(WEEKDAYS, "12:00", "20:00"), H("SA", "12:00", "17:00")], loc=CAP_HILL),
    S("young-adult-shelter", "Young Adult Overnight Shelter",
      "Twenty beds for ages 18 to 24, every night, with dinner and breakfast. Beds are assigned by "
      "lottery at 8pm, and you can reserve the same bed for up to a week.",
      needs="shelter.emergency", attrs="lgbtq_affirming", genders="all", langs="en", min_age=18,
      max_age=24, assured="2026-10-23", cap=("beds", 0, 20, "2026-11-19T20:15:00-08:00"),
      hours=[H(ALL_DAYS, "20:00", "08:00")], loc=CAP_HILL),
  ])

O("seattle", "beacon-hill-childrens-coop", "Beacon Hill Children's Cooperative",
  "Fictional sample listing. A parent-run child care cooperative on Beacon Hill.",
  year=1974,
  services=[
    S("childcare", "Cooperative Child Care",
      "Care for children 12 months to five years, with teachers and parents sharing the work. "
      "Parents who cannot volunteer because of work or school can opt out.",
      needs="childcare", conds="fee mandated_reporter", langs="en zh vi", assured="2025-02-13",
      cap=("openings", 2, 36, "2026-10-30T08:00:00-07:00"),
      fees="Working Connections subsidy accepted; tuition on a sliding scale from $50 a month.",
      hours=[H(WEEKDAYS, "07:30", "17:30")],
      loc=LOC("Beacon Hill Children's Cooperative", "3310 Columbian Heights Way South", "98108", 47.5722, -122.3079)),
  ])

O("seattle", "eastside-neighbors", "Eastside Neighbors Resource Center",
  "Fictional sample listing. A community resource center in Bellevue with a pantry and a benefits "
  "and ID clinic.",
  year=1990,
  services=[
    S("id-clinic", "ID and Benefits Clinic",
      "Staff help you order a Washington birth certificate or ID, replace a Social Security card, "
      "and apply for food, cash and medical benefits. Fees for documents are paid for you.",
      needs="legal.id_documents advocacy.case_management", attrs="walk_in wheelchair_accessible",
      langs="en es zh ru", assured="2026-05-21",
      hours=[H("MO,WE", "10:00", "15:00")],
      loc=LOC("Eastside Neighbors Resource Center", "14220 Northup Glen Way", "98007", 47.6201, -122.1466, city="Bellevue")),
    S("pantry", "Eastside Neighbors Pantry",
      "A grocery-style food pantry where you shop with a cart for a week of food, including fresh "
      "fruit, dairy and halal and vegetarian options. Bring your own bags if you can.",
      infer="basic.food", conds="id_required", attrs="walk_in wheelchair_accessible", langs="en es zh ru",
      elig="Bring a photo ID from any country. Volunteers give a one-time emergency bag to anyone without one.",
      assured="2026-05-21",
      hours=[H("TU,TH", "12:00", "18:00"), H("SA", "09:00", "12:00")],
      loc=LOC("Eastside Neighbors Resource Center", "14220 Northup Glen Way", "98007", 47.6201, -122.1466, city="Bellevue")),
  ])

# ---------------------------------------------------------------------- Presidio County, TX ---

O("presidio-county-tx", "big-bend-family-crisis", "Big Bend Family Crisis Center",
  "Fictional sample listing. The only family violence and sexual assault program for the Big Bend "
  "region, based in Alpine and serving Presidio, Brewster and Jeff Davis counties.",
  year=1987,
  services=[
    S("shelter", "Emergency Shelter",
      "A confidential shelter for adults and children escaping family violence, sexual assault or "
      "trafficking. Because distances are long, staff can arrange a ride from Presidio, Marfa or "
      "anywhere in the region. Spanish-speaking staff are on every shift.",
      needs="shelter.emergency safety.planning", conf=True, attrs="open_24_7", genders="all",
      langs="es en", assured="2026-11-13", cap=("beds", 2, 8, "2026-11-18T18:00:00-06:00"),
      area=("radius", 30.3095, -104.0206, 150),
      phones=[("voice", "24-hour hotline and intake")], hours=ALWAYS()),
    S("rural-advocates", "Rural Outreach Advocates",
      "Advocates drive to meet you in Presidio, Marfa, Alpine or a ranch outside town, and help with "
      "protective orders, crime victims' compensation, court dates and a plan to stay safe. All help "
      "is free, and nobody is asked about immigration status.",
      needs="advocacy.case_management legal.victim_rights", genders="all", langs="es en",
      assured="2026-11-13", area=("radius", 30.3095, -104.0206, 150),
      hours=[H(WEEKDAYS, "08:00", "17:00")]),
    S("housing-help", "Housing and Rent Help",
      "Rentals are hard to find in the Big Bend, so a housing advocate watches for openings, talks "
      "to landlords on your behalf and pays the deposit and up to six months of rent from a survivor "
      "housing fund. She keeps checking in after you move.",
      needs="housing.long_term", genders="all", langs="es en", assured="2026-09-22",
      cap=("openings", 1, 6, "2026-11-13T12:00:00-06:00"), area=("radius", 30.3095, -104.0206, 150),
      hours=[H(WEEKDAYS, "08:00", "17:00")]),
  ])

CLINICA_FRONTERA = LOC("Clínica de la Frontera", "603 O'Reilly Mesa Street", "79845", 29.5612, -104.3717, city="Presidio")

O("presidio-county-tx", "clinica-de-la-frontera", "Clínica de la Frontera",
  "Fictional sample listing. A community health clinic in Presidio, on the Rio Grande across from "
  "Ojinaga, Chihuahua.",
  year=1993,
  services=[
    S("medical", "Medical Care",
      "Family medicine, prenatal care, vaccines and chronic disease care in Spanish and English. "
      "A visiting dentist comes twice a month.",
      needs="health.medical", conds="fee", attrs="walk_in wheelchair_accessible", langs="es en",
      assured="2025-08-20",
      fees="Sliding scale from $15 per visit; Medicaid and CHIP accepted.",
      hours=[H(WEEKDAYS, "08:00", "17:00")], loc=CLINICA_FRONTERA),
    S("telehealth-counseling", "Telehealth Counseling",
      "Counseling by video or phone with bilingual therapists in El Paso, from a private room at the "
      "clinic or from home. Useful for people who do not want to be seen going to a counselor in "
      "a small town.",
      needs="health.therapy", conds="mandated_reporter", langs="es en", assured="2025-08-20",
      cap=("openings", 3, 10, "2026-11-04T10:00:00-06:00"),
      hours=[H(WEEKDAYS, "09:00", "18:00")], loc=CLINICA_FRONTERA),
  ])

O("presidio-county-tx", "marfa-pantry-ropero", "Marfa Community Pantry and Ropero",
  "Fictional sample listing. A volunteer pantry and clothing closet serving Marfa and the "
  "surrounding ranch country.",
  year=2001,
  services=[
    S("pantry", "Pantry and Ropero",
      "Groceries, commodities and a clothing closet (ropero) with work clothes, boots and coats. "
      "Volunteers deliver boxes to people on outlying ranches once a month.",
      oe=["Emergency Food", "Clothing Vouchers"], conds="id_required", attrs="walk_in", langs="es en",
      assured="2024-08-30", elig="Commodity foods require an ID and a signed form saying you live in "
      "Presidio County. The clothing closet needs nothing.",
      hours=[H("WE", "10:00", "13:00"), H("SA", "09:00", "11:00")],
      loc=LOC("Marfa Community Pantry and Ropero", "210 West Mesquite Row", "79843", 30.3081, -104.0236, city="Marfa")),
  ])

TRANS_PECOS = LOC("Trans-Pecos Farmworker Legal Aid", "118 Ojinaga Bend Street", "79845", 29.5598, -104.3741, city="Presidio")

O("presidio-county-tx", "trans-pecos-farmworker-legal", "Trans-Pecos Farmworker Legal Aid",
  "Fictional sample listing. A legal aid office in Presidio for farmworkers, ranch hands and "
  "other workers in far West Texas.",
  year=2008,
  services=[
    S("labor-rights", "Farmworker and Ranch Worker Rights",
      "Lawyers and outreach workers help workers who were not paid, were housed in dangerous "
      "conditions, had their papers taken or were threatened. They also help with T and U visas "
      "for workers who were trafficked.",
      needs="legal.victim_rights legal.immigration", genders="all", langs="es en", assured="2026-06-04",
      hours=[H(WEEKDAYS, "08:30", "17:00"), H("SA", "08:00", "12:00", "Saturday mornings during harvest")],
      loc=TRANS_PECOS),
    S("reunification", "Cross-Border Family Reunification",
      "For workers and families who want to return to Mexico or bring family together safely, staff "
      "coordinate with Mexican consulates and shelters in Chihuahua for documents and a safe "
      "arrival. The team has worked with shelters in Ojinaga and Chihuahua City for years.",
      needs="legal.repatriation", genders="all", langs="es en", assured="2026-06-04",
      hours=[H(WEEKDAYS, "08:30", "17:00")], loc=TRANS_PECOS),
    S("id-help", "ID and Consular Document Help",
      "Staff help workers get a matrícula consular or passport through the Mexican consulate, a Texas "
      "ID card, or a replacement Social Security card. If an employer or recruiter is holding your "
      "documents, a lawyer can demand them back.",
      oe=["Identification Recovery"], genders="all", langs="es en", assured="2026-06-04",
      hours=[H("TU,TH", "08:30", "17:00")], loc=TRANS_PECOS),
  ])

O("presidio-county-tx", "big-bend-learning-center", "Big Bend Learning Center",
  "Fictional sample listing. An adult learning center in Alpine that also runs a job board for "
  "the region.",
  year=1999,
  services=[
    S("adult-education", "Adult Education and Job Help",
      "GED and English classes in Alpine and by video from Marfa and Presidio, plus help with "
      "resumes and applications for jobs with the county, schools, hotels and ranches. Classes are free "
      "and books can be borrowed.",
      needs="education employment", conds="guardian_consent", langs="es en", min_age=17, assured="2025-11-06",
      elig="Adults and 17-year-olds; a 17-year-old needs a parent's or guardian's signature to enroll.",
      hours=[H("MO,TU,WE,TH", "17:30", "20:30")],
      loc=LOC("Big Bend Learning Center", "507 East Holland Ridge Avenue", "79830", 30.3591, -103.6603, city="Alpine")),
  ])

O("presidio-county-tx", "presidio-county-ministerial", "Presidio County Ministerial Alliance",
  "Fictional sample listing. A partnership of Catholic, Methodist, Baptist and Pentecostal "
  "congregations in Marfa and Presidio that pools help for families in need.",
  year=1975,
  services=[
    S("pastoral-care", "Pastoral Care and Emergency Help",
      "Call or stop by the parish office and a pastor or deacon can meet with you, pray with you if "
      "you wish, and help with a gas card, a night in a motel or a bus ticket out of town. Help "
      "does not depend on going to church.",
      needs="community.faith shelter.emergency", langs="es en", assured="2025-04-17",
      hours=[H(WEEKDAYS, "09:00", "12:00")],
      loc=LOC("Presidio County Ministerial Alliance office", "301 North Highland Chapel Street", "79843", 30.3117, -104.0199, city="Marfa")),
  ])

# --------------------------------------------------------------------- Aroostook County, ME ---

O("aroostook-county-me", "northern-maine-safe-haven", "Northern Maine Safe Haven",
  "Fictional sample listing. A domestic violence, sexual assault and trafficking program for "
  "Aroostook County, with a confidential shelter and a legal advocacy office in Presque Isle.",
  year=1979,
  services=[
    S("shelter", "Emergency Shelter",
      "A confidential shelter for people of any gender and their children who are escaping abuse or "
      "exploitation. Advocates can arrange transportation from anywhere in the County, even in a "
      "snowstorm.",
      needs="shelter.emergency safety.planning", conf=True, attrs="open_24_7", genders="all",
      langs="en fr", assured="2026-11-10", cap=("beds", 5, 14, "2026-11-19T11:00:00-05:00"),
      phones=[("voice", "24-hour helpline")], hours=ALWAYS()),
    S("legal-advocacy", "Legal Advocacy",
      "An advocate helps you file for a protection from abuse order, goes to court with you in "
      "Caribou, Presque Isle or Houlton, and helps you apply for victims' compensation. Services are "
      "free and confidential, in English or French.",
      needs="legal.victim_rights advocacy.case_management", langs="en fr", assured="2026-11-10",
      hours=[H(WEEKDAYS, "08:00", "16:30")],
      loc=LOC("Northern Maine Safe Haven legal office", "27 Academy Birch Street", "04769", 46.6806, -68.0141, city="Presque Isle")),
    S("housing-advocacy", "Housing Advocacy",
      "When it is time to leave shelter, an advocate helps you find an apartment anywhere in the "
      "County, apply for a housing voucher and cover the security deposit. Survivors can also get "
      "help with heating oil for the first winter in a new place.",
      needs="housing.long_term", genders="all", langs="en fr", assured="2025-11-20",
      hours=[H(WEEKDAYS, "08:00", "16:30")],
      loc=LOC("Northern Maine Safe Haven legal office", "27 Academy Birch Street", "04769", 46.6806, -68.0141, city="Presque Isle")),
  ])

AHP = LOC("Aroostook Health Partners", "66 Sweden Spruce Street", "04736", 46.8603, -68.0094, city="Caribou")

O("aroostook-county-me", "aroostook-health-partners", "Aroostook Health Partners",
  "Fictional sample listing. A community health center in Caribou with satellite clinics across "
  "central and northern Aroostook.",
  year=1974,
  services=[
    S("primary-care", "Primary Care",
      "Family medicine, women's health, behavioral health referrals and a pharmacy assistance "
      "program, with same-week appointments. A clinic van visits Van Buren and Ashland on alternating "
      "Tuesdays.",
      needs="health.medical", conds="fee", attrs="wheelchair_accessible", langs="en fr",
      assured="2026-02-26",
      fees="MaineCare accepted; sliding fee discounts down to $10 per visit.",
      hours=[H(WEEKDAYS, "08:00", "17:00")], loc=AHP),
    S("recovery", "Medication-Assisted Recovery",
      "Buprenorphine and naltrexone treatment with a counselor and recovery coach. Telehealth "
      "follow-ups mean fewer long drives in winter.",
      needs="health.substance_use", conds="fee", langs="en", min_age=18, assured="2026-02-26",
      fees="MaineCare covers treatment. Uninsured patients are enrolled in a state-funded slot at no "
           "cost when one is open, otherwise a sliding fee applies.",
      hours=[H(WEEKDAYS, "08:00", "17:00")], loc=AHP),
  ])

O("aroostook-county-me", "st-john-valley-family", "St. John Valley Family Services",
  "Fictional sample listing. A bilingual French and English family agency in Fort Kent serving the "
  "St. John Valley along the New Brunswick border.",
  year=1982,
  services=[
    S("family-support", "Family Support and Case Management",
      "A caseworker who speaks Valley French helps with heating assistance, MaineCare, budgeting and "
      "any family crisis, and visits at home if the roads are bad. Most families are seen within a week "
      "of calling.",
      needs="advocacy.case_management skills.life", conds="mandated_reporter", genders="all",
      culture="Franco-American and Acadian",
      langs="fr en", assured="2025-10-23",
      hours=[H(WEEKDAYS, "08:00", "16:30")],
      loc=LOC("St. John Valley Family Services", "12 Riverside Tamarack Street", "04743", 47.2581, -68.5893, city="Fort Kent")),
    S("child-care-help", "Finding Child Care in the Valley",
      "Child care is scarce up here, so a family navigator keeps a current list of every licensed "
      "center and home daycare in the Valley with an opening. She helps you apply for the state child "
      "care subsidy and can pay for a first week of care from a small emergency fund.",
      needs="childcare", genders="all", langs="fr en", assured="2026-03-19",
      hours=[H(WEEKDAYS, "08:00", "16:30")],
      loc=LOC("St. John Valley Family Services", "12 Riverside Tamarack Street", "04743", 47.2581, -68.5893, city="Fort Kent")),
    S("harvest-workers", "Harvest and Forestry Worker Outreach",
      "During potato harvest and logging season, outreach workers visit seasonal workers with "
      "information about pay, housing and rights under their visas, and help anyone who is being "
      "cheated or held against their will. Workers can call or text the outreach phone in Spanish, "
      "French or English.",
      needs="legal.victim_rights legal.immigration", genders="all", langs="es fr en", assured="2025-10-23",
      alert="Outreach runs mainly from August to November.",
      area=("radius", 46.9, -68.1, 120), phones=[("voice", "Outreach cell"), ("text", "Text outreach")],
      hours=[H("MO,TU,WE,TH,FR,SA", "16:00", "21:00")]),
  ])

O("aroostook-county-me", "first-light-healing-circle", "First Light Healing Circle",
  "Fictional sample listing. A Native-led healing program in Houlton for Wabanaki and other "
  "Native people and their families.",
  year=2011,
  services=[
    S("healing", "Healing Circle and Traditional Practices",
      "Weekly talking circle, sweat lodge by arrangement, and one-on-one support from a counselor "
      "who draws on Wabanaki teachings. Taking part in ceremony is always a choice.",
      needs="health.therapy community.faith", conds="sobriety", genders="all", culture="Wabanaki and Native American",
      elig="Come to circle and ceremony sober.",
      langs="en", assured="2026-07-10",
      hours=[H("WE", "18:00", "20:30")],
      loc=LOC("First Light Healing Circle", "88 Meduxnekeag Pine Street", "04730", 46.1263, -67.8405, city="Houlton")),
  ])

O("aroostook-county-me", "county-work-connection", "County Work Connection",
  "Fictional sample listing. A job training and placement center in Presque Isle serving all of "
  "Aroostook County.",
  year=1996,
  services=[
    S("job-training", "Job Training and Placement",
      "Short courses for commercial driving, health care aide and welding jobs, and a job developer "
      "who knows every major employer in the County. Gas cards are available for trainees who drive "
      "in from far away.",
      needs="employment education", conds="id_required", langs="en", min_age=18, assured="2024-06-12",
      cap=("openings", 6, 18, "2026-10-01T08:00:00-04:00"),
      hours=[H(WEEKDAYS, "08:00", "16:30")],
      loc=LOC("County Work Connection", "455 Main Hemlock Street", "04769", 46.6844, -68.0127, city="Presque Isle")),
  ])

O("aroostook-county-me", "houlton-community-kitchen", "Houlton Community Kitchen and Closet",
  "Fictional sample listing. A community meal and clothing closet in Houlton run by volunteers from "
  "several churches.",
  year=1989,
  services=[
    S("kitchen-closet", "Community Kitchen and Winter Closet",
      "A free hot lunch on weekdays and a closet with winter coats, boots, hats and mittens for all "
      "sizes. Everyone eats together.",
      infer="basic.food basic.clothing", attrs="walk_in", langs="en", assured="2025-12-18",
      hours=[H(WEEKDAYS, "11:00", "13:00")],
      loc=LOC("Houlton Community Kitchen and Closet", "23 Military Elm Street", "04730", 46.1248, -67.8419, city="Houlton")),
  ])

O("aroostook-county-me", "aroostook-youth-shelter", "Aroostook Youth Shelter",
  "Fictional sample listing. The County's emergency shelter for teenagers, in Caribou.",
  year=1992,
  services=[
    S("youth-shelter", "Emergency Youth Shelter",
      "Eight beds for teens 12 to 17 who cannot stay at home, with school transportation, meals and "
      "a counselor. Staff work with families on a plan to return home when it is safe.",
      needs="shelter.emergency", conds="guardian_consent mandated_reporter", attrs="open_24_7",
      genders="all", langs="en", min_age=12, max_age=17, assured="2025-01-09",
      status="temporarily closed",
      alert="Temporarily closed for renovation; the 24-hour line still answers and arranges host "
            "homes for youth who need a place tonight.",
      cap=("beds", 0, 8, "2026-09-15T09:00:00-04:00"),
      phones=[("voice", "24-hour line")], hours=ALWAYS(),
      loc=LOC("Aroostook Youth Shelter", "140 Bennett Larch Drive", "04736", 46.8652, -68.0178, city="Caribou")),
  ])

# ------------------------------------------------------------------------------- Statewide ---

O("statewide", "texas-survivors-legal-line", "Texas Survivors Legal Line", ac="512",
  description="Fictional sample listing. A statewide legal hotline for crime victims in Texas, run "
              "by a consortium of legal aid organisations.",
  year=2012,
  services=[
    S("legal-line", "Legal Hotline for Survivors",
      "Call from anywhere in Texas and an attorney gives free, confidential advice about "
      "protective orders, victims' compensation, immigration options and clearing a record, then "
      "refers you to a lawyer near you for full representation. Lines are busiest on Monday mornings, "
      "so afternoons are the best time to call.",
      needs="legal.victim_rights legal.immigration legal.criminal_record", conds="immigration_status",
      attrs="phone_only", elig="Some partner programs must ask about citizenship or immigration status "
      "because of federal funding rules; survivors of trafficking and many other crimes qualify regardless.",
      genders="all", langs="en es vi", assured="2026-10-02", area="US-TX",
      phones=[("voice", "Statewide legal line")],
      hours=[H(WEEKDAYS, "08:00", "18:00")]),
  ])

O("statewide", "california-immigrant-survivors-hotline", "California Immigrant Survivors Hotline", ac="916",
  description="Fictional sample listing. A statewide immigration hotline for survivors of crime "
              "and exploitation in California.",
  year=2017,
  services=[
    S("hotline", "Immigration Hotline for Survivors",
      "Immigration advisers answer questions about T and U visas, what to do after an immigration "
      "arrest, and how to find a trustworthy lawyer instead of a notario. Calls are anonymous if you "
      "want them to be.",
      needs="legal.immigration", attrs="phone_only", genders="all", langs="en es zh ko tl vi",
      assured="2026-08-12", area="US-CA",
      hours=[H(WEEKDAYS, "09:00", "19:00"), H("SA", "10:00", "14:00")]),
  ])

O("statewide", "ny-victim-compensation-helpline", "New York Victim Compensation Help Line", ac="518",
  description="Fictional sample listing. A statewide help line that walks crime victims through New "
              "York's victim compensation program.",
  year=2008,
  services=[
    S("compensation", "Victim Compensation Help Line",
      "A claims helper explains what New York's victim compensation program can pay for, such as "
      "counseling, medical bills, lost wages, moving costs and replacing things taken as evidence, "
      "and fills out the claim with you by phone. The call is free.",
      needs="legal.victim_rights", conds="police_report", attrs="phone_only", genders="all",
      langs="en es ru zh ht", assured="2025-05-08", area="US-NY",
      elig="The state program generally requires that the crime was reported to police or another "
           "qualifying agency. Trafficking survivors can often use a report to a federal agency or a "
           "certified service provider instead; ask the helper.",
      hours=[H(WEEKDAYS, "08:30", "16:30")]),
  ])

O("statewide", "georgia-debt-helpline", "Georgia Coerced Debt Helpline", ac="478",
  description="Fictional sample listing. A statewide financial counseling line in Georgia for "
              "survivors of economic abuse and identity theft.",
  year=2019,
  services=[
    S("helpline", "Coerced Debt Helpline",
      "Credit counselors help you understand your credit reports, dispute accounts opened in your "
      "name, freeze your credit and make a plan for the debts that remain. Everything happens by "
      "phone or video.",
      needs="financial.credit", attrs="phone_only", genders="all", langs="en es", assured="2026-04-28",
      area="US-GA", hours=[H(WEEKDAYS, "09:00", "17:00"), H("TU", "17:00", "20:00")]),
  ])

O("statewide", "washington-vacatur-help-line", "Washington Vacatur Help Line", ac="360",
  description="Fictional sample listing. A statewide legal line in Washington State for people who "
              "want to clear records connected to being trafficked.",
  year=2020,
  services=[
    S("help-line", "Vacatur Help Line",
      "A paralegal screens your Washington record over the phone and matches you with a volunteer "
      "lawyer in your county to file vacatur and sealing motions at no cost. You can call even if you "
      "are not sure your convictions qualify.",
      needs="legal.criminal_record", attrs="phone_only", genders="all", langs="en es", assured="2025-09-04",
      area="US-WA", hours=[H("MO,TU,WE,TH", "10:00", "16:00")]),
  ])

O("statewide", "illinois-child-care-connect", "Illinois Child Care Connect", ac="217",
  description="Fictional sample listing. A statewide phone line helping Illinois parents find and "
              "pay for child care.",
  year=2014,
  services=[
    S("finder", "Child Care Finder and Subsidy Help",
      "Tell a specialist where you live, when you work or study and how old your children are, and "
      "they will find licensed openings and help you apply for state child care assistance. Specialists "
      "speak Spanish and Polish as well as English.",
      needs="childcare", conds="immigration_status", attrs="phone_only", genders="all", langs="en es pl",
      assured="2026-01-30", elig="Finding care is open to anyone. The state subsidy application asks "
      "about the child's citizenship or immigration status, not the parent's.",
      area="US-IL", hours=[H(WEEKDAYS, "08:00", "18:00")]),
  ])

# ------------------------------------------------------------------ National hotlines (REAL) ---
# Real services with their real numbers; not sample data, no sample_data attribute.

NATIONAL_ASSURED = "2026-11-20"


def hotline(key, name, website, org_description, service_name, service_description, needs, phones, **kw):
    O("national", key, name, org_description, website=website, phone=(phones[0][0], phones[0][2]),
      services=[S("hotline", service_name, service_description, needs=needs, attrs="phone_only open_24_7",
                  genders="all", langs="en es", assured=NATIONAL_ASSURED, area="US", phones=phones,
                  hours=ALWAYS(), **kw)])


hotline("national-human-trafficking-hotline", "National Human Trafficking Hotline",
        "https://humantraffickinghotline.org",
        "The national, confidential anti-trafficking hotline for the United States, operated by "
        "Polaris with funding from the U.S. Department of Health and Human Services.",
        "National Human Trafficking Hotline",
        "Call or text to talk confidentially with a trained advocate about a situation that might be "
        "trafficking, get connected to local services and shelter anywhere in the country, or report a "
        "tip. Advocates answer every hour of every day in English and Spanish, with interpreters for "
        "more than 200 other languages. You decide whether anything is reported to law enforcement.",
        "safety.planning advocacy.case_management",
        [("1-888-373-7888", "voice", "Call 24/7"), ("233733", "text", "Text 233733 (BEFREE)")],
        interp="Interpreters for more than 200 languages.")

hotline("988-lifeline", "988 Suicide & Crisis Lifeline", "https://988lifeline.org",
        "The national network of local crisis centers reached by dialing or texting 988, administered "
        "by Vibrant Emotional Health with funding from the U.S. Substance Abuse and Mental Health "
        "Services Administration.",
        "988 Suicide & Crisis Lifeline",
        "Call or text 988 if you are thinking about suicide, are in emotional distress or are worried "
        "about someone else. A trained crisis counselor listens, helps you get through right now and "
        "can connect you with local help. Spanish-speaking counselors are available.",
        "health.crisis",
        [("988", "voice", "Call 988, 24/7"), ("988", "text", "Text 988, 24/7")])

hotline("national-domestic-violence-hotline", "National Domestic Violence Hotline", "https://www.thehotline.org",
        "The national hotline for people experiencing domestic violence and relationship abuse, and "
        "for the people who care about them.",
        "National Domestic Violence Hotline",
        "Advocates answer day and night to talk through what is happening, help you make a safety "
        "plan and find a shelter or local program near you. You can call, or text START to 88788. "
        "Help is free, confidential, and available in English and Spanish, with interpreters for "
        "other languages.",
        "safety.planning shelter.emergency",
        [("1-800-799-7233", "voice", "Call 24/7 (1-800-799-SAFE)"), ("88788", "text", "Text START to 88788")])

hotline("national-runaway-safeline", "National Runaway Safeline", "https://www.1800runaway.org",
        "The national communication system for runaway and homeless youth, and for young people "
        "thinking about leaving home, and their families.",
        "National Runaway Safeline",
        "Young people who have run away, been kicked out or are thinking about leaving can call and "
        "talk confidentially with someone who will listen without judging. Staff help find a "
        "shelter for tonight, work out a plan, or set up a call with family. Parents and friends can "
        "call too.",
        "safety.planning shelter.emergency",
        [("1-800-786-2929", "voice", "Call 24/7 (1-800-RUNAWAY)")])

hotline("ncmec", "National Center for Missing & Exploited Children", "https://www.missingkids.org",
        "The national nonprofit clearinghouse on missing and exploited children in the United States, "
        "which runs a 24-hour call center and the CyberTipline.",
        "NCMEC 24-Hour Call Center",
        "Call to report a missing child, a child you think is being sexually exploited, or images of a "
        "child online. Families of missing children, and survivors who were once missing, can also get "
        "support and referrals. The line is answered around the clock.",
        "safety.planning",
        [("1-800-843-5678", "voice", "Call 24/7 (1-800-THE-LOST)")])

hotline("samhsa-national-helpline", "SAMHSA National Helpline", "https://www.samhsa.gov/find-help/helplines/national-helpline",
        "A free, confidential treatment referral and information service of the U.S. Substance Abuse "
        "and Mental Health Services Administration.",
        "SAMHSA National Helpline",
        "Call for free, confidential referrals to treatment for alcohol and drug use, and to "
        "support groups and community organisations near you, in English or Spanish. The helpline "
        "can point you to state-funded programs if you have no insurance.",
        "health.substance_use",
        [("1-800-662-4357", "voice", "Call 24/7 (1-800-662-HELP)")])

hotline("rainn", "RAINN National Sexual Assault Hotline", "https://rainn.org",
        "The National Sexual Assault Hotline, operated by RAINN in partnership with local sexual "
        "assault service providers across the country.",
        "National Sexual Assault Hotline",
        "Calls are routed to a trained staff member at a sexual assault service provider near you, who "
        "can talk through what happened, explain medical and reporting options, and tell you about "
        "your rights and local support. You can also chat online, in English or Spanish.",
        "health.crisis legal.victim_rights",
        [("1-800-656-4673", "voice", "Call 24/7 (1-800-656-HOPE)")])


# =============================================================================================
# Check.
# =============================================================================================

PHONE_SAMPLE = re.compile(r"^\d{3}-555-01\d\d$")
NEED_CODES = [
    "safety.planning", "shelter.emergency", "basic.food", "basic.clothing", "health.medical",
    "health.crisis", "health.therapy", "advocacy.case_management", "skills.life",
    "health.substance_use", "housing.long_term", "education", "employment", "legal.id_documents",
    "childcare", "community.faith", "legal.immigration", "legal.repatriation", "legal.victim_rights",
    "legal.criminal_record", "financial.credit",
]
CONFIDENTIAL_KEYS = {"latitude", "longitude", "addresses", "address_1", "address_2", "postal_code",
                     "service_at_locations", "location"}


def schema_dir():
    for p in SCHEMA_CANDIDATES:
        if p and (p / "service.json").exists():
            return p
    raise SystemExit("cannot find the HSDS 3.1 compiled schemas; set HSDS_SCHEMA_DIR")


def walk(node, path=""):
    """Yield (path, key, value) for every key in a JSON tree."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield path, k, v
            yield from walk(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, f"{path}/{i}")


def terms(svc, taxonomy):
    return [a["taxonomy_term"] for a in svc.get("attributes", []) if a["taxonomy_term"].get("taxonomy") == taxonomy]


def check(expected=None):
    import jsonschema

    sdir = schema_dir()
    fc = jsonschema.FormatChecker()
    service_v = jsonschema.Draft202012Validator(json.loads((sdir / "service.json").read_text()), format_checker=fc)
    org_v = jsonschema.Draft202012Validator(json.loads((sdir / "organization.json").read_text()), format_checker=fc)
    tax = Taxonomy()
    infer = {uid("service", o["key"], s["key"]): split(s.get("infer")) for o in ORGS for s in o["services"]}

    problems = []
    warnings = []

    def fail(msg):
        problems.append(msg)

    data = {}
    for region_key, file_name in REGION_FILES.items():
        path = LISTINGS / file_name
        if not path.exists():
            fail(f"missing {path}")
            continue
        data[region_key] = json.loads(path.read_text())
        if expected is not None and data[region_key] != expected[region_key]:
            fail(f"{file_name} is stale: rerun scripts/sample_directory.py")
    extra = {p.name for p in LISTINGS.glob("*.json")} - set(REGION_FILES.values())
    if extra:
        warnings.append(f"unexpected files in listings/: {sorted(extra)}")

    # 1. Schema validation, four shapes.
    n_validations = 0
    for region_key, orgs in data.items():
        for org in orgs:
            bare = {k: v for k, v in org.items() if k != "services"}
            for label, validator, doc in [("organization without services", org_v, bare),
                                          ("organization with services", org_v, org)]:
                n_validations += 1
                for e in validator.iter_errors(doc):
                    fail(f"{region_key}: {org['name']} ({label}): {e.json_path}: {e.message}")
            for svc in org.get("services", []):
                for label, doc in [("service", svc), ("service with organization", dict(svc, organization=bare))]:
                    n_validations += 1
                    for e in service_v.iter_errors(doc):
                        fail(f"{region_key}: {svc['name']} ({label}): {e.json_path}: {e.message}")

    # 2. Every id is a UUID, and services/organisations are unique.
    seen_ids = Counter()
    for region_key, orgs in data.items():
        for org in orgs:
            seen_ids[org["id"]] += 1
            for svc in org["services"]:
                seen_ids[svc["id"]] += 1
                if svc.get("organization_id") != org["id"]:
                    fail(f"{svc['name']}: organization_id does not match its organisation")
        for path, k, v in walk(orgs):
            if k == "id" or k.endswith("_id"):
                try:
                    if str(uuid.UUID(v)) != v:
                        raise ValueError
                except (ValueError, TypeError, AttributeError):
                    fail(f"{region_key}{path}/{k}: not a UUID: {v!r}")
    dup = [i for i, n in seen_ids.items() if n > 1]
    if dup:
        fail(f"duplicate organisation/service ids: {dup}")

    # 3. Per-service rules.
    sample_services = []
    per_region = Counter()
    need_count = Counter()
    need_unconditional = Counter()
    oe_services = untagged_services = 0
    confidential = capacity = capacity_zero = spanish = 0
    cond_count = Counter()
    unconditional = 0
    attr_count = Counter()
    langs_seen = Counter()
    youth = adults = 0
    assured = []
    sentences = Counter()
    for region_key, orgs in data.items():
        national = region_key == "national"
        for org in orgs:
            org_attrs = {t.get("code") for t in terms(org, "pathways-attributes")}
            if national:
                if "sample_data" in org_attrs or "ictional" in org["description"]:
                    fail(f"{org['name']}: a real hotline must not be marked as sample data")
            else:
                if "sample_data" not in org_attrs:
                    fail(f"{org['name']}: missing sample_data attribute")
                if not org["description"].startswith("Fictional sample listing. "):
                    fail(f"{org['name']}: description must begin 'Fictional sample listing. '")
            for path, k, v in walk(org):
                if k == "number" and not national and not PHONE_SAMPLE.match(v):
                    fail(f"{org['name']}: phone {v} is not a fictional 555-01xx number")
            for svc in org["services"]:
                name = f"{region_key}: {svc['name']}"
                if not national:
                    sample_services.append(svc)
                    per_region[region_key] += 1
                codes = [t["code"] for t in terms(svc, "pathways-needs")]
                oe = [t["name"] for t in terms(svc, "Open Eligibility")]
                conds = [t["code"] for t in terms(svc, "pathways-conditions")]
                attrs = {t["code"]: a.get("value") for a in svc["attributes"]
                         for t in [a["taxonomy_term"]] if t.get("taxonomy") == "pathways-attributes"}
                for c in codes:
                    if c not in tax.needs:
                        fail(f"{name}: unknown need {c}")
                for c in conds:
                    if c not in tax.conditions:
                        fail(f"{name}: unknown condition {c}")
                for c in attrs:
                    if c not in tax.attributes:
                        fail(f"{name}: unknown attribute {c}")
                if codes and oe:
                    fail(f"{name}: has both pathways-needs and Open Eligibility terms")
                needs = set(codes)
                if oe:
                    oe_services += 1
                    for n in oe:
                        if n.lower() not in tax.oe:
                            fail(f"{name}: Open Eligibility term {n!r} is not in needs.toml's crosswalk")
                        else:
                            needs.add(tax.oe[n.lower()][0])
                if not codes and not oe:
                    untagged_services += 1
                    needs.update(infer.get(svc["id"], []))
                    if not infer.get(svc["id"]):
                        fail(f"{name}: no need terms and no manual tally")
                if not national:
                    for n in needs:
                        need_count[n] += 1
                        if not conds:
                            need_unconditional[n] += 1
                    for c in conds:
                        cond_count[c] += 1
                    if not conds:
                        unconditional += 1
                    for a in attrs:
                        attr_count[a] += 1
                    codes_l = [lang["code"] for lang in svc.get("languages", [])]
                    for c in codes_l:
                        langs_seen[c] += 1
                    if "es" in codes_l and "en" in codes_l:
                        spanish += 1
                    if svc.get("maximum_age") is not None and svc["maximum_age"] <= 24:
                        youth += 1
                    if svc.get("minimum_age") == 18 and svc.get("maximum_age") is None:
                        adults += 1
                    assured.append(svc["assured_date"])
                    for sentence in re.split(r"(?<=[.!?])\s+", svc["description"]):
                        sentences[sentence] += 1
                if not (2 <= len(re.findall(r"[.!?](?:\s|$)", svc["description"])) <= 4):
                    warnings.append(f"{name}: description is not 2–4 sentences")
                if not re.match(r"^\d{4}-\d{2}-\d{2}$", svc.get("assured_date", "")):
                    fail(f"{name}: assured_date missing or not YYYY-MM-DD")
                if svc.get("status") not in ("active", "temporarily closed"):
                    fail(f"{name}: status {svc.get('status')}")
                if ("fee" in conds) != bool(svc.get("fees_description")):
                    fail(f"{name}: the fee condition and fees_description must go together")
                for cap in svc.get("capacities", []):
                    capacity += 1
                    if cap["available"] == 0:
                        capacity_zero += 1
                    if cap["available"] > cap.get("maximum", cap["available"]):
                        fail(f"{name}: capacity available > maximum")
                always = any(s["byday"] == ALL_DAYS and s["opens_at"] == "00:00" and s["closes_at"] == "23:59"
                             for s in svc.get("schedules", []))
                if always != ("open_24_7" in attrs):
                    fail(f"{name}: a 24/7 schedule and the open_24_7 attribute must go together")
                for s in svc.get("schedules", []):
                    if not (re.match(r"^\d\d:\d\d$", s["opens_at"]) and re.match(r"^\d\d:\d\d$", s["closes_at"])):
                        fail(f"{name}: opens_at/closes_at must be HH:MM")
                    if any(d not in ALL_DAYS.split(",") for d in s["byday"].split(",")):
                        fail(f"{name}: bad byday {s['byday']}")
                areas = [a["extent"] for a in svc.get("service_areas", [])]
                for ext in areas:
                    if not (ext == "US" or re.match(r"^US-[A-Z]{2}$", ext)
                            or re.match(r"^radius:-?\d+(\.\d+)?,-?\d+(\.\d+)?,\d+(\.\d+)?$", ext)):
                        fail(f"{name}: bad service area extent {ext}")
                if "confidential_location" in attrs:
                    confidential += 1
                    leaked = [f"{p}/{k}" for p, k, _ in walk(svc) if k in CONFIDENTIAL_KEYS]
                    if leaked:
                        fail(f"{name}: confidential service publishes {leaked}")
                    if not svc.get("phones"):
                        fail(f"{name}: confidential service needs an intake phone")
                    if "shelter.emergency" in needs and not any("24" in (p.get("description") or "") for p in svc["phones"]):
                        fail(f"{name}: confidential emergency shelter needs a 24-hour intake phone")
                    if not any(a.startswith("radius:") for a in areas):
                        fail(f"{name}: confidential service needs a radius service area")
                if "phone_only" in attrs:
                    if svc.get("service_at_locations"):
                        fail(f"{name}: phone-only service has a location")
                    if not areas:
                        fail(f"{name}: phone-only service needs a service area")
                for sal in svc.get("service_at_locations", []):
                    loc = sal["location"]
                    if loc.get("latitude") is None or not loc.get("addresses"):
                        fail(f"{name}: office without coordinates or address")
                    centre, km = REGIONS[region_key][3], REGIONS[region_key][4]
                    if centre:
                        d = haversine_km(centre, (loc["latitude"], loc["longitude"]))
                        if d > max(km, 60):
                            fail(f"{name}: office {loc['name']} is {d:.0f} km from the centre")

    # 4. Whole-directory promises.
    n_orgs = sum(len(o) for k, o in data.items() if k != "national")
    n_services = len(sample_services)
    if n_services < 160:
        fail(f"only {n_services} sample services (need 160)")
    if n_orgs < 75:
        fail(f"only {n_orgs} sample organisations (need 75)")
    for n in NEED_CODES:
        if need_count[n] < 6:
            fail(f"need {n}: only {need_count[n]} services (need 6)")
        if need_unconditional[n] < 2:
            fail(f"need {n}: only {need_unconditional[n]} unconditional services (need 2)")
    if confidential < 8:
        fail(f"only {confidential} confidential-location services (need 8)")
    if capacity < 25:
        fail(f"only {capacity} services report capacity (need 25)")
    if capacity_zero < 1:
        fail("no service reports zero availability")
    if spanish < 0.30 * n_services:
        fail(f"only {spanish} services with English and Spanish staff (need 30%)")
    for lang in ["vi", "ko", "zh", "tl", "ht", "ar", "fr", "ru", "so"]:
        if not langs_seen[lang]:
            fail(f"no service lists language {lang}")
    if not youth or not adults:
        fail("need both youth-only and adults-only services")
    if min(assured) > "2025-06-30" or max(assured) < "2026-11-01":
        fail("assured dates should range from over a year old to fresh")
    repeated = [s for s, n in sentences.items() if n > 1 and len(s) > 20]
    if repeated:
        warnings.append(f"sentences reused across services: {repeated}")

    # 5. Summary.
    print()
    print(f"{'region':<24}{'orgs':>6}{'services':>10}")
    for region_key in REGION_FILES:
        if region_key in data:
            print(f"{region_key:<24}{len(data[region_key]):>6}{sum(len(o['services']) for o in data[region_key]):>10}")
    print(f"{'total (sample only)':<24}{n_orgs:>6}{n_services:>10}")
    print()
    print(f"{'need':<28}{'services':>10}{'no conditions':>15}")
    for n in NEED_CODES:
        print(f"{n:<28}{need_count[n]:>10}{need_unconditional[n]:>15}")
    print()
    print(f"unconditional sample services: {unconditional} of {n_services} ({100 * unconditional / n_services:.0f}%)")
    print("conditions: " + ", ".join(f"{c} {cond_count[c]}" for c in CONDITION_TEXT))
    print("attributes: " + ", ".join(f"{a} {attr_count[a]}" for a in ATTRIBUTE_TEXT if a != "sample_data"))
    print(f"tagged with Open Eligibility only: {oe_services}; untagged (needs inferred): {untagged_services}")
    print(f"confidential: {confidential}; with capacity: {capacity} ({capacity_zero} at zero); "
          f"English+Spanish: {spanish} ({100 * spanish / n_services:.0f}%); youth-only: {youth}; adults-only: {adults}")
    print("languages: " + ", ".join(f"{k} {v}" for k, v in langs_seen.most_common()))
    print(f"assured dates: {min(assured)} … {max(assured)}")
    print(f"schema validations run: {n_validations}")
    for w in warnings:
        print(f"warning: {w}")
    if problems:
        print()
        for p in problems:
            print(f"FAIL: {p}")
        print(f"\n{len(problems)} problem(s)")
        return False
    print("\nall checks passed")
    return True


def haversine_km(a, b):
    from math import asin, cos, radians, sin, sqrt
    lat1, lon1, lat2, lon2 = map(radians, (a[0], a[1], b[0], b[1]))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * asin(sqrt(h))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="check the files on disk; write nothing")
    args = ap.parse_args()
    _, out = build()
    if not args.check:
        write(out)
    ok = check(expected=out)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
