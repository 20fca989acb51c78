"""Read the decision's text export and turn it into the plan's tables.

The source is a plain-text export of a Word document. Its table cells start
with a tab; a cell that held several lines (two leaders, a name broken after
the surname) continues on lines without a tab. The parser is a small state
machine over those lines. Every non-blank line ends up either in the data or
in `ParsedPlan.unplaced`, so nothing is silently dropped.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from opendata.messages import IMPORT_UI
from opendata.quarters import quarter_bounds
from opendata.text import (
    NotUkrainianText,
    binary_kind,
    cyrillic_words,
    decode_ukrainian,
    fold_lookalikes,
    latin_slug,
    normalize_space,
    one_apostrophe,
    transliterate,
    ukrainian_sort_key,
)

# Curated translations: the decision exists only in Ukrainian. Keyed by the
# Ukrainian text so a changed source shows up as a missing translation.
CAMPAIGN_TITLES_EN = {
    "Мобілізація громади на покращення благоустрою міста": (
        "Mobilising the community to improve the city's public spaces"
    ),
    "Соціальний захист населення": "Social protection of the population",
    "Боротьба з Covid-19": "Fighting Covid-19",
    "Висвітлення роботи Коломийської міської ради": "Covering the work of Kolomyia City Council",
    "Прозорість і підзвітність Коломийської міської ради": (
        "Transparency and accountability of Kolomyia City Council"
    ),
}

# Positions named in the decision's text, in the grammatical case in which the
# text uses them, with their nominative form and an English translation, for a city,
# settlement or village council alike. A position is attached to a person only where
# the text names that person right after the phrase ("... міського голови Олега
# ТОКАРЧУКА"); the first that ends the text before the name wins («першого заступника»
# before «заступника»). The council or the town may be named («секретаря Верхньоясенівської
# сільської ради», «заступника Коломийського міського голови») and a deputy's remit follow
# («… голови з питань діяльності виконавчих органів ради», «… з гуманітарних питань»): both
# stay in the Ukrainian position (`_position_patterns`).
HEADS_EN = {"міського": "Mayor", "селищного": "Settlement Head", "сільського": "Village Head"}
COUNCILS_EN = {"міської": "City Council", "селищної": "Settlement Council", "сільської": "Village Council"}
KNOWN_POSITIONS = [
    *(
        (f"першого заступника {head} голови", f"перший заступник {head} голови", f"First Deputy {english}")
        for head, english in HEADS_EN.items()
    ),
    *(
        (f"заступника {head} голови", f"заступник {head} голови", f"Deputy {english}")
        for head, english in HEADS_EN.items()
    ),
    *(
        (
            f"керуючого справами виконавчого комітету {council} ради",
            f"керуючий справами виконавчого комітету {council} ради",
            "Manager of Affairs of the Executive Committee",
        )
        for council in COUNCILS_EN
    ),
    *(
        (f"секретаря {council} ради", f"секретар {council} ради", f"Secretary of the {english}")
        for council, english in COUNCILS_EN.items()
    ),
    (
        "Начальник відділу комунікації та інформаційних технологій міської ради",
        "начальник відділу комунікації та інформаційних технологій міської ради",
        "Head of the Communication and Information Technology Department",
    ),
]

UPPER = "А-ЯІЇЄҐ"
LOWER = "а-яіїєґ’'ʼ"
# the words «міської ради» or «міського голови» of a position, before which the council's or
# the town's name may stand («Коломийської міської ради», «Коломийського міського голови»)
COUNCIL_WORDS = rf"(?:{'|'.join(COUNCILS_EN)}) ради|(?:{'|'.join(HEADS_EN)}) голови"
COUNCIL_WORDS_RE = re.compile(rf"(?=(?:{COUNCIL_WORDS}))")
COUNCIL_NAME = rf"(?P<council>[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)* )?"
# a word of a remit: in small letters, or a council's name before «міської ради»
REMIT_WORD = rf"(?:[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)* (?={COUNCIL_WORDS}))?[{LOWER}-]+"
# «з питань діяльності виконавчих органів Коломийської міської ради», «з гуманітарних питань»
REMIT = rf"(?P<remit> з(?: [{LOWER}-]+)* питань(?: {REMIT_WORD})*)?"
ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
# a Roman numeral as typed, Cyrillic look-alikes (І, Х, С, М) too; campaigns.numeral's pattern
NUMERAL = "[IVXLCDMІХСМ]+"

CAMPAIGN_RE = re.compile(rf"^(?P<numeral>{NUMERAL})\.\s*Комунікаційна кампанія\s*«(?P<title>.+)»$")
TASK_NUMBER_RE = re.compile(r"^(?P<number>\d+\.\d+)[.)]?$")  # «1.10», also printed «1.10.» or «3.2)»
TABLE_HEADER_CELLS = {"№ з/п", "Завдання", "Керівник", "Виконавець"}
SURNAME = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"  # «Петрук-Левицька» too
INITIALS = rf"[{UPPER}]\.(?:\s*[{UPPER}]\.?)?"  # «М.Ю.», «М. Ю», or one initial «А.»
FULL_NAME_RE = re.compile(rf"^(?P<surname>{SURNAME})\s+(?P<initials>{INITIALS})$")
SURNAME_RE = re.compile(rf"^{SURNAME}$")
INITIALS_RE = re.compile(rf"^{INITIALS}$")
PLACE_WORD = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)*"  # «Коломия», «Івано-Франківськ»
# a name of several words («Верхній Ясенів»), but not the district or oblast after it
# («смт Ворохта Надвірнянського району»): those are adjectives in the genitive
PLACE = rf"{PLACE_WORD}(?: (?!\S*(?:ого|ої)\b){PLACE_WORD})*"
CITY_RE = re.compile(rf"(?:\bм\.|\bсмт\.?|\bс\.|\b(?:місто|селище|село)\b)\s*(?P<city>{PLACE})")
COUNCIL_RE = re.compile(r"виконавчого комітету (\S+) (міської|селищної|сільської) ради")
HEADER_COUNCIL_RE = re.compile(rf"^(?P<name>[{UPPER}'’ʼ-]+) (?P<kind>МІСЬКА|СЕЛИЩНА|СІЛЬСЬКА) РАДА$")
# a header's line between the council and «Виконавчий комітет»: «КАЛУСЬКОГО РАЙОНУ
# ІВАНО-ФРАНКІВСЬКОЇ ОБЛАСТІ», «ВОСЬМЕ ДЕМОКРАТИЧНЕ СКЛИКАННЯ»
HEADER_REGION_RE = re.compile(r".*\b(?:району|області|скликання)\)?", re.IGNORECASE)
# the head who signs the decision, as signed, and the position in English
HEAD_TITLES = {
    "Міський голова": HEADS_EN["міського"],
    "Селищний голова": HEADS_EN["селищного"],
    "Сільський голова": HEADS_EN["сільського"],
}


@dataclass(frozen=True)
class Unit:
    """A unit whose head signs under the plan: its name in the nominative, the gender the
    adjectives before it take («загального відділу», «фінансового управління») and its
    head's position in English."""

    nominative: str
    gender: str
    head_en: str


