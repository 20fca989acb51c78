"""Audit findings in Ukrainian and English: what is wrong, how to fix it, and the generic action.

One entry per finding code: (message, recommendation for this dataset, action
for the ranked list of fixes). Templates use `str.format` with the finding's
parameters; a missing parameter renders as «?» rather than failing.
"""

from __future__ import annotations

import string

MESSAGES: dict[str, dict[str, tuple[str, str, str]]] = {
    "passport-missing": {
        "uk": (
            "У паспорті набору не заповнено поле «{label}» ({field}).",
            "Заповніть поле «{label}» ({field}) відповідно до постанови КМУ № 835.",
            "Заповнити в паспортах наборів поле «{label}» ({field}).",
        ),
        "en": (
            "The dataset passport lacks «{label}» ({field}).",
            "Fill in «{label}» ({field}) as Resolution No. 835 requires.",
            "Fill in «{label}» ({field}) in the dataset passports.",
        ),
    },
    "passport-bad-frequency": {
        "uk": (
            "Частота оновлення «{value}» не є офіційним значенням.",
            "Вкажіть одне зі значень: {allowed}.",
            "Привести частоту оновлення до офіційних значень.",
        ),
        "en": (
            "Update frequency «{value}» is not one of the official values.",
            "Use one of: {allowed}.",
            "Use the official update-frequency values.",
        ),
    },
    "passport-bad-email": {
        "uk": (
            "Адреса відповідальної особи «{value}» не схожа на e-mail.",
            "Вкажіть робочу адресу електронної пошти відповідальної особи.",
            "Виправити e-mail відповідальних осіб.",
        ),
        "en": (
            "The responsible person's address «{value}» is not an e-mail.",
            "Give the responsible person's work e-mail address.",
            "Correct the responsible persons' e-mail addresses.",
        ),
    },
    "passport-bad-date": {
        "uk": (
            "Дата останнього оновлення «{value}» {reason}; свіжість набору невідома.",
            "Вкажіть у паспорті дату, коли дані востаннє справді оновили, у форматі РРРР-ММ-ДД "
            "(наприклад, 2026-09-13).",
            "Виправити в паспортах наборів дати останнього оновлення.",
        ),
        "en": (
            "The last-modified date «{value}» {reason}; the dataset's freshness is unknown.",
            "Give the date the data was last actually updated, as YYYY-MM-DD (e.g. 2026-09-13).",
            "Correct the last-modified dates in the dataset passports.",
        ),
    },
    "passport-no-schema": {
        "uk": (
            "Немає структури набору даних (схеми) у машиночитному форматі.",
            "Додайте ресурс зі схемою (Table Schema JSON), що описує поля таблиці.",
            "Додати до наборів машиночитну структуру (схему) даних.",
        ),
        "en": (
            "No machine-readable structure (data schema) is attached.",
            "Attach a resource with a Table Schema (JSON) describing the table's fields.",
            "Attach a machine-readable data structure (schema) to the datasets.",
        ),
    },
    "link-not-http": {
        "uk": (
            "Посилання ресурсу веде на «{url}», а це не http(s); файл не перевірено.",
            "Дайте посилання http(s) на файл.",
            "Замінити посилання, що не є http(s).",
        ),
        "en": (
            "The resource link leads to «{url}», which is not http(s); the file was not fetched.",
            "Link the file over http(s).",
            "Replace links that are not http(s).",
        ),
    },
    "link-broken": {
        "uk": (
            "Посилання не працює: HTTP {status} ({url}).",
            "Завантажте файл знову або виправте посилання.",
            "Полагодити непрацюючі посилання на файли.",
        ),
        "en": (
            "Broken link: HTTP {status} ({url}).",
            "Upload the file again or correct the link.",
            "Repair broken links to files.",
        ),
    },
    "link-error": {
        "uk": (
            "Файл не вдалося отримати: {error} ({url}).",
            "{fix}",
            "Забезпечити доступність серверів, де лежать файли.",
        ),
        "en": (
            "The file could not be fetched: {error} ({url}).",
            "{fix}",
            "Make sure the servers hosting the files are reachable.",
        ),
    },
    "link-redirect": {
        "uk": (
            "Посилання переадресовує ({times}) на {final_url}.",
            "Замініть посилання на кінцеву адресу.",
            "Замінити переадресовані посилання кінцевими адресами.",
        ),
        "en": (
            "The link redirects ({times}) to {final_url}.",
            "Replace the link with the final address.",
            "Replace redirected links with their final addresses.",
        ),
    },
    "link-content-type": {
        "uk": (
            "Заявлено формат {format}, а сервер віддає «{content_type}».",
            "Виправте формат ресурсу або завантажте файл у заявленому форматі.",
            "Узгодити заявлені формати з фактичними файлами.",
        ),
        "en": (
            "Declared format {format}, but the server sends «{content_type}».",
            "Correct the resource format or upload the file in the declared format.",
            "Make declared formats match the actual files.",
        ),
    },
    "link-too-large": {
        "uk": (
            "Файл більший за межу завантаження ({cap}): перевірено лише посилання й розмір, а дані — ні.",
            "Розділіть файл на частини (наприклад, за роками) або проведіть аудит із більшим --max-size.",
            "Розділити дуже великі файли на частини.",
        ),
        "en": (
            "The file exceeds the download cap ({cap}): only its link and size were checked, not its data.",
            "Split the file (e.g. by year), or run the audit with a larger --max-size.",
            "Split very large files into parts.",
        ),
    },
    "stars-closed-licence": {
        "uk": (
            "Ліцензія «{license}» не є відкритою: 0 зірок відкритості.",
            "Оберіть відкриту ліцензію (наприклад, CC BY 4.0).",
            "Перевести набори на відкриту ліцензію (CC BY 4.0).",
        ),
        "en": (
            "Licence «{license}» is not open: 0 openness stars.",
            "Choose an open licence (e.g. CC BY 4.0).",
            "Move the datasets to an open licence (CC BY 4.0).",
        ),
    },
    "stars-only-schema": {
        "uk": (
            "Набір містить лише структуру (схему) — самих даних у ньому немає.",
            "Додайте до набору файл із даними (CSV або JSON), який ця схема описує.",
            "Додати дані до наборів, що містять лише схему.",
        ),
        "en": (
            "The dataset holds only its structure (schema): there is no data in it.",
            "Add the data file (CSV or JSON) that this schema describes.",
            "Add the data to the datasets that hold only a schema.",
        ),
    },
    "stars-no-resources": {
        "uk": (
            "Набір не має жодного ресурсу — даних у ньому немає.",
            "Додайте до набору файл із даними (CSV або JSON) та його структуру (схему).",
            "Додати дані до наборів, що не мають жодного ресурсу.",
        ),
        "en": (
            "The dataset has no resources: there is no data in it.",
            "Add a data file (CSV or JSON) and its structure (schema) to the dataset.",
            "Add the data to the datasets that have no resources.",
        ),
    },
    "stars-not-machine-readable": {
        "uk": (
            "Дані є лише у форматі {format} ({stars}★), не придатному для машинної обробки.",
            "Опублікуйте ті самі дані у CSV або JSON (3★).",
            "Опублікувати дані з PDF/DOC/HTML також у CSV або JSON.",
        ),
        "en": (
            "The data is only in {format} ({stars}★), which machines cannot read easily.",
            "Publish the same data as CSV or JSON (3★).",
            "Publish the data from PDF/DOC/HTML as CSV or JSON too.",
        ),
    },
    "stars-proprietary": {
        "uk": (
            "Дані є лише у форматі {format} ({stars}★): він машиночитний, але закритий (пропрієтарний).",
            "Опублікуйте ті самі дані також у відкритому форматі CSV або JSON (3★).",
            "Опублікувати дані з XLS/XLSX також у CSV або JSON.",
        ),
        "en": (
            "The data is only in {format} ({stars}★): machine-readable, but a proprietary format.",
            "Publish the same data in an open format too, CSV or JSON (3★).",
            "Publish the data from XLS/XLSX as CSV or JSON too.",
        ),
    },
    "validity-encoding": {
        "uk": (
            "Файл у кодуванні {detected}, а не UTF-8; кирилиця у програмах виглядатиме як «кракозябри».",
            "Збережіть файл у UTF-8 (у Excel: «CSV UTF-8») і завантажте знову.",
            "Перекодувати CSV-файли в UTF-8.",
        ),
        "en": (
            "The file is in {detected}, not UTF-8; Cyrillic text will show as mojibake.",
            "Save the file as UTF-8 (Excel: «CSV UTF-8») and upload it again.",
            "Re-encode CSV files as UTF-8.",
        ),
    },
    "validity-errors": {
        "uk": (
            "Таблиця «{resource}» не відповідає {schema}: {count}, наприклад, {first}",
            "Виправте значення у файлі або схему й завантажте файл знову.",
            "Виправити помилки структури й типів у таблицях.",
        ),
        "en": (
            "The table «{resource}» does not match {schema}: {count}, e.g. {first}",
            "Correct the values in the file (or the schema) and upload it again.",
            "Fix structure and type errors in the tables.",
        ),
    },
    "validity-unreadable": {
        "uk": (
            "Таблицю не вдалося прочитати: {detail}",
            "Перевірте, що файл справді є {format} і не пошкоджений.",
            "Замінити пошкоджені або нечитабельні файли.",
        ),
        "en": (
            "The table could not be read: {detail}",
            "Check that the file really is {format} and is not damaged.",
            "Replace damaged or unreadable files.",
        ),
    },
    "validity-timeout": {
        "uk": (
            "Перевірку даних таблиці «{resource}» зупинено: вона тривала понад {limit} с. Так буває з "
            "файлом, що після розпакування займає сотні мегабайтів (XLSX), або зі схемою, чий шаблон "
            "(pattern) перевіряється надто довго; дані не перевірено.",
            "Завантажте файл і перевірте його окремо: opendata validate ФАЙЛ (зі схемою набору: "
            "--schema СХЕМА.json); якщо файл справді такий великий, проведіть аудит із більшим "
            "--check-timeout.",
            "Перевірити окремо таблиці, перевірку яких зупинено через ліміт часу.",
        ),
        "en": (
            "The data check of the table «{resource}» was stopped: it ran over {limit} s. This happens "
            "with a file that unpacks to hundreds of megabytes (XLSX) or a schema whose pattern takes "
            "too long to check; the data was not checked.",
            "Download the file and check it on its own: opendata validate FILE (with the dataset's "
            "schema: --schema SCHEMA.json); if the file really is that big, run the audit with a larger "
            "--check-timeout.",
            "Check on their own the tables whose check ran out of time.",
        ),
    },
    "validity-broke-off": {
        "uk": (
            "Перевірку даних таблиці «{resource}» перервано: процес перевірки завершився без відповіді "
            "(найчастіше — файлові забракло пам'яті комп'ютера); дані не перевірено.",
            "Завантажте файл і перевірте його окремо на комп'ютері з більшою пам'яттю: opendata validate "
            "ФАЙЛ (зі схемою набору: --schema СХЕМА.json).",
            "Перевірити окремо таблиці, перевірку яких перервано.",
        ),
        "en": (
            "The data check of the table «{resource}» broke off: the checking process ended without an "
            "answer (most often, the file needed more memory than the computer has); the data was not "
            "checked.",
            "Download the file and check it on its own, on a computer with more memory: opendata validate "
            "FILE (with the dataset's schema: --schema SCHEMA.json).",
            "Check on their own the tables whose check broke off.",
        ),
    },
    "freshness-overdue": {
        "uk": (
            "Набір прострочено: оновлено {days} дн. тому, а частота «{frequency}» дозволяє {limit} дн.",
            "Оновіть дані та дату останнього оновлення або змініть частоту оновлення.",
            "Оновити прострочені набори даних.",
        ),
        "en": (
            "Overdue: last updated {days} days ago, but «{frequency}» allows {limit} days.",
            "Update the data and its last-modified date, or change the declared frequency.",
            "Update overdue datasets.",
        ),
    },
    "register-missing": {
        "uk": (
            "Набір «{uid}» ({title}) є в реєстрі, але {missing}.",
            "Опублікуйте набір або виключіть його з реєстру.",
            "Опублікувати набори з реєстру, яких немає на порталі.",
        ),
        "en": (
            "Dataset «{uid}» ({title}) is registered but {missing}.",
            "Publish the dataset or remove it from the register.",
            "Publish the registered datasets missing from the portal.",
        ),
    },
    "register-duplicate": {
        "uk": (
            "Набір «{uid}» записано в реєстрі двічі (рядки {first} і {row}); звірено лише рядок {first}.",
            "Залиште в реєстрі один рядок для цього набору.",
            "Прибрати з реєстру повторені рядки наборів.",
        ),
        "en": (
            "Dataset «{uid}» is in the register twice (rows {first} and {row}); row {first} was compared.",
            "Keep one register row for this dataset.",
            "Remove the repeated dataset rows from the register.",
        ),
    },
    "register-unregistered": {
        "uk": (
            "Набір є на порталі, але відсутній у реєстрі наборів даних.",
            "Внесіть набір до реєстру (додаток 7).",
            "Внести опубліковані набори до реєстру.",
        ),
        "en": (
            "The dataset is on the portal but not in the dataset register.",
            "Add the dataset to the register (Appendix 7).",
            "Add the published datasets to the register.",
        ),
    },
    "register-frequency": {
        "uk": (
            "Частота оновлення на порталі «{portal}» не збігається з реєстром «{register}».",
            "Узгодьте частоту оновлення в паспорті й реєстрі.",
            "Узгодити частоту оновлення в паспортах і реєстрі.",
        ),
        "en": (
            "Update frequency on the portal «{portal}» differs from the register «{register}».",
            "Make the passport and the register agree.",
            "Make update frequencies agree between passports and the register.",
        ),
    },
    "mqa-missing": {
        "uk": (
            "Оцінка якості метаданих: немає поля «{label}» (−{lost}, {dimension}).",
            "{hint}",
            "Додати до метаданих поле «{label}».",
        ),
        "en": (
            "Metadata quality: no «{label}» (−{lost}, {dimension}).",
            "{hint}",
            "Add «{label}» to the metadata.",
        ),
    },
}


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _format(template: str, params: dict) -> str:
    return string.Formatter().vformat(template, (), _Lenient(params))


def render(code: str, lang: str, params: dict) -> tuple[str, str]:
    """(message, recommendation) for one finding."""
    message, fix, _ = MESSAGES[code][lang]
    localized = {k: (v[lang] if isinstance(v, dict) and lang in v else v) for k, v in params.items()}
    return _format(message, localized), _format(fix, localized)


def action(code: str, lang: str, params: dict) -> str:
    """The generic fix for the ranked list (not about one dataset)."""
    localized = {k: (v[lang] if isinstance(v, dict) and lang in v else v) for k, v in params.items()}
    return _format(MESSAGES[code][lang][2], localized)
