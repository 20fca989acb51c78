"""What a plan's datapackage.json says about its decision, in Ukrainian and English.

The name, titles, descriptions, keywords, source and contributors are made from the
decision the importer read (its town, council, department, period and campaigns):
another council's plan, or Kolomyia's next year's, must not be labelled as Kolomyia's
2021 plan, nor published over it (`publish` names the dataset after the package).
Where the text does not name the town or the council the words stay neutral («План
реалізації Комунікаційної стратегії на …»), and the importer's notes say so.  The tables'
schemas get the plan's own period and examples the same way (`schema_words`).
"""

from __future__ import annotations

from datetime import date

from opendata.messages import noun_form
from opendata.plan_import import COUNCILS_EN, Campaign, ParsedPlan, Person, Task
from opendata.quarters import period_label, plan_quarters
from opendata.text import fold_lookalikes, latin_slug, transliterate, ukrainian_date

# the campaigns' count in words, as the description of the campaigns' table gives it
COUNT_WORDS = {
    "uk": ["Одна", "Дві", "Три", "Чотири", "П'ять", "Шість", "Сім", "Вісім", "Дев'ять", "Десять"],
    "en": ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
}
BUILT_BY = {
    "uk": "Побудовано автоматично з тексту рішення командою `opendata import-plan`.",
    "en": "Built automatically from the decision's text by `opendata import-plan`.",
}


def package_name(plan: ParsedPlan) -> str:
    """«kolomyia-communication-plan-2021»: the town (KMU 2010 transliteration) and the
    plan's year, so that each council's plan, and each year's, has a name of its own."""
    years = "-".join(dict.fromkeys(str(day.year) for day in (plan.period.start, plan.period.end)))
    town = plan.decision["city"]
    return f"{latin_slug(town)}-communication-plan-{years}" if town else f"communication-plan-{years}"


def names_one_plan(held: str, name: str) -> bool:
    """Whether a package named HELD may be the plan NAMED: the same name, or HELD the neutral
    name of a text that named no town («communication-plan-2022») and NAME the one it gets
    once «м. Назва» is added, as the importer's note advises.  The name says only the town
    and the year: two plans of one year (Q3 and Q4) are told apart by their periods."""
    return held == name or (held.startswith("communication-plan-") and name.endswith(f"-{held}"))


def describe(plan: ParsedPlan) -> dict:
    """The descriptor's fields about the decision, and the campaigns table's description."""
    decision, council = plan.decision, plan.council
    town = decision["city"]
    town_en = transliterate(town) if town else None  # KMU 2010: the town's English name is not known
    council_en = f"{town_en} {COUNCILS_EN[council.kind]}" if town_en and council else None
    draft = decision["status"] == "draft"
    committee = f"виконавчого комітету {council.genitive}" if council else None
    publisher = plan.department or decision["issuing_body"]  # the department, or the council's body
    return {
        "name": package_name(plan),
        "title": _joined("План реалізації Комунікаційної стратегії", council and council.genitive)
        + f" на {plan.period.words}",
        "title_en": _joined(council_en, f"Communication Strategy implementation plan, {_period_en(plan)}"),
        "description": "Кампанії, завдання, керівники та виконавці плану, затвердженого "
        + _joined("рішенням", committee)
        + (" (поки що — проєкт рішення)" if draft else "")
        + f", і записи про його виконання. {BUILT_BY['uk']}",
        "description_en": "Campaigns, tasks, leaders and executors of the plan approved by the "
        + _joined("decision", council and "of the executive committee")
        + (f" of {council_en}" if council_en else "")
        + (" (so far a draft decision)" if draft else "")
        + f", and the records of its execution. {BUILT_BY['en']}",
        "keywords": [
            *("комунікаційна стратегія", "план", *_listed(town), "відкриті дані"),
            *("communication strategy", "plan", *_listed(town_en), "open data"),
        ],
        "sources": [{"title": _source_title(decision, committee), "path": decision["source_file"]}],
        "contributors": [
            {"title": title, "role": role}
            for title, role in ((publisher, "publisher"), (decision["issuing_body"], "author"))
            if title
        ],
        "resources": {"campaigns": _campaigns_description(len(plan.campaigns))},
    }