# the units, by their name in the genitive as signed («Начальник відділу …»)
UNITS = {
    "відділу": Unit("відділ", "masculine", "Head of Department"),
    "управління": Unit("управління", "neuter", "Head of Directorate"),
    "департаменту": Unit("департамент", "masculine", "Director of Department"),
    "сектору": Unit("сектор", "masculine", "Head of Sector"),
    "служби": Unit("служба", "feminine", "Head of Service"),
}
# an adjective's endings in the genitive and the nominative, by gender, the soft ones first
ADJECTIVE_ENDINGS = {
    "masculine": (("ього", "ій"), ("ого", "ий")),  # верхнього → верхній, загального → загальний
    "neuter": (("ього", "є"), ("ого", "е")),  # фінансового → фінансове
    "feminine": (("ьої", "я"), ("ої", "а")),  # організаційної → організаційна
}
# the position the department's head signs the plan with, a man's or a woman's
DEPARTMENT_HEADS = ("Начальник", "Начальниця")
# «Начальник відділу комунікацій селищної ради Ірина ЛЕСЮК», «Начальниця загального відділу
# сільської ради Ірина ЛЕСЮК», «Начальник організаційно-аналітичного відділу …»: the position,
# the unit and the words naming it, the name
DEPARTMENT_RE = re.compile(
    rf"^(?P<position>(?:{'|'.join(DEPARTMENT_HEADS)}) "
    rf"(?P<adjectives>(?:(?:[{LOWER}]+-)*[{LOWER}]+(?:ого|ої) )*)(?P<unit>{'|'.join(UNITS)})"
    rf"(?P<words>(?: .+?)??)(?: (?:[{UPPER}]\S* )?(?:міської|селищної|сільської) ради)?)"
    rf" (?P<first>[{UPPER}][{LOWER}]+) (?P<surname>[{UPPER}’'ʼ-]{{2,}})"
)
SIGNATORY_RE = re.compile(rf"^(?P<first>[{UPPER}][{LOWER}]+)\s+(?P<surname>[{UPPER}’'ʼ-]{{2,}})$")
# the plan period in the title, in the forms the importer understands
PERIOD_RANGE_RE = re.compile(rf"({NUMERAL})\s*[-–—]\s*({NUMERAL})\s+квартал\w*\s+(\d{{4}})")
PERIOD_QUARTER_RE = re.compile(rf"(?<!\w)({NUMERAL})\s+квартал\w*\s+(\d{{4}})")
PERIOD_HALF_RE = re.compile(rf"(?<!\w)({NUMERAL})\s+півріччя\s+(\d{{4}})")
PERIOD_YEAR_RE = re.compile(r"\bна\s+(\d{4})\s+рік\b")  # not any «2022 року»: «ІІ півріччя 2022 року»
MONTHS = (  # in the genitive, as a date says them
    *("січня", "лютого", "березня", "квітня", "травня", "червня"),
    *("липня", "серпня", "вересня", "жовтня", "листопада", "грудня"),
)
# the decision's date: «від 14.10.2022», «від 14 жовтня 2022 року», «від «14» жовтня 2022 р.»
DATE_RE = re.compile(
    rf"\bвід\s+[«\"]?(?P<day>\d{{1,2}})[»\"]?"
    rf"(?:\.(?P<month>\d{{1,2}})\.|\s+(?P<month_name>{'|'.join(MONTHS)})\s+)(?P<year>\d{{4}})"
)
# a decision's number as registered: «187», «45/3», «27-р», «123/2023», «12-1/2», and with the
# convocation's Roman numeral in Latin letters or Cyrillic look-alikes, «123-VIII», «45-3/VІІІ»
DECISION_NUMBER = rf"\d+(?:[/-][\d{UPPER}а-яіїєґIVXLCDM]+)*"
# the number, and what its «№ …» token goes on with (a dash Word put for a hyphen: «45–3»)
NUMBER_RE = re.compile(rf"№\s*({DECISION_NUMBER})(?P<rest>\S*)")
# the draft's mark on the first line, in the new spelling or the old («ПРОЕКТ», «Проект рішення»)
DRAFT_RE = re.compile(r"про[єе]кт(?: рішення\b.*)?", re.IGNORECASE)
# «Олега ТОКАРЧУКА», «Оксана ПЕТРУК-ЛЕВИЦЬКА»; the surname first too, «ТОКАРЧУКА Олега»;
# or with initials, «Токарчука О.В.», «О.В. ТОКАРЧУКА», «О.В. Токарчука» (no first name then)
FIRST_NAME = rf"[{UPPER}][{LOWER}]+"
UPPER_SURNAME = rf"[{UPPER}’'ʼ]{{3,}}(?:-[{UPPER}’'ʼ]+)*"
TITLE_SURNAME = rf"[{UPPER}][{LOWER}’'ʼ]+(?:-[{UPPER}][{LOWER}’'ʼ]+)*"
INITIALS = rf"[{UPPER}]\.(?:\s?[{UPPER}]\.)?"
MENTION_RE = re.compile(
    rf"(?P<first>{FIRST_NAME})\s+(?P<surname>{UPPER_SURNAME})"
    rf"|(?P<surname_first>{UPPER_SURNAME})\s+(?P<first_after>{FIRST_NAME})"
    rf"|(?P<surname_initials>{TITLE_SURNAME})\s+(?P<initials_after>{INITIALS})"
    rf"|(?P<initials_first>{INITIALS})\s?(?P<surname_after>{UPPER_SURNAME})"
    rf"|(?P<initials_before>{INITIALS})\s?(?P<surname_titled>{TITLE_SURNAME})"
)


def roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral as printed (Cyrillic look-alikes allowed), or None:
    a campaign numbered by a slip must not silently become campaign 0."""
    latin = fold_lookalikes(numeral)
    if not latin or not ROMAN_RE.match(latin):
        return None
    values = [ROMAN_DIGITS[digit] for digit in latin]
    return sum(-v if v < after else v for v, after in itertools.pairwise([*values, 0]))


@dataclass(frozen=True)
class UnplacedLine:
    line_number: int
    text: str
    reason: str  # a code: messages.IMPORT_UI[lang]["reasons"] says it in words
    task: str | None = None  # the task's number, for "beyond-executor"


@dataclass
class Person:
    surname: str
    initials: str  # normalised "М.Ю."
    first_name: str | None = None
    position_uk: str | None = None
    position_en: str | None = None

    @property
    def display_name(self) -> str:
        return f"{self.surname} {self.initials}"

    @property
    def person_id(self) -> str:
        return latin_slug(self.display_name)


@dataclass
class Task:
    source_number: str
    campaign_id: int
    line_number: int
    title_lines: list[str] = field(default_factory=list)
    leader_lines: list[tuple[int, str]] = field(default_factory=list)
    executor_lines: list[tuple[int, str]] = field(default_factory=list)
    task_id: str = ""
    sequence: int = 0
    number_is_duplicate: bool = False
    leaders: list[str] = field(default_factory=list)  # display names
    executors: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return normalize_space(" ".join(self.title_lines)).rstrip(";").rstrip()


@dataclass
class Campaign:
    campaign_id: int
    numeral: str
    title_uk: str
    title_en: str | None
    line_number: int  # its heading's, for a note about it


@dataclass(frozen=True)
class Note:
    """Something the officer should know that loses no line: a field of the decision
    left empty, campaigns without an English title.  It does not change the exit code."""

    code: str  # messages.IMPORT_UI[lang]["notes"] says it in words
    params: dict = field(default_factory=dict)

    @property
    def leaves_an_error(self) -> bool:
        """validate counts the empty field as an error (the schema requires the issuing body, the
        plan's rules an adopted decision's date and number): the import's errors are these."""
        if self.code == "impossible-date":
            return self.params["required"]
        return self.code == "adopted-without" or self.params.get("field") == "issuing_body"


@dataclass(frozen=True)
class Council:
    """The council whose executive committee issued the decision, in the genitive as the
    decision's words need it: «Коломийської міської ради»."""

    genitive: str
    kind: str  # «міської», «селищної» or «сільської»

    @property
    def issuing_body(self) -> str:
        return f"Виконавчий комітет {self.genitive}"


@dataclass(frozen=True)
class Period:
    """The plan's first and last day, and the period in the title's own words with its
    numerals as printed («ІІ–IV квартали 2021 року»): the package's title repeats them."""

    start: date
    end: date
    words: str


@dataclass
class ParsedPlan:
    decision: dict
    campaigns: list[Campaign]
    tasks: list[Task]
    people: list[Person]
    unplaced: list[UnplacedLine]
    council: Council | None
    period: Period
    department: str | None  # who prepared the decision: «Відділ … Коломийської міської ради»
    source_encoding: str = "utf-8"  # the codec the export was read in (read_source)
    notes: list[Note] = field(default_factory=list)


class SourceError(Exception):
    """The source is not the decision text the importer understands.

    ``code`` names what is missing (``messages.IMPORT_UI[lang]["errors"]`` says it in
    words): "not-text", "not-utf8" (with ``params["detected"]``), "no-plan", "no-title",
    "no-period" (with ``params["title"]``), "period-unread" (with ``params["title"]`` and
    ``params["words"]``); ``params["source"]``, the file, where it is known."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code, self.params = code, params

    def __str__(self) -> str:
        """The command's English message: the file, what is wrong with it and the fix."""
        ui = IMPORT_UI["en"]
        kind_words = ui["document_kinds"].get(self.params.get("kind", ""), "")
        reason = ui["errors"][self.code].format(**self.params, kind_words=kind_words)
        source = self.params.get("source")
        return ui["cannot"].format(source=source, reason=reason) if source else f"Cannot import: {reason}."


def parse_decision(text: str, source_name: str) -> ParsedPlan:
    lines = text.splitlines()
    plan_start = next((i for i, line in enumerate(lines) if line.strip() == "ПЛАН"), None)
    if plan_start is None:
        raise SourceError("no-plan")
    preamble = normalize_space("\n".join(lines[:plan_start]))
    notes: list[Note] = []
    decision, council, period = _parse_preamble(lines[:plan_start], preamble, source_name, text, notes)
    campaigns, tasks, signature, unplaced = _parse_plan_body(lines, plan_start + 1)
    signature = cyrillic_words(signature)  # «Ірина ЛEСЮК», a Latin E: her name and her department read
    untranslated = [c.numeral for c in campaigns if c.title_en is None]
    if untranslated:
        notes.append(Note("no-english-titles", {"numerals": ", ".join(untranslated)}))
    notes += _campaigns_without_tasks(campaigns, tasks)
    signed = DEPARTMENT_RE.match(signature)
    department = _department(signed, council) if signed else None
    if department is None and council is not None:
        notes.append(Note("no-department", {"publisher": council.issuing_body}))
    people = _resolve_people(tasks, unplaced)
    signers = _signers(decision, signed)
    notes += _attach_positions(people, cyrillic_words(normalize_space(preamble + " " + signature)), signers)
    _number_tasks(tasks)
    notes += _initials_notes(people, tasks)
    return ParsedPlan(decision, campaigns, tasks, people, unplaced, council, period, department, notes=notes)