def schema_words(plan: ParsedPlan) -> dict[str, dict[str, dict[str, str]]]:
    """The plan's own words in its tables' schemas, by table and field: what a field's
    descriptions add before their full stop, and its example (validate's fixes show it).
    The shipped schemas say only what holds for every plan: Kolomyia's 2021 period and
    examples, written there, were in every council's dictionary and validate's fixes."""
    quarters = plan_quarters(plan.period.start, plan.period.end)
    quarter = quarters[len(quarters) // 2]  # one inside the plan: 2021-Q3 of Kolomyia's Q2–Q4
    report = f"{quarter}-{plan.tasks[0].task_id if plan.tasks else '1.1'}-01"
    covered = period_label(plan.period.start, plan.period.end)
    return {
        "campaigns": _campaign_words(plan.campaigns),
        "tasks": _task_words(plan.tasks),
        "people": _person_words(plan.people),
        "decision": {
            "decision_id": {"example": plan.decision["decision_id"]},
            "period_start": {
                "description": f" (з «{plan.period.words}»)",
                "description_en": f" (from “{_period_en(plan)}”)",
            },
        },
        "progress_reports": {
            "report_id": {
                "description": f", наприклад «{report}»",
                "description_en": f", e.g. «{report}»",
                "example": report,
            },
            "period": {
                "description": f", наприклад {quarter}. План охоплює {covered}",
                "description_en": f", e.g. {quarter}. The plan covers {covered}",
                "example": quarter,
            },
        },
    }


def _campaign_words(campaigns: list[Campaign]) -> dict[str, dict[str, str]]:
    """How many campaigns, and whether their numerals mix Cyrillic letters into Latin ones
    («ІV»: the campaigns table keeps them as printed)."""
    words: dict[str, dict[str, str]] = {
        "campaign_id": {"description": f" (1–{len(campaigns)})", "description_en": f" (1–{len(campaigns)})"}
    }
    cyrillic = [c.numeral for c in campaigns if fold_lookalikes(c.numeral) != c.numeral]
    # shown by one that mixes both alphabets where there is one: «ІV», not «І»
    mixed = next((n for n in cyrillic if any(ch.isascii() for ch in n)), cyrillic[0] if cyrillic else None)
    if mixed:
        words["numeral"] = {
            "description": ". Увага: документ пише римські цифри й кириличними літерами "
            f"(наприклад «{mixed}»)",
            "description_en": ". Note: the document writes Roman numerals with Cyrillic letters too "
            f"(e.g. «{mixed}»)",
        }
    return words


def _task_words(tasks: list[Task]) -> dict[str, dict[str, str]]:
    """An example task, and the numbers the document printed twice (1.8 in Kolomyia's)."""
    if not tasks:
        return {}
    example = tasks[0].task_id
    words = {"task_id": {"example": example}, "source_number": {"example": tasks[0].source_number}}
    twice = list(dict.fromkeys(t.source_number for t in tasks if t.number_is_duplicate))
    if twice:
        listed = ", ".join(twice)
        words["source_number"] |= {
            "description": f". Номер {listed} надруковано двічі"
            if len(twice) == 1
            else f". Номери {listed} надруковано двічі",
            "description_en": f". Number {listed} is printed twice"
            if len(twice) == 1
            else f". Numbers {listed} are printed twice",
        }
    return words


def _person_words(people: list[Person]) -> dict[str, dict[str, str]]:
    if not people:
        return {}
    example = people[0].person_id
    return {
        "person_id": {
            "description": f" (наприклад «{example}»)",
            "description_en": f" (e.g. «{example}»)",
            "example": example,
        }
    }


def _joined(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


def _listed(value: str | None) -> list[str]:
    return [value] if value else []


def _period_en(plan: ParsedPlan) -> str:
    """«Q2–Q4 2021», «Q4 2022», or «2022» for a whole year."""
    first, last = (_quarter(day) for day in (plan.period.start, plan.period.end))
    year = plan.period.start.year
    if (first, last) == (1, 4):
        return str(year)
    return f"Q{first} {year}" if first == last else f"Q{first}–Q{last} {year}"


def _quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


def _source_title(decision: dict, committee: str | None) -> str:
    """«Рішення виконавчого комітету … від 14.01.2022 № 12 «Про затвердження …» (текстовий
    експорт)», or «Проєкт рішення …» for a draft, which has no date or number yet."""
    kind = "Проєкт рішення" if decision["status"] == "draft" else "Рішення"
    dated = f"від {ukrainian_date(decision['date'])}" if decision["date"] else None
    numbered = f"№ {decision['number']}" if decision["number"] else None
    return _joined(kind, committee, dated, numbered, f"«{decision['title']}» (текстовий експорт)")


def _campaigns_description(count: int) -> dict:
    """«П'ять кампаній плану.» / «The plan's five campaigns.»: in words up to ten."""
    words = {
        lang: names[count - 1] if 0 < count <= len(names) else str(count)
        for lang, names in COUNT_WORDS.items()
    }
    return {
        "description": f"{words['uk']} {noun_form(count, 'uk', 'campaigns')} плану.",
        "description_en": f"The plan's {words['en']} {noun_form(count, 'en', 'campaigns')}.",
    }