def _campaigns_without_tasks(campaigns: list[Campaign], tasks: list[Task]) -> list[Note]:
    """A note for each campaign the text gives no task: printed before it was filled, or its
    tasks typed so that none was read (those lines are listed as not placed)."""
    filled = {task.campaign_id for task in tasks}
    return [
        Note("campaign-without-tasks", {"line": c.line_number, "numeral": c.numeral, "title": c.title_uk})
        for c in campaigns
        if c.campaign_id not in filled
    ]


def _parse_preamble(
    lines: list[str], flat: str, source_name: str, text: str, notes: list[Note]
) -> tuple[dict, Council | None, Period]:
    """The decision's row, and its council and period as the package's description needs them."""
    stripped = [normalize_space(line) for line in lines if line.strip()]
    title = next((s for s in stripped if s.startswith("Про затвердження")), None)
    if title is None:
        raise SourceError("no-title")
    city_match = next((found for line in stripped if (found := CITY_RE.search(line))), None)
    council = _council(flat, stripped)
    issuing_body = council.issuing_body if council else None
    period = _period(title)
    repeal = re.search(
        r"втратило чинність, рішення .*?від (\d{2})\.(\d{2})\.(\d{4})\s*р?\.?"
        rf"\s*№\s*({DECISION_NUMBER})\s*«(.+?)»",
        flat,
    )
    header = " ".join(stripped[: stripped.index(title)])  # the date and number stand above the title
    numbered = NUMBER_RE.search(header)
    draft = bool(DRAFT_RE.fullmatch(stripped[0]))
    dated = DATE_RE.search(header)
    decision_date = _decision_date(dated) if dated else None
    repeals_date = _day(repeal.group(3), repeal.group(2), repeal.group(1)) if repeal else None
    signatory, signatory_position = _signatory(lines, notes)
    for name, value in (("city", city_match), ("issuing_body", issuing_body)):
        if not value:
            notes.append(Note("not-found", {"field": name}))
    city = city_match.group("city") if city_match else None
    decision = {
        "decision_id": f"{latin_slug(city) if city else 'city'}-{period.start.year}-communication-plan",
        "title": title,
        "city": city,
        "issuing_body": issuing_body,
        "status": "draft" if draft else "adopted",
        "date": decision_date,
        "number": numbered.group(1) if numbered else None,
        "period_start": period.start,
        "period_end": period.end,
        "repeals_number": repeal.group(4) if repeal else None,
        "repeals_date": repeals_date,
        "repeals_title": repeal.group(5) if repeal else None,
        "signatory_name": signatory,
        "signatory_position": signatory_position,
        "source_file": source_name,
        "source_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    if numbered and numbered["rest"].rstrip(".,;:)»"):
        notes.append(_number_partly_read(lines, numbered))
    if dated and decision_date is None:
        _note_impossible_date(lines, "date", dated.group(0), notes, required=not draft)
    if repeal and repeals_date is None:
        repealed = f"від {repeal.group(1)}.{repeal.group(2)}.{repeal.group(3)}"
        _note_impossible_date(lines, "repeals_date", repealed, notes, required=False)
    if not draft:  # the plan's rules require an adopted decision's date and number
        title_line = next(i + 1 for i, line in enumerate(lines) if normalize_space(line) == title)
        for name in ("date", "number"):
            if decision[name] is None and not (name == "date" and dated):
                notes.append(Note("adopted-without", {"field": name, "line": title_line}))
    return decision, council, period


def _number_partly_read(lines: list[str], numbered: re.Match) -> Note:
    """The note of a «№ …» that goes on past the number read («45–3», a dash Word put for the
    hyphen): decision.csv holds «45», which is another decision's number."""
    written = numbered.group(1) + numbered["rest"]
    return Note(
        "number-partly-read",
        {"line": _line_of(lines, written), "written": written, "number": numbered.group(1)},
    )


def _decision_date(found: re.Match) -> date | None:
    """The date in the decision's header, its month in figures or in words (None for one
    no calendar has)."""
    month = found.group("month") or MONTHS.index(found.group("month_name")) + 1
    return _day(found.group("year"), month, found.group("day"))


def _day(year: str, month: str | int, day: str) -> date | None:
    """The calendar day, or None for a date no calendar has («31.02.2022»)."""
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _note_impossible_date(
    lines: list[str], name: str, text: str, notes: list[Note], *, required: bool
) -> None:
    """Name the date no calendar has and its line: field NAME is left empty (an error where
    REQUIRED, an adopted decision's date)."""
    start = " ".join(text.split()[:2])  # «від 31»: the line it begins on, if it goes on to the next
    line = _line_of(lines, start)
    notes.append(Note("impossible-date", {"field": name, "line": line, "text": text, "required": required}))


def _line_of(lines: list[str], words: str) -> int:
    """The number of the first line holding ``words``, its spaces as normalised, for a note to name."""
    return next(i + 1 for i, line in enumerate(lines) if words in normalize_space(line))


def _period(title: str) -> Period:
    """The plan's period from its title: «ІІ-IV квартали 2021 року», «IV квартал 2022 року»,
    «ІІ півріччя 2022 року» or «на 2022 рік» (other councils plan a quarter, a half-year or a
    whole year).  Any other words are refused, never read as the nearest period."""
    quarters = None
    if found := PERIOD_RANGE_RE.search(title):
        quarters, year = (roman_value(found.group(1)), roman_value(found.group(2))), found.group(3)
        words = f"{found.group(1)}–{found.group(2)} квартали {year} року"
    elif found := PERIOD_QUARTER_RE.search(title):
        quarters, year = (roman_value(found.group(1)),) * 2, found.group(2)
        words = f"{found.group(1)} квартал {year} року"
    elif found := PERIOD_HALF_RE.search(title):
        half, year = roman_value(found.group(1)), found.group(2)
        quarters = (2 * half - 1, 2 * half) if half in (1, 2) else None
        words = f"{found.group(1)} півріччя {year} року"
    elif found := PERIOD_YEAR_RE.search(title):
        quarters, year = (1, 4), found.group(1)
        words = f"{year} рік"
    if quarters is None or not all(q in (1, 2, 3, 4) for q in quarters) or quarters[0] > quarters[1]:
        if year_at := re.search(r"\d{4}", title):  # a period, but not in a form the importer reads
            raise SourceError("period-unread", title=title, words=_period_words(title, year_at.start()))
        raise SourceError("no-period", title=title)
    first, last = quarter_bounds(int(year), quarters[0])[0], quarter_bounds(int(year), quarters[1])[1]
    return Period(first, last, words)


def _period_words(title: str, year_at: int) -> str:
    """The title's words naming its period, for the refusal to quote: from the last «на»
    before the year («на 2022-2023 роки»), or from the year."""
    before = [found.start() for found in re.finditer(r"\bна\s", title[:year_at])]
    return title[before[-1] if before else year_at :]


def _council(flat: str, stripped: list[str]) -> Council | None:
    """The council from the decision's own words («виконавчого комітету … міської ради») or,
    failing them, from its header («ДОЛИНСЬКА МІСЬКА РАДА» over «Виконавчий комітет», its
    district and oblast between them or not)."""
    if council := COUNCIL_RE.search(flat):
        return Council(f"{council.group(1)} {council.group(2)} ради", council.group(2))
    for index, line in enumerate(stripped):
        header = HEADER_COUNCIL_RE.match(line)
        if header and _committee_below(stripped[index + 1 :]):
            name = "-".join(_genitive(part).capitalize() for part in header.group("name").split("-"))
            kind = _genitive(header.group("kind")).lower()
            return Council(f"{name} {kind} ради", kind)
    return None


def _committee_below(lines: list[str]) -> bool:
    """«Виконавчий комітет» is the header's next line, past those naming the council's
    district, oblast or convocation."""
    below = next((line for line in lines if not HEADER_REGION_RE.fullmatch(line)), "")
    return below.lower() == "виконавчий комітет"


def _genitive(adjective: str) -> str:
    """«ДОЛИНСЬКА» → «ДОЛИНСЬКОЇ»: a feminine adjective (of «рада») in the genitive."""
    return adjective[:-1] + "ОЇ" if adjective.endswith("А") else adjective


def _department(signed: re.Match, council: Council | None) -> str:
    """Who prepared the decision, from the signature under the plan («Начальник відділу
    комунікації … міської ради Михайло КАЧАНСЬКИЙ»), in the nominative and with the
    council's name: «Відділ комунікації … Коломийської міської ради», «Загальний відділ …»."""
    unit = UNITS[signed["unit"]]
    adjectives = [_nominative_adjective(word, unit.gender) for word in signed["adjectives"].split()]
    name = " ".join([*adjectives, unit.nominative]) + signed["words"]
    name = name[0].upper() + name[1:]
    return f"{name} {council.genitive}" if council else name


def _nominative_adjective(genitive: str, gender: str) -> str:
    """«загального» → «загальний» before «відділ», «фінансового» → «фінансове» before «управління»;
    of a compound only the last part declines: «організаційно-аналітичного» → «організаційно-аналітичний»."""
    for ending, nominative in ADJECTIVE_ENDINGS[gender]:
        if genitive.endswith(ending):
            return genitive[: -len(ending)] + nominative
    return genitive


@dataclass(frozen=True)
class Signer:
    """One who signs the decision (the head) or the plan (the department's head), with the
    position signed with: theirs where the text names them after no known position."""

    first_name: str
    surname: str
    position_uk: str
    position_en: str

    def is_person(self, person: Person) -> bool:
        """The same surname and first initial («Олександр ЖУПАНЮК», «Жупанюк О.В.»): a signer may
        fit several people of the plan."""
        return self.surname.upper() == person.surname.upper() and self.first_name[0] == person.initials[0]


def _signers(decision: dict, signed: re.Match | None) -> list[Signer]:
    """The head who signs the decision («Селищний голова Олександр ЖУПАНЮК») and the
    department's head who signs the plan, with the positions they sign with."""
    signers = []
    if decision["signatory_name"]:
        first, surname = decision["signatory_name"].split(" ", 1)
        head = decision["signatory_position"]
        signers.append(Signer(first, surname, head.lower(), HEAD_TITLES[head]))
    if signed:
        position = signed["position"][0].lower() + signed["position"][1:]  # «начальник відділу …»
        signers.append(Signer(signed["first"], signed["surname"], position, UNITS[signed["unit"]].head_en))
    return signers


def _signatory(lines: list[str], notes: list[Note]) -> tuple[str | None, str | None]:
    """The head who signs («Міський голова», «Селищний голова», «Сільський голова») and
    the name under the title or after it on the same line («Богдан СТАНІСЛАВСЬКИЙ»)."""
    numbered = [(i + 1, normalize_space(line)) for i, line in enumerate(lines) if line.strip()]
    for index, (_, content) in enumerate(numbered):
        head = next((t for t in HEAD_TITLES if content.startswith(t)), None)
        if head is None:
            continue
        rest = content[len(head) :].strip()
        if not rest and index + 1 < len(numbered):
            line_number, rest = numbered[index + 1]
        else:
            line_number = numbered[index][0]
        name = SIGNATORY_RE.match(cyrillic_words(rest))  # «Олександр ЖУПAНЮК», a Latin A, read
        if name:
            surname = "-".join(part.capitalize() for part in name.group("surname").split("-"))
            return f"{name.group('first')} {surname}", head
        notes.append(Note("signatory-unread", {"line": line_number, "text": rest, "head": head}))
        return None, None
    notes.append(Note("not-found", {"field": "signatory_name"}))
    return None, None


def _parse_plan_body(lines: list[str], start: int):
    campaigns: list[Campaign] = []
    tasks: list[Task] = []
    unplaced: list[UnplacedLine] = []
    signature: list[str] = []
    task: Task | None = None
    cell = 0  # 0 number, 1 title, 2 leader, 3 executor
    in_signature = False
    for number, raw in _split_heading_cells(lines, start):
        content = normalize_space(raw)
        if not content:
            continue
        is_cell = raw.lstrip(" ").startswith("\t")
        campaign = CAMPAIGN_RE.match(content)
        if in_signature or (not is_cell and content.startswith(DEPARTMENT_HEADS)):
            in_signature = True
            signature.append(content)
        elif campaign and roman_value(campaign.group("numeral")) is None:
            unplaced.append(UnplacedLine(number, content, "bad-numeral"))
            task = None
        elif campaign:
            numeral, title = campaign.group("numeral"), campaign.group("title")
            english = CAMPAIGN_TITLES_EN.get(title)
            campaigns.append(Campaign(roman_value(numeral), numeral, title, english, number))
            task = None
        elif not campaigns:
            if content.startswith("реалізації"):
                continue  # the plan's own title under «ПЛАН»
            unplaced.append(UnplacedLine(number, content, "before-first-campaign"))
        elif is_cell and content in TABLE_HEADER_CELLS:
            task = None
        elif is_cell and (task_number := TASK_NUMBER_RE.match(content)):
            task = Task(task_number.group("number"), campaigns[-1].campaign_id, number)
            tasks.append(task)
            cell = 0
        elif task is None:
            unplaced.append(UnplacedLine(number, content, "outside-task"))
        elif is_cell:
            cell += 1
            _add_to_cell(task, cell, number, content, unplaced)
        else:  # a line continuing the current cell
            _add_to_cell(task, cell, number, content, unplaced)
    return campaigns, tasks, " ".join(signature), unplaced


def _split_heading_cells(lines: list[str], start: int):
    """(line number, text) of the plan's lines; a campaign heading followed on its line by
    the first task's cell («ІІІ. Комунікаційна кампанія «…»<TAB>3.1») is given as two."""
    for index in range(start, len(lines)):
        raw = lines[index]
        heading, tab, cells = raw.strip(" ").partition("\t")
        if heading and tab and CAMPAIGN_RE.match(normalize_space(heading)):
            yield index + 1, heading
            yield index + 1, tab + cells
        else:
            yield index + 1, raw


def _add_to_cell(task: Task, cell: int, number: int, content: str, unplaced) -> None:
    if cell == 1:
        task.title_lines.append(content)
    elif cell == 2:
        task.leader_lines.append((number, content))
    elif cell == 3:
        task.executor_lines.append((number, content))
    else:
        unplaced.append(UnplacedLine(number, content, "beyond-executor", task.source_number))


def _normalize_initials(initials: str) -> str:
    letters = re.findall(f"[{UPPER}]", initials)
    return "".join(f"{letter}." for letter in letters)


def _names_in_cell(cell_lines: list[tuple[int, str]], unplaced: list[UnplacedLine]) -> list[tuple[str, str]]:
    """(surname, initials) pairs; joins a surname with initials on the next line."""
    names: list[tuple[str, str]] = []
    pending: tuple[int, str] | None = None
    for number, text in cell_lines:
        content = one_apostrophe(text)  # «Дем'янчук» and «Дем’янчук» are one person
        name = fold_lookalikes(content, to="cyrillic")  # «Лесюк I.B.», typed with a Latin I and B
        full = FULL_NAME_RE.match(name)
        if full and pending is None:
            names.append((full.group("surname"), _normalize_initials(full.group("initials"))))
        elif SURNAME_RE.match(name) and pending is None:
            pending = (number, content)
        elif INITIALS_RE.match(name) and pending is not None:
            names.append((fold_lookalikes(pending[1], to="cyrillic"), _normalize_initials(name)))
            pending = None
        else:
            if pending is not None:
                unplaced.append(UnplacedLine(pending[0], pending[1], "surname-without-initials"))
                pending = None
            unplaced.append(UnplacedLine(number, content, "not-a-name"))
    if pending is not None:
        unplaced.append(UnplacedLine(pending[0], pending[1], "surname-without-initials"))
    return names


def _resolve_people(tasks: list[Task], unplaced: list[UnplacedLine]) -> list[Person]:
    people: dict[str, Person] = {}
    for task in tasks:
        for lines, target in (
            (task.leader_lines, task.leaders),
            (task.executor_lines, task.executors),
        ):
            for surname, initials in _names_in_cell(lines, unplaced):
                person = people.setdefault(f"{surname} {initials}", Person(surname, initials))
                if person.display_name not in target:
                    target.append(person.display_name)
    return sorted(people.values(), key=lambda p: ukrainian_sort_key(p.display_name))


def _initials_notes(people: list[Person], tasks: list[Task]) -> list[Note]:
    """A note for each person whose initials begin another's of the same surname («Ткачук Р.»
    and «Ткачук Р.М.»): likely one official, kept as two as written, since two officials may
    share a surname and an initial."""
    return [
        Note(
            "initials-differ",
            {
                "short": short.display_name,
                "full": full.display_name,
                "tasks": ", ".join(t.task_id for t in tasks if short.display_name in t.leaders + t.executors),
                "short_id": short.person_id,
                "full_id": full.person_id,
            },
        )
        for short, full in itertools.permutations(people, 2)
        if short.surname == full.surname and full.initials.startswith(short.initials)
    ]


# Endings of a man's first name in the genitive and in the nominative, longest first.
GENITIVE_FIRST_NAMES = [
    ("ія", "ій"),  # Юрія → Юрій, Василія → Василій
    ("ря", "р"),  # Ігоря → Ігор
    ("ля", "ль"),  # Василя → Василь
    ("ла", "ло"),  # Михайла → Михайло
    ("а", ""),  # Олега → Олег, Тараса → Тарас
]

# Common names whose genitive the endings above would get wrong: «Петра» is Петро, not «Петр»
NOMINATIVES_OF_GENITIVES = {"Петра": "Петро", "Дмитра": "Дмитро", "Федора": "Федір"}


# A first name after «покласти на» beside a surname that does not change: a woman's, whose
# surname (Петрів, Гнатюк-Стасів) is the same in every case, or a man's whose surname never
# declines (Чорних). Her accusative ends in «у» or «ю» («Ольгу», «Наталію»), his in «а» or «я»
# («Олега», «Юрія»); the other cases' endings, «і», «и», «ою», …, are not a nominative's.
ACCUSATIVE_FIRST_NAMES = [("ю", "я"), ("у", "а")]  # Наталію → Наталія, Ольгу → Ольга
OBLIQUE_FIRST_NAMES = ("ою", "ею", "єю", "і", "ї", "и")  # Ольгою, Ірині, Ірини: which case is not known
# Women's names in the nominative that end as a man's genitive does («Ольга» as «Олега»): after
# «покласти на» such a form is hers, written as it is, not his. Those that are a man's genitive
# too (Олександра, Богдана, Ярослава) are not here: there they are the man's.
FEMININE_FIRST_NAMES = frozenset(
    (
        *("Алла", "Анастасія", "Анна", "Антоніна", "Валентина", "Валерія", "Вікторія", "Віра"),
        *("Галина", "Ганна", "Дарина", "Дар’я", "Діана", "Євгенія", "Жанна", "Зінаїда", "Зоряна"),
        *("Ірина", "Іванна", "Інна", "Катерина", "Кристина", "Ксенія", "Лариса", "Леся", "Лідія"),
        *("Лілія", "Людмила", "Марина", "Марія", "Мар’яна", "Надія", "Наталія", "Наталя", "Ніна"),
        *("Оксана", "Олена", "Ольга", "Поліна", "Раїса", "Світлана", "Софія", "Тамара", "Тетяна"),
        *("Уляна", "Христина", "Юлія", "Яна"),
    )
)
# «покласти на», «покладається на», «покладено на»: the names after it are in the accusative
ASSIGNED_TO_RE = re.compile(r"\bпокла\w* на\s")
# a sentence's end: a word's full stop, not an initial's («О.В. ТОКАРЧУКА») or a date's («2017р. №»)
SENTENCE_END_RE = re.compile(r"[^\W\d_]{2}\.\s")


def _nominative_first_name(
    form: str, surname_in_text: str, surname: str, *, assigned: bool = False
) -> str | None:
    """The text names people in the genitive or accusative after «покласти на» ("Олега
    ТОКАРЧУКА", "Ольгу ПЕТРІВ"; ``assigned``: the name stands there). None where the ending is
    not one whose nominative is known: better empty than wrong."""
    if len(surname_in_text) <= len(surname):  # a surname as in the table: a nominative or a woman's
        return _unchanged_surnames_first_name(form, assigned)
    return _masculine_nominative(form)


def _masculine_nominative(genitive: str) -> str | None:
    """«Олега» → Олег, «Юрія» → Юрій, «Петра» → Петро; None for an ending not known."""
    if genitive in NOMINATIVES_OF_GENITIVES:
        return NOMINATIVES_OF_GENITIVES[genitive]
    for ending, nominative in GENITIVE_FIRST_NAMES:
        if genitive.endswith(ending):
            return genitive[: len(genitive) - len(ending)] + nominative
    return None


def _unchanged_surnames_first_name(form: str, assigned: bool) -> str | None:
    """The nominative of a first name beside a surname written as in the table: «Ольгу ПЕТРІВ»
    is Ольга, «Ірина ЛЕСЮК» Ірина; «Ірині ЛЕСЮК» (to whom) None. After «покласти на» a form in
    «а» or «я» is a man's genitive («Олега ЧОРНИХ», Олег), or a woman's name as it is («Марія»)."""
    if form.endswith(OBLIQUE_FIRST_NAMES):
        return None
    for accusative, nominative in ACCUSATIVE_FIRST_NAMES:
        if form.endswith(accusative):
            return form[: len(form) - len(accusative)] + nominative
    if assigned and form.endswith(("а", "я")) and one_apostrophe(form) not in FEMININE_FIRST_NAMES:
        return _masculine_nominative(form)
    return form


def _assigned(before: str) -> bool:
    """Whether a name whose text before it is ``before`` stands in the sentence «… покласти на …»."""
    found = list(ASSIGNED_TO_RE.finditer(before))
    return bool(found) and not SENTENCE_END_RE.search(before, found[-1].end())


def _position_pattern(in_text: str) -> re.Pattern:
    """A known position as it ends the text before a name, a council's name and a remit
    allowed in it."""
    words = COUNCIL_NAME.join(re.escape(part) for part in COUNCIL_WORDS_RE.split(in_text))
    return re.compile(rf"{words}{REMIT}$")


@functools.cache
def _position_patterns() -> list[tuple[re.Pattern, str, str]]:
    """(pattern, nominative, English) of each known position: compiled at the first name
    read, not at import (~25 ms that `validate`, which imports this module, never needs)."""
    return [(_position_pattern(in_text), *position) for in_text, *position in KNOWN_POSITIONS]


POSITION_WORDS = 8  # how many words before a name a note of a position not recognised quotes


def _position_before(text: str) -> tuple[str, str] | None:
    """The position (Ukrainian, English) that ends ``text``: the words before a name. The
    council's name and the remit stay in the Ukrainian; the English is the position's."""
    for pattern, nominative, english in _position_patterns():
        found = pattern.search(text)
        if found:
            council = found.groupdict().get("council") or ""  # letters only: no escapes to replace
            named = COUNCIL_WORDS_RE.sub(council, nominative, count=1)
            return named + (found["remit"] or ""), english
    return None


def _attach_positions(people: list[Person], flat_text: str, signers: list[Signer]) -> list[Note]:
    """Each person's first name and position where the text names them («першого
    заступника міського голови Олега ТОКАРЧУКА», «… голови – ТОКАРЧУКА Олега»), or else the
    position they sign with; a note for each person named only after words that are no
    known position, whose position is left empty."""
    unknown: dict[str, str] = {}  # person_id: the words before the name
    for match in MENTION_RE.finditer(flat_text):
        first, initial, upper = _named(match)
        for person in people:
            if upper.startswith(person.surname.upper()) and initial == person.initials[0]:
                # «голови – Олега ТОКАРЧУКА», «голови, Олега ТОКАРЧУКА», «(Олега ТОКАРЧУКА)»
                before = flat_text[: match.start()].rstrip(" (,–—-")
                if first:
                    assigned = _assigned(before)
                    person.first_name = _nominative_first_name(
                        first, upper, person.surname, assigned=assigned
                    )
                position = _position_before(before)
                if position:
                    person.position_uk, person.position_en = position
                else:
                    unknown[person.person_id] = " ".join([*before.split()[-POSITION_WORDS:], match.group(0)])
    undecided = _give_signers_positions(people, signers)
    undecided_ids = {person.person_id for _, matching in undecided for person in matching}
    for person in people:  # named in a way not read above («Олега Токарчука»): said, not lost
        if person.position_uk is None and person.person_id not in unknown.keys() | undecided_ids:
            found = re.search(rf"\b{re.escape(_surname_stem(person.surname))}\w*", flat_text, re.IGNORECASE)
            if found:
                words = flat_text[: found.end()].split()[-POSITION_WORDS - 1 :]
                unknown[person.person_id] = " ".join(words)
    return [
        *(_signer_undecided(signer, matching) for signer, matching in undecided),
        *(
            Note("position-unknown", {"person": person.display_name, "words": unknown[person.person_id]})
            for person in people
            if person.person_id in unknown.keys() - undecided_ids and person.position_uk is None
        ),
    ]


def _give_signers_positions(people: list[Person], signers: list[Signer]) -> list[tuple[Signer, list[Person]]]:
    """Give the position each signer signs with to the one person of the plan they are, where
    the text before the name stated none. A signer whom several fit («Жупанюк О.В.» and
    «Жупанюк О.М.» for Олександр ЖУПАНЮК) gives it to none of them, as who signs is not known:
    those signers and the people they fit are returned, for a note."""
    undecided = []
    for signer in signers:
        matching = [person for person in people if signer.is_person(person)]
        if len(matching) == 1 and matching[0].position_uk is None:
            matching[0].position_uk, matching[0].position_en = signer.position_uk, signer.position_en
        elif len(matching) > 1 and any(person.position_uk is None for person in matching):
            undecided.append((signer, matching))
    return undecided


def _signer_undecided(signer: Signer, matching: list[Person]) -> Note:
    """The note of a signer whom several people of the plan fit: their names and ids, and the fix."""
    return Note(
        "signer-undecided",
        {
            "signer": f"{signer.first_name} {signer.surname}",
            "position": signer.position_uk,
            "people": ", ".join(person.display_name for person in matching),
            "ids": ", ".join(person.person_id for person in matching),
        },
    )


def _named(match: re.Match) -> tuple[str | None, str, str]:
    """A MENTION_RE match's first name (None where only initials are written), first initial
    and surname in capitals."""
    found = {name: value for name, value in match.groupdict().items() if value}
    first = found.get("first") or found.get("first_after")
    initials = ("initials_after", "initials_first", "initials_before")
    initial = (first or next(found[name] for name in initials if name in found))[0]
    surnames = ("surname", "surname_first", "surname_after", "surname_initials", "surname_titled")
    return first, initial, next(found[name] for name in surnames if name in found).upper()


def _surname_stem(surname: str) -> str:
    """The part of a surname its cases share: «Токарчук» of «Токарчука», «Качанськ» of
    «Качанського»."""
    return surname[:-2] if len(surname) > 5 else surname


def _number_tasks(tasks: list[Task]) -> None:
    seen: dict[str, int] = {}
    for sequence, task in enumerate(tasks, start=1):
        task.sequence = sequence
        seen[task.source_number] = seen.get(task.source_number, 0) + 1
        count = seen[task.source_number]
        task.task_id = task.source_number if count == 1 else f"{task.source_number}-{count}"
    for task in tasks:
        task.number_is_duplicate = seen[task.source_number] > 1


def read_source(path: Path) -> tuple[str, str]:
    """The export's text and the codec it was in: UTF-8, or an encoding of Cyrillic text
    that is recognised (windows-1251, most often).  Anything else is a clear error,
    never mojibake: a wrong guess could not find the plan's words either."""
    data = path.read_bytes()
    kind = binary_kind(data[:8])
    if kind is not None:  # the decision as a document, not its text export
        raise SourceError("document", kind=kind)
    try:
        text, codec = decode_ukrainian(data)
    except NotUkrainianText as error:
        if error.detected is None:
            raise SourceError("not-text") from error
        raise SourceError("not-utf8", detected=error.detected) from error
    # a Windows copy (git's autocrlf, Notepad) is the same text: the same tables and hash
    return text.replace("\r\n", "\n").replace("\r", "\n"), codec


def person_rows(people: list[Person]) -> list[dict]:
    return [
        {
            "person_id": p.person_id,
            "surname": p.surname,
            "initials": p.initials,
            "display_name": p.display_name,
            "first_name": p.first_name,
            "name_latin": transliterate(p.display_name),
            "position_uk": p.position_uk,
            "position_en": p.position_en,
        }
        for p in people
    ]
