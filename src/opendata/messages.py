"""Problem messages and fixes in Ukrainian and English.

One entry per problem code: what is wrong, and what the person should do.
Codes of table problems are Frictionless' own error types, so a report can be
compared with `frictionless validate`; plan rules and input problems have
codes of their own. Templates use `str.format` with the problem's parameters.
"""

from __future__ import annotations

import calendar
import functools
import re

LANGUAGES = ("uk", "en")  # every message is written in both

TYPE_NAMES = {
    "uk": {
        "integer": "цілим числом",
        "number": "числом",
        "date": "датою",
        "datetime": "датою й часом",
        "time": "часом",
        "boolean": "логічним значенням ({true}/{false})",
        "year": "роком (РРРР)",
        "yearmonth": "роком і місяцем (РРРР-ММ)",
        "string": "текстом",
        "geopoint": "географічною точкою ({geopoint})",
        "geojson": 'об\'єктом GeoJSON (як-от {"type": "Point", "coordinates": [25.04, 48.53]})',
        "duration": "тривалістю ISO 8601 (як-от P1D — день, PT2H30M — 2 год 30 хв)",
        "array": "масивом JSON (як-от [1, 2])",
        "object": 'об\'єктом JSON (як-от {"a": 1})',
        "list": "списком {items} через «{delimiter}» (як-от {example})",
    },
    "en": {
        "integer": "an integer",
        "number": "a number",
        "date": "a date",
        "datetime": "a date and time",
        "time": "a time",
        "boolean": "a boolean ({true}/{false})",
        "year": "a year (YYYY)",
        "yearmonth": "a year and month (YYYY-MM)",
        "string": "text",
        "geopoint": "a geographic point ({geopoint})",
        "geojson": 'a GeoJSON object (such as {"type": "Point", "coordinates": [25.04, 48.53]})',
        "duration": "an ISO 8601 duration (such as P1D, a day; PT2H30M, 2 h 30 min)",
        "array": "a JSON array (such as [1, 2])",
        "object": 'a JSON object (such as {"a": 1})',
        "list": "a list of {items} separated by «{delimiter}» (such as {example})",
    },
}
# a list's items by their type (``itemType``), in the genitive plural: «списком цілих чисел»
LIST_ITEMS = {
    "uk": {
        "string": "значень",
        "integer": "цілих чисел",
        "number": "чисел",
        "boolean": "логічних значень",
        "date": "дат",
        "datetime": "дат із часом",
        "time": "значень часу",
    },
    "en": {
        "string": "values",
        "integer": "integers",
        "number": "numbers",
        "boolean": "booleans",
        "date": "dates",
        "datetime": "dates and times",
        "time": "times",
    },
}
# two items of each type, a list's example: «1;2», «2024-01-15;2024-02-01»
LIST_EXAMPLES = {
    "number": ("1.5", "2"),
    "boolean": ("true", "false"),
    "date": ("2024-01-15", "2024-02-01"),
    "datetime": ("2024-01-15T09:00:00", "2024-02-01T18:00:00"),
    "time": ("09:00:00", "18:00:00"),
}
# a geopoint as its format writes it: longitude first (Kolomyia's centre)
GEOPOINT_FORMS = {
    "uk": {
        "default": "«довгота, широта», як-от «25.04, 48.53»",
        "array": "[довгота, широта], як-от [25.04, 48.53]",
        "object": '{"lon": довгота, "lat": широта}, як-от {"lon": 25.04, "lat": 48.53}',
    },
    "en": {
        "default": "«longitude, latitude», such as «25.04, 48.53»",
        "array": "[longitude, latitude], such as [25.04, 48.53]",
        "object": '{"lon": longitude, "lat": latitude}, such as {"lon": 25.04, "lat": 48.53}',
    },
}

FORMAT_NAMES = {
    "uk": {"email": "адресою електронної пошти", "uri": "посиланням (URI)", "uuid": "UUID"},
    "en": {"email": "an email address", "uri": "a link (URI)", "uuid": "a UUID"},
}

# Dates and times are named with their pattern, as people write it: the Table Schema
# default, or the field's own strptime format ("%d.%m.%Y" -> "ДД.ММ.РРРР").
DEFAULT_PATTERNS = {"date": "%Y-%m-%d", "datetime": "%Y-%m-%dT%H:%M:%S", "time": "%H:%M:%S"}
PATTERN_LETTERS = {  # strptime's codes, after "%"
    "uk": {
        "Y": "РРРР",
        "y": "РР",
        "m": "ММ",
        "d": "ДД",
        "j": "ДДД",
        "H": "гг",
        "I": "гг",
        "M": "хх",
        "S": "сс",
        "f": "мкс",
        "z": "±ггхх",
        "p": "AM/PM",
        "b": "міс",
        "B": "місяць",
        "a": "дн",
        "A": "день",
        "%": "%",
    },
    "en": {
        "Y": "YYYY",
        "y": "YY",
        "m": "MM",
        "d": "DD",
        "j": "DDD",
        "H": "hh",
        "I": "hh",
        "M": "mm",
        "S": "ss",
        "f": "ffffff",
        "z": "±hhmm",
        "p": "AM/PM",
        "b": "Mon",
        "B": "Month",
        "a": "Ddd",
        "A": "Day",
        "%": "%",
    },
}

# A fix reads "write it as …", where Ukrainian needs the accusative case
# ("не є цілим числом", but "запишіть як ціле число"); English keeps the same words.
TYPE_NAMES_IN_FIX = {
    "uk": {
        "integer": "ціле число",
        "number": "число",
        "date": "дату",
        "datetime": "дату й час",
        "time": "час",
        "boolean": "логічне значення ({true}/{false})",
        "year": "рік (РРРР)",
        "yearmonth": "рік і місяць (РРРР-ММ)",
        "string": "текст",
        "geopoint": "географічну точку ({geopoint})",
        "geojson": 'об\'єкт GeoJSON (як-от {"type": "Point", "coordinates": [25.04, 48.53]})',
        "duration": "тривалість ISO 8601 (як-от P1D — день, PT2H30M — 2 год 30 хв)",
        "array": "масив JSON (як-от [1, 2])",
        "object": 'об\'єкт JSON (як-от {"a": 1})',
        "list": "список {items} через «{delimiter}» (як-от {example})",
    },
    "en": TYPE_NAMES["en"],
}
FORMAT_NAMES_IN_FIX = {
    "uk": {"email": "адресу електронної пошти", "uri": "посилання (URI)", "uuid": "UUID"},
    "en": FORMAT_NAMES["en"],
}

# the fix of constraints a field's type or the schema's version does not take, in a schema
# file or a schema inside a descriptor
CONSTRAINTS_FIX = {
    "uk": "Приберіть названі обмеження з «constraints» їхніх полів або дайте полю тип, до якого вони "
    "стосуються (pattern, minLength, maxLength — текст; minimum, maximum — числа й дати); "
    "замість exclusiveMinimum чи exclusiveMaximum (лише Data Package v2) запишіть minimum чи maximum.",
    "en": "Remove the named constraints from their fields' «constraints», or give the field a type they "
    "apply to (pattern, minLength, maxLength: text; minimum, maximum: numbers and dates); instead "
    "of exclusiveMinimum or exclusiveMaximum (Data Package v2 only) write minimum or maximum.",
}

# code -> language -> (message, fix)
CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    # --- what could not be read at all -------------------------------------
    "path-missing": {
        "uk": (
            "Шлях «{path}» не існує.",
            "Перевірте шлях; типово перевіряється папка datapackage/.",
        ),
        "en": (
            "Path «{path}» does not exist.",
            "Check the path; by default the datapackage/ folder is checked.",
        ),
    },
    "no-descriptor": {
        "uk": (
            "У папці «{path}» немає файлу datapackage.json.",
            "Вкажіть папку пакета даних або сам файл datapackage.json.",
        ),
        "en": (
            "Folder «{path}» has no datapackage.json.",
            "Point to a data package folder or to its datapackage.json.",
        ),
    },
    "descriptor-not-json": {
        "uk": (
            "Файл «{path}» не є коректним JSON: {detail}.",
            "Виправте синтаксис JSON (рядок {line}, позиція {column}), наприклад зайву або пропущену кому.",
        ),
        "en": (
            "File «{path}» is not valid JSON: {detail}.",
            "Fix the JSON syntax (line {line}, column {column}), e.g. a missing or extra comma.",
        ),
    },
    "descriptor-invalid": {
        "uk": (
            "Опис «{path}» не відповідає специфікації Data Package: {detail}.",
            "Виправте опис відповідно до specs.frictionlessdata.io.",
        ),
        "en": (
            "Descriptor «{path}» does not follow the Data Package specification: {detail}.",
            "Fix the descriptor following specs.frictionlessdata.io.",
        ),
    },
    "schema-invalid": {
        "uk": (
            "Схема таблиці «{path}» не відповідає специфікації Table Schema: {detail}.",
            "Виправте схему: у ній має бути «fields», список полів, кожне з «name» і «type» "
            "(specs.frictionlessdata.io/table-schema).",
        ),
        "en": (
            "Table Schema «{path}» does not follow the specification: {detail}.",
            "Fix the schema: it needs «fields», a list of fields, each with a «name» and a «type» "
            "(specs.frictionlessdata.io/table-schema).",
        ),
    },
    # every reason a constraint the field's type or the schema's version does not take
    "schema-invalid:constraints": {
        "uk": (
            "Схема таблиці «{path}» не відповідає специфікації Table Schema: {detail}.",
            CONSTRAINTS_FIX["uk"],
        ),
        "en": ("Table Schema «{path}» does not follow the specification: {detail}.", CONSTRAINTS_FIX["en"]),
    },
    # the same, of a schema written inside the descriptor
    "descriptor-invalid:constraints": {
        "uk": ("Опис «{path}» не відповідає специфікації Data Package: {detail}.", CONSTRAINTS_FIX["uk"]),
        "en": (
            "Descriptor «{path}» does not follow the Data Package specification: {detail}.",
            CONSTRAINTS_FIX["en"],
        ),
    },
    "schema-with-descriptor": {
        "uk": (
            "--schema стосується окремої таблиці, а «{path}» — опис пакета чи ресурсу, "
            "у таблиць якого свої схеми.",
            "Приберіть --schema або вкажіть після validate сам файл таблиці (CSV).",
        ),
        "en": (
            "--schema is for a single table, and «{path}» is a package or resource "
            "descriptor whose tables have schemas of their own.",
            "Drop --schema, or give the table file itself (CSV) after validate.",
        ),
    },
    "part-unterminated": {
        "uk": (
            "Частина «{path}» таблиці «{resource}» не закінчується переходом на новий рядок, тож її "
            "останній рядок склеєно з першим рядком даних частини «{next}», а рядки після нього названо "
            "на місце далі.",
            "Відкрийте «{path}» у текстовому редакторі, поставте курсор у кінець останнього рядка, "
            "натисніть Enter і збережіть файл.",
        ),
        "en": (
            "Part «{path}» of table «{resource}» does not end with a line break, so its last row is glued "
            "to the first data row of part «{next}», and the rows after it are named one place off.",
            "Open «{path}» in a text editor, put the cursor at the end of its last line, press Enter and "
            "save the file.",
        ),
    },
    "schema-missing": {
        "uk": (
            "Файлу схеми «{path}» таблиці «{resource}» немає, тож таблицю не перевірено.",
            "Поверніть файл схеми в папку пакета або виправте «schema» таблиці «{resource}» у "
            "datapackage.json.",
        ),
        "en": (
            "Schema file «{path}» of table «{resource}» is missing, so the table was not checked.",
            "Put the schema file back into the package folder or fix the «schema» of table «{resource}» "
            "in datapackage.json.",
        ),
    },
    "schema-missing:folder": {
        "uk": (
            "Файлу схеми «{path}» таблиці «{resource}» немає, як і папки «{folder}» поруч із "
            "datapackage.json, тож таблицю не перевірено.",
            "Так буває з файлами, завантаженими зі сторінки набору поодинці. Завантажте пакет "
            "повністю, зі схемами: opendata pull НАБІР --out ПАПКА; або поверніть папку "
            "«{folder}» у папку пакета.",
        ),
        "en": (
            "Schema file «{path}» of table «{resource}» is missing, and so is the folder «{folder}» "
            "beside datapackage.json, so the table was not checked.",
            "This is what files downloaded one by one from a dataset's page look like. Download the "
            "whole package, with its schemas: opendata pull DATASET --out DIRECTORY; or put the "
            "folder «{folder}» back into the package folder.",
        ),
    },
    "path-is-url": {
        "uk": (
            "«{path}» — адреса в мережі, а перевіряються лише файли й папки на диску "
            "(--allow-remote стосується шляхів до файлів усередині пакета).",
            "Спершу завантажте файл ({download} або браузером) і вкажіть шлях до завантаженого.",
        ),
        "en": (
            "«{path}» is a web address, and only files and folders on disk are checked "
            "(--allow-remote is for the file paths inside a package).",
            "Download the file first ({download}, or with a browser) and give the downloaded file's path.",
        ),
    },
    "schema-is-url": {
        "uk": (
            "Схема «{path}» — адреса в мережі, а після --schema потрібен файл на диску.",
            "Спершу завантажте схему ({download} або браузером) і вкажіть після --schema шлях до неї.",
        ),
        "en": (
            "Schema «{path}» is a web address, and --schema takes a file on disk.",
            "Download the schema first ({download}, or with a browser) and give its path after --schema.",
        ),
    },
    "schema-path-missing": {
        "uk": ("Файлу схеми «{path}» немає.", "Вкажіть після --schema наявний файл схеми (JSON)."),
        "en": ("Schema file «{path}» does not exist.", "Give an existing schema file (JSON) after --schema."),
    },
    "sheet-not-a-workbook": {
        "uk": (
            "--sheet «{sheet}» задано, а «{path}» — не книга Excel (.xlsx): аркуші має лише вона.",
            "Приберіть --sheet або вкажіть файл .xlsx.",
        ),
        "en": (
            "--sheet «{sheet}» was given, but «{path}» is no Excel workbook (.xlsx): only a workbook has sheets.",
            "Leave out --sheet, or give an .xlsx file.",
        ),
    },
    "text-as-workbook": {
        "uk": (
            "Файл «{path}» — текст (мабуть, CSV), а не книга Excel, хоч і названий .xlsx.",
            "Перейменуйте його на «{csv_name}» і перевірте знову; або відкрийте в Excel і збережіть як "
            "книгу Excel (.xlsx).",
        ),
        "en": (
            "File «{path}» is text (CSV, probably), not an Excel workbook, though it is named .xlsx.",
            "Rename it «{csv_name}» and check it again; or open it in Excel and save it as an Excel "
            "workbook (.xlsx).",
        ),
    },
    "sheet-missing": {
        "uk": ("У книзі «{path}» немає аркуша «{sheet}»; є {sheets}.", "Вкажіть після --sheet один із них."),
        "en": (
            "Workbook «{path}» has no sheet «{sheet}»; it has {sheets}.",
            "Give one of them after --sheet.",
        ),
    },
    "schema-not-a-file": {
        "uk": (
            "«{path}» — це папка, а не файл схеми.",
            "Вкажіть після --schema файл схеми (JSON), наприклад datapackage/schemas/tasks.json.",
        ),
        "en": (
            "«{path}» is a folder, not a schema file.",
            "Give a schema file (JSON) after --schema, e.g. datapackage/schemas/tasks.json.",
        ),
    },
    "not-a-descriptor": {
        "uk": (
            "Файл «{path}» не є описом пакета (немає «resources») чи ресурсу (немає «path»).",
            "Вкажіть datapackage.json, resource.json або таблицю CSV з --schema.",
        ),
        "en": (
            "File «{path}» is neither a package descriptor (no «resources») nor a resource (no «path»).",
            "Point to a datapackage.json, a resource.json or a CSV table with --schema.",
        ),
    },
    "unsafe-path": {
        "uk": (
            "Ресурс «{resource}» посилається на «{path}», що виходить за межі пакета.",
            "Покладіть файл у папку пакета і вкажіть відносний шлях без «..» і без «/» на початку.",
        ),
        "en": (
            "Resource «{resource}» points to «{path}», outside the package.",
            "Put the file inside the package folder and use a relative path without «..» or a leading «/».",
        ),
    },
    "path-links-out": {
        "uk": (
            "Файл «{path}» — посилання (symlink) на «{target}», що поза папкою пакета: збірка й "
            "публікація скопіювали б той файл як файл пакета.",
            "Покладіть на місце посилання «{path}» сам файл (копію, а не посилання) або вкажіть файл "
            "із папки пакета.",
        ),
        "en": (
            "File «{path}» is a link (symlink) to «{target}», outside the package folder: a build or a "
            "publication would copy that file as the package's own.",
            "Put the file itself (a copy, not a link) in place of the link «{path}», or name a file in "
            "the package folder.",
        ),
    },
    "licence-not-http": {
        "uk": (
            "Шлях ліцензії «{name}» у «licenses» — «{cell}», а не адреса http(s): сторінка плану не "
            "може на нього посилатися (а «javascript:…» виконався б у браузері читача).",
            "Вкажіть у «path» ліцензії повну адресу її тексту, що починається з https://, як-от "
            "https://creativecommons.org/licenses/by/4.0/.",
        ),
        "en": (
            "The path of licence «{name}» in «licenses» is «{cell}», not an http(s) address: the plan "
            "page cannot link to it (and «javascript:…» would run in the reader's browser).",
            "Give the full address of the licence's text in its «path», starting with https://, such as "
            "https://creativecommons.org/licenses/by/4.0/.",
        ),
    },
    "remote-path": {
        "uk": (
            "Ресурс «{resource}» посилається на віддалену адресу «{path}».",
            "Завантажте файл у пакет або запустіть перевірку з --allow-remote, якщо довіряєте джерелу.",
        ),
        "en": (
            "Resource «{resource}» points to the remote address «{path}».",
            "Download the file into the package, or run with --allow-remote if you trust the source.",
        ),
    },
    "unsupported-table": {
        "uk": (
            "Файл «{path}» не є таблицею, яку можна перевірити ({detail}).",
            "Перевіряються CSV, TSV, XLSX і JSON; збережіть таблицю в одному з цих форматів.",
        ),
        "en": (
            "File «{path}» is not a table that can be checked ({detail}).",
            "CSV, TSV, XLSX and JSON tables are checked; save the table in one of these formats.",
        ),
    },
    "unsupported-table:package-archive": {
        "uk": (
            "Файл «{path}» — архів пакета даних (у ньому datapackage.json), а не таблиця.",
            "Розпакуйте архів у папку (у Провіднику: «Видобути все…»; або unzip {archive} -d {folder}) і "
            "перевірте її: opendata validate {folder}",
        ),
        "en": (
            "File «{path}» is the archive of a data package (it holds a datapackage.json), not a table.",
            "Unpack the archive into a folder (in File Explorer: “Extract All…”; or unzip {archive} -d {folder}) "
            "and check that folder: opendata validate {folder}",
        ),
    },
    "unsupported-table:database": {
        "uk": (
            "Файл «{path}» — база даних SQLite, а не таблиця: її складає з пакета даних «opendata build».",
            "Перевірте сам пакет, папку з datapackage.json: opendata validate {folder}",
        ),
        "en": (
            "File «{path}» is a SQLite database, not a table: «opendata build» makes it from a data package.",
            "Check the package itself, the folder with datapackage.json: opendata validate {folder}",
        ),
    },
    # --- file-level problems --------------------------------------------------
    "file-missing": {
        "uk": (
            "Файлу «{path}» немає.",
            "Поверніть файл у папку пакета або виправте «path» у datapackage.json.",
        ),
        "en": (
            "File «{path}» is missing.",
            "Put the file back into the package folder or fix «path» in datapackage.json.",
        ),
    },
    "file-missing:renamed": {
        "uk": (
            "Файлу «{path}» немає, але поруч є «{neighbour}»: мабуть, це таблиця, збережена під іншим іменем.",
            "Перейменуйте «{neighbour}» на «{path}». Windows може ховати розширення імен: у Провіднику "
            "ввімкніть «Вигляд» → «Розширення імен файлів», щоб бачити ім'я повністю.",
        ),
        "en": (
            "File «{path}» is missing, but «{neighbour}» is beside it: probably the table saved under "
            "another name.",
            "Rename «{neighbour}» to «{path}». Windows may hide file name extensions: in File Explorer "
            "turn on “View” → “File name extensions” to see the whole name.",
        ),
    },
    "file-missing:workbook": {
        "uk": (
            "Файлу «{path}» немає, але поруч є книга «{neighbour}»: мабуть, таблицю збережено як книгу, "
            "а не як CSV.",
            "Відкрийте «{neighbour}» в Excel чи LibreOffice і збережіть як «CSV UTF-8 (розділювач — кома)» "
            "під іменем «{path}».",
        ),
        "en": (
            "File «{path}» is missing, but the workbook «{neighbour}» is beside it: the table was probably "
            "saved as a workbook, not as CSV.",
            "Open «{neighbour}» in Excel or LibreOffice and save it as “CSV UTF-8 (Comma delimited)” "
            "named «{path}».",
        ),
    },
    "newer-workbook": {
        "uk": (
            "Книга «{neighbour}» новіша за «{path}», а перевіряється й публікується лише «{path}».",
            "Якщо нові рядки там, відкрийте «{neighbour}» в Excel чи LibreOffice і збережіть як «CSV UTF-8 "
            "(розділювач — кома)» під іменем «{path}»; якщо ні, приберіть книгу з папки пакета.",
        ),
        "en": (
            "The workbook «{neighbour}» is newer than «{path}», but only «{path}» is checked and published.",
            "If the new rows are there, open «{neighbour}» in Excel or LibreOffice and save it as “CSV UTF-8 "
            "(Comma delimited)” named «{path}»; if not, move the workbook out of the package folder.",
        ),
    },
    "hash-count": {
        "uk": (
            "Файл «{path}» не той, для якого складено опис пакета: його контрольна сума — «{actual}», "
            "а в описі записано «{expected}». Файл змінили після того, як склали "
            "опис, або його завантажено з помилкою.",
            "Завантажте чи зберіть пакет знову й перевірте ще раз. Якщо файл змінили ви самі (це таблиця "
            "вашого пакета), запишіть у «hash» ресурсу «{actual}» або приберіть його «hash» і «bytes».",
        ),
        "en": (
            "File «{path}» is not the one the package's descriptor was made for: its checksum is "
            "«{actual}», and the descriptor says «{expected}». The file was changed "
            "after the descriptor was written, or it was downloaded broken.",
            "Download or build the package again and check it again. If you changed the file yourself "
            "(a table of your own package), write «{actual}» in the resource's «hash», or remove its "
            "«hash» and «bytes».",
        ),
    },
    "byte-count": {
        "uk": (
            "Файл «{path}» не той, для якого складено опис пакета: його розмір — {actual} Б, а в описі записано "
            "{expected} Б. Файл змінили після того, як склали опис, або його "
            "завантажено не повністю.",
            "Завантажте чи зберіть пакет знову й перевірте ще раз. Якщо файл змінили ви самі (це таблиця "
            "вашого пакета), запишіть у «bytes» ресурсу {actual} або приберіть його «bytes» і «hash».",
        ),
        "en": (
            "File «{path}» is not the one the package's descriptor was made for: its size is {actual} "
            "bytes, and the descriptor says {expected}. The file was changed after the "
            "descriptor was written, or it was downloaded incompletely.",
            "Download or build the package again and check it again. If you changed the file yourself "
            "(a table of your own package), write {actual} in the resource's «bytes», or remove its "
            "«bytes» and «hash».",
        ),
    },
    "hash-invalid": {
        "uk": (
            "Контрольна сума файлу «{path}» в описі пакета, «{expected}», — не сума {algorithm}: та має "
            "{digits} шістнадцяткових цифр (0–9, a–f). Файл не перевірено.",
            "Запишіть у «hash» ресурсу суму файлу, «{actual}», або приберіть «hash».",
        ),
        "en": (
            "The checksum of file «{path}» in the package's descriptor, «{expected}», is no {algorithm} sum: "
            "that has {digits} hexadecimal digits (0–9, a–f). The file was not checked against it.",
            "Write the file's sum, «{actual}», in the resource's «hash», or remove the «hash».",
        ),
    },
    "hash-unsupported": {
        "uk": (
            "Контрольну суму файлу «{path}» («{expected}») не перевірено: алгоритм «{algorithm}» не "
            "підтримується, лише md5 і sha256.",
            "Запишіть у «hash» ресурсу суму sha256 файлу як «sha256:…» (або md5 без префікса): тоді "
            "змінений чи пошкоджений файл буде помічено.",
        ),
        "en": (
            "The checksum of file «{path}» («{expected}») is not checked: the algorithm «{algorithm}» is "
            "not supported, only md5 and sha256 are.",
            "Write the file's sha256 in the resource's «hash» as «sha256:…» (or its md5 without a prefix): "
            "then a changed or broken file is noticed.",
        ),
    },
    "file-empty": {
        "uk": (
            "Файл «{path}» порожній: немає навіть рядка заголовків.",
            "Додайте рядок заголовків: {header}.",
        ),
        "en": ("File «{path}» is empty: not even a header row.", "Add the header row: {header}."),
    },
    "html-page": {
        "uk": (
            "Файл «{path}» — вебсторінка (HTML), а не таблиця: мабуть, замість файлу збережено "
            "сторінку сайту, наприклад сторінку помилки.",
            "Завантажте саму таблицю: відкрийте посилання в браузері й перевірте, що воно веде на файл CSV.",
        ),
        "en": (
            "File «{path}» is a web page (HTML), not a table: a page of a site, an error page "
            "perhaps, was saved instead of the file.",
            "Download the table itself: open the link in a browser and check that it leads to a CSV file.",
        ),
    },
    "binary-file": {
        "uk": (
            "Файл «{path}» — {kind_words}, а не текст CSV.",
            "Відкрийте його в Excel чи LibreOffice і збережіть як «CSV UTF-8 (розділювач — кома)» "
            "під іменем «{path}».",
        ),
        "en": (
            "File «{path}» is {kind_words}, not CSV text.",
            "Open it in Excel or LibreOffice and save it as “CSV UTF-8 (Comma delimited)” named «{path}».",
        ),
    },
    "binary-file:archive": {
        "uk": (
            "Файл «{path}» — {kind_words}, а не текст CSV: таблицю в ньому стиснуто.",
            "Розпакуйте його (7-Zip, gunzip) і перевірте розпакований CSV; або, якщо це ресурс пакета "
            'даних, додайте в його опис "compression": "{compression}", і таблицю буде прочитано з архіву.',
        ),
        "en": (
            "File «{path}» is {kind_words}, not CSV text: the table in it is compressed.",
            "Unpack it (7-Zip, gunzip) and check the unpacked CSV; or, for a resource of a data package, "
            'add "compression": "{compression}" to its descriptor and the table is read from the archive.',
        ),
    },
    "wrong-encoding": {
        "uk": (
            "Файл «{path}» збережено в кодуванні {detected}, а не UTF-8; українські літери прочиталися б як «кракозябри».",
            "Збережіть файл як UTF-8: в Excel — «Зберегти як» → «CSV UTF-8 (розділювач — кома)»; у LibreOffice — кодування «Юнікод (UTF-8)».",
        ),
        "en": (
            "File «{path}» is saved as {detected}, not UTF-8; Ukrainian letters would be read as mojibake.",
            "Save the file as UTF-8: in Excel “Save as” → “CSV UTF-8 (Comma delimited)”; in LibreOffice choose “Unicode (UTF-8)”.",
        ),
    },
    "wrong-encoding:declared": {
        "uk": (
            "Файл «{path}» записано в UTF-8, а не в {declared}, як каже його опис; прочитаний як "
            "{declared}, він дав би «кракозябри» замість українських літер.",
            'Виправте в описі таблиці «{resource}» "encoding": "{declared}" на "utf-8" (або приберіть '
            "цей рядок): сам файл правильний.",
        ),
        "en": (
            "File «{path}» is UTF-8, not {declared} as its descriptor says; read as {declared}, its "
            "Ukrainian letters would be mojibake.",
            'Fix the descriptor of table «{resource}»: change "encoding": "{declared}" to "utf-8" (or '
            "remove it); the file itself is right.",
        ),
    },
    "wrong-encoding:unknown": {
        "uk": (
            "Файл «{path}» — не текст UTF-8, і його кодування не вдалося розпізнати (перший такий байт — "
            "у рядку файлу {line}).",
            "Якщо це таблиця, збережіть її як UTF-8: в Excel — «Зберегти як» → «CSV UTF-8 (розділювач — "
            "кома)»; якщо ні, перевірте, що це той файл.",
        ),
        "en": (
            "File «{path}» is not UTF-8 text, and its encoding could not be recognised (the first such "
            "byte is on line {line} of the file).",
            "If it is a table, save it as UTF-8: in Excel “Save as” → “CSV UTF-8 (Comma delimited)”; if "
            "not, check that it is the right file.",
        ),
    },
    "wrong-encoding:mixed": {
        "uk": (
            "Файл «{path}» записано в UTF-8, але рядок файлу {line} — ні: його, мабуть, вставлено з "
            "файлу в іншому кодуванні.",
            "Перепишіть цей рядок (і дальші, якщо їх вставлено теж) або вставте їх із файлу в UTF-8: "
            "збереження всього файлу в іншому кодуванні їх не виправить.",
        ),
        "en": (
            "File «{path}» is written in UTF-8, but line {line} of the file is not: it was probably "
            "pasted from a file in another encoding.",
            "Retype that line (and the ones after it, if they were pasted too) or paste them from a "
            "UTF-8 file: saving the whole file in another encoding will not fix them.",
        ),
    },
    "wrong-encoding:truncated": {
        "uk": (
            "Файл «{path}» обривається посеред символу: останній записано не повністю (файл, мабуть, "
            "обрізано під час копіювання чи завантаження).",
            "Скопіюйте чи завантажте файл ще раз, повністю, або допишіть останній рядок у текстовому редакторі.",
        ),
        "en": (
            "File «{path}» ends in the middle of a character: the last one is incomplete (the file was "
            "probably cut short while copied or downloaded).",
            "Copy or download the whole file again, or complete its last line in a text editor.",
        ),
    },
    "malformed-csv": {
        "uk": (
            "Файл «{path}» неможливо прочитати як CSV: {detail}.",
            "Відкрийте файл у табличному редакторі й збережіть його знову як CSV.",
        ),
        "en": (
            "File «{path}» cannot be read as CSV: {detail}.",
            "Open the file in a spreadsheet and save it again as CSV.",
        ),
    },
    "schema-bound": {
        "uk": (
            "Схема таблиці «{path}» задає обмеження, записані не так, як значення поля: {detail}.",
            "Запишіть ці обмеження (minimum, maximum, enum) так само, як значення поля: того ж типу "
            "й формату. Доти таблицю не перевіряють: помилкою був би майже кожен рядок.",
        ),
        "en": (
            "The table schema «{path}» sets constraints not written as the field's values are: {detail}.",
            "Write these constraints (minimum, maximum, enum) as the field's values are written: of the "
            "same type and format. Until then the table is not checked: nearly every row would be an error.",
        ),
    },
    "schema-csvw": {
        "uk": (
            "Схему «{path}» записано як CSV on the Web (tableSchema.columns), як національні структури "
            "наборів даних: її перетворено на Table Schema й перевірено назви стовпців, обов'язкові "
            "клітинки й типи значень.",
            "Виправляти нічого не треба. Щоб перевіряти й інші обмеження (дозволені значення, шаблони, "
            "ключі), опишіть таблицю схемою Table Schema (specs.frictionlessdata.io/table-schema).",
        ),
        "en": (
            "Schema «{path}» is CSV on the Web (tableSchema.columns), as the national data set structures "
            "are: it was converted to a Table Schema, and the column names, required cells and value "
            "types were checked.",
            "Nothing to fix. To check other constraints too (allowed values, patterns, keys), describe "
            "the table with a Table Schema (specs.frictionlessdata.io/table-schema).",
        ),
    },
    "schema-csvw-unconvertible": {
        "uk": (
            "Схему «{path}» записано як CSV on the Web (tableSchema.columns), а не як Table Schema, і її "
            "не вдалося перетворити: стовпець «{column}» без назви чи з типом «{datatype}», якого "
            "немає серед string, date, dateTime, time, integer, decimal, boolean, anyURL.",
            "Дайте кожному стовпцю назву (name) і один із цих типів (datatype) або опишіть таблицю "
            "схемою Table Schema: «fields», список полів, кожне з «name» і «type» "
            "(specs.frictionlessdata.io/table-schema).",
        ),
        "en": (
            "Schema «{path}» is CSV on the Web (tableSchema.columns), not a Table Schema, and could not "
            "be converted: column «{column}» has no name or a datatype «{datatype}» not among string, "
            "date, dateTime, time, integer, decimal, boolean, anyURL.",
            "Give each column a name and one of these datatypes, or describe the table with a Table "
            "Schema: «fields», a list of fields, each with «name» and «type» "
            "(specs.frictionlessdata.io/table-schema).",
        ),
    },
    "schema-csvw-unconvertible:columns": {
        "uk": (
            "Схему «{path}» записано як CSV on the Web (tableSchema), а не як Table Schema, і її не "
            "вдалося перетворити: у ній немає списку стовпців (tableSchema.columns).",
            "Перелічіть стовпці в tableSchema.columns, кожен з «name» і «datatype», або опишіть таблицю "
            "схемою Table Schema (specs.frictionlessdata.io/table-schema).",
        ),
        "en": (
            "Schema «{path}» is CSV on the Web (tableSchema), not a Table Schema, and could not be "
            "converted: it has no list of columns (tableSchema.columns).",
            "List the columns in tableSchema.columns, each with «name» and «datatype», or describe the "
            "table with a Table Schema (specs.frictionlessdata.io/table-schema).",
        ),
    },
    "workbook-sheets": {
        "uk": (
            "Перевірено аркуш «{sheet}» книги «{path}»; інші її аркуші ({others}) не перевірено.",
            "Щоб перевірити інший аркуш: opendata validate {given} --sheet НАЗВА (зі схемою його таблиці: "
            "--schema СХЕМА.json).",
        ),
        "en": (
            "Sheet «{sheet}» of workbook «{path}» was checked; its other sheets ({others}) were not.",
            "To check another sheet: opendata validate {given} --sheet NAME --lang en (with its table's "
            "schema: --schema SCHEMA.json).",
        ),
    },
    "schema-none": {
        "uk": (
            "Файл «{path}» перевірено без схеми: лише його будову (заголовок, кількість клітинок) "
            "і типи значень, вгадані за першими рядками, а не обов'язковість, дозволені значення чи ключі.",
            "Вкажіть схему таблиці: opendata validate {given} --schema СХЕМА.json або перевірте "
            "пакет, до якого вона належить.",
        ),
        "en": (  # the command with --lang en: without it, its messages would be Ukrainian
            "File «{path}» was checked without a schema: only its structure (header, number of cells) "
            "and the value types guessed from its first rows, not required cells, allowed values or keys.",
            "Give the table's schema: opendata validate {given} --schema SCHEMA.json --lang en, or validate the "
            "package it belongs to.",
        ),
    },
    "foreign-key-skipped": {
        "uk": (
            "Зовнішній ключ «{field}» → «{target}» не перевірено: таблицю перевіряють окремо від пакета.",
            "Щоб перевірити зв'язки між таблицями, перевірте весь пакет (datapackage.json).",
        ),
        "en": (
            "Foreign key «{field}» → «{target}» not checked: the table is checked outside its package.",
            "To check links between tables, validate the whole package (datapackage.json).",
        ),
    },
    "foreign-key-target-unread": {
        "uk": (
            "Зовнішній ключ «{field}» → «{target}» не перевірено: таблицю «{target}» не вдалося прочитати.",
            "Виправте помилку в таблиці «{target}» (її названо вище) і перевірте пакет ще раз.",
        ),
        "en": (
            "Foreign key «{field}» → «{target}» not checked: the table «{target}» could not be read.",
            "Fix the error in the table «{target}» (named above) and validate the package again.",
        ),
    },
    # --- Frictionless table errors ----------------------------------------------
    "type-error": {
        "uk": (
            "Значення «{cell}» не є {expected}.",
            "Запишіть значення поля «{field}» як {expected_fix}.",
        ),
        "en": ("Value «{cell}» is not {expected}.", "Write field «{field}» as {expected_fix}."),
    },
    # a date written as one, but of a day its month does not have: «2021-09-31», «31.09.2021»
    "type-error:no-such-day": {
        "uk": (
            "Дня «{cell}» немає в календарі: {month_days}.",
            "Звірте дату з документом, з якого її взято, і запишіть значення поля «{field}» як {expected_fix}.",
        ),
        "en": (
            "There is no day «{cell}» in the calendar: {month_days}.",
            "Check the date in the document it was taken from, and write field «{field}» as {expected_fix}.",
        ),
    },
    # missingValues without "" (["NA"]): an empty cell is a value, and not of the field's type
    "type-error:empty": {
        "uk": (
            "Клітинка порожня, а порожня клітинка в цій таблиці — не пропущене значення: "
            "її missingValues — {missing_values}.",
            "Запишіть у поле «{field}» одне з пропущених значень ({missing_values}) або значення — "
            "{expected_fix}.",
        ),
        "en": (
            "The cell is empty, and an empty cell is no missing value in this table: its missingValues "
            "are {missing_values}.",
            "Write one of the missing values ({missing_values}) in field «{field}», or a value: "
            "{expected_fix}.",
        ),
    },
    "constraint-error:required": {
        "uk": ("Обов'язкове поле «{field}» порожнє.", "Заповніть «{field}»."),
        "en": ("Required field «{field}» is empty.", "Fill in «{field}»."),
    },
    "constraint-error:enum": {
        "uk": ("Значення «{cell}» не входить до дозволених.", "Використайте одне з: {allowed}."),
        "en": ("Value «{cell}» is not one of the allowed values.", "Use one of: {allowed}."),
    },
    "constraint-error:minimum": {
        "uk": ("Значення «{cell}» менше за мінімум {limit}.", "Вкажіть значення не менше {limit}."),
        "en": ("Value «{cell}» is below the minimum {limit}.", "Use a value of at least {limit}."),
    },
    "constraint-error:maximum": {
        "uk": (
            "Значення «{cell}» більше за максимум {limit}.",
            "Вкажіть значення не більше {limit}.",
        ),
        "en": ("Value «{cell}» is above the maximum {limit}.", "Use a value of at most {limit}."),
    },
    "constraint-error:minLength": {
        "uk": (
            "Значення «{cell}» коротше за {characters}.",
            "Доповніть значення до {characters_after_to}.",
        ),
        "en": (
            "Value «{cell}» is shorter than {characters}.",
            "Make it at least {characters} long.",
        ),
    },
    "constraint-error:maxLength": {
        "uk": (
            "Значення «{cell}» довше за {characters}.",
            "Скоротіть значення до {characters_after_to}.",
        ),
        "en": (
            "Value «{cell}» is longer than {characters}.",
            "Shorten it to at most {characters}.",
        ),
    },
    # a list's or an array's length is its items'
    "constraint-error:minLength:items": {
        "uk": ("У значенні «{cell}» менше за {items}.", "Доповніть список до {items_after_to}."),
        "en": ("Value «{cell}» has fewer than {items}.", "Make it at least {items} long."),
    },
    "constraint-error:maxLength:items": {
        "uk": ("У значенні «{cell}» більше за {items}.", "Скоротіть список до {items_after_to}."),
        "en": ("Value «{cell}» has more than {items}.", "Shorten it to at most {items}."),
    },
    "constraint-error:pattern": {
        "uk": (
            "Значення «{cell}» не відповідає шаблону {limit}.",
            "Запишіть значення за шаблоном {limit}.",
        ),
        "en": (
            "Value «{cell}» does not match the pattern {limit}.",
            "Write the value to match {limit}.",
        ),
    },
    "constraint-error:pattern:example": {
        "uk": (
            "Значення «{cell}» записано не за шаблоном поля (як-от «{example}»).",
            "Запишіть значення у вигляді, як-от «{example}» (шаблон {limit}).",
        ),
        "en": (
            "Value «{cell}» is not written as the field's pattern wants (e.g. «{example}»).",
            "Write the value like «{example}» (pattern {limit}).",
        ),
    },
    "constraint-error": {
        "uk": (
            "Значення «{cell}» порушує обмеження: {note}.",
            "Виправте значення відповідно до схеми.",
        ),
        "en": (
            "Value «{cell}» breaks a constraint: {note}.",
            "Correct the value to satisfy the schema.",
        ),
    },
    "unique-error": {
        "uk": (
            "Значення «{cell}» у полі «{field}» уже є в рядку {first_row}.",
            "Зробіть значення унікальним: змініть його тут чи в рядку {first_row} або видаліть дубль.",
        ),
        "en": (
            "Value «{cell}» in field «{field}» is already in row {first_row}.",
            "Make the value unique: change it here or in row {first_row}, or delete the duplicate row.",
        ),
    },
    "primary-key": {
        "uk": (
            "Ідентифікатор {key_values} ({key}) уже є в рядку {first_row}.",
            "Кожен рядок мусить мати власний ідентифікатор: змініть {key_values} тут чи в рядку "
            "{first_row} або видаліть дубль.",
        ),
        "en": (
            "Identifier {key_values} ({key}) is already in row {first_row}.",
            "Every row needs its own identifier: change {key_values} here or in row {first_row}, "
            "or delete the duplicate row.",
        ),
    },
    "primary-key:composite": {
        "uk": (
            "Поєднання {key_values} у полях {key} уже є в рядку {first_row}.",
            "Кожен рядок мусить мати власне поєднання цих полів: змініть одне з них тут чи в рядку "
            "{first_row} або видаліть дубль.",
        ),
        "en": (
            "The combination {key_values} of fields {key} is already in row {first_row}.",
            "Every row needs its own combination of these fields: change one of them here or in row "
            "{first_row}, or delete the duplicate row.",
        ),
    },
    "primary-key:unnamed": {
        "uk": (
            "Первинний ключ ({key}) повторює рядок {first_row}.",
            "Кожен рядок мусить мати власний ідентифікатор; змініть ідентифікатор або видаліть дубль.",
        ),
        "en": (
            "The primary key ({key}) repeats row {first_row}.",
            "Every row needs its own identifier; change the identifier or delete the duplicate row.",
        ),
    },
    "primary-key:unreadable": {
        "uk": (
            "Первинний ключ ({key}) не прочитано: {key_values} — не значення типу поля, тож рядок "
            "лишився без ідентифікатора.",
            "Виправте {key}, як каже помилка типу в цьому рядку: кожен рядок мусить мати власний "
            "ідентифікатор.",
        ),
        "en": (
            "The primary key ({key}) could not be read: {key_values} is not a value of its field's type, "
            "so the row has no identifier.",
            "Correct {key} as this row's type error says: every row needs its own identifier.",
        ),
    },
    "primary-key:blank": {
        "uk": (
            "Первинний ключ ({key}) порожній.",
            "Заповніть {key}: кожен рядок мусить мати власний ідентифікатор (порожній рядок — видаліть).",
        ),
        "en": (
            "The primary key ({key}) is empty.",
            "Fill in {key}: every row needs its own identifier (a blank row: delete it).",
        ),
    },
    "foreign-key": {
        "uk": (
            "Значення {values} не знайдено в «{target}».",
            "Використайте значення, яке є в «{target}», або спершу додайте відповідний рядок туди.",
        ),
        "en": (
            "Value {values} does not exist in «{target}».",
            "Use a value that exists in «{target}», or add that row there first.",
        ),
    },
    "foreign-key:types": {
        "uk": (
            "Значення {values} не знайдено в «{target}»: поле «{field}» має тип {field_type}, а поле "
            "«{other}» у «{target}» — {other_type}, і значення різних типів ніколи не збігаються.",
            "Дайте полю «{field}» і полю «{other}» таблиці «{target}» однаковий тип у схемах і перевірте "
            "файл ще раз.",
        ),
        "en": (
            "Value {values} does not exist in «{target}»: field «{field}» is of type {field_type}, and "
            "field «{other}» in «{target}» of type {other_type}; values of different types never match.",
            "Give field «{field}» and field «{other}» of «{target}» the same type in their schemas and check "
            "the file again.",
        ),
    },
    "foreign-key:several": {
        "uk": (
            "Значення {values} не знайдено в «{target}»: у клітинці кілька значень, імовірно {keys}.",
            "У полі «{field}» може бути лише одне значення: залиште одне з них, а для кожного "
            "іншого додайте окремий рядок.",
        ),
        "en": (
            "Value {values} does not exist in «{target}»: the cell holds several values, probably {keys}.",
            "The field «{field}» holds one value: keep one of them, and add a separate row for each other.",
        ),
    },
    "blank-label": {
        "uk": (
            "Стовпець {field_number} не має назви в рядку заголовків.",
            "Впишіть назву стовпця: «{expected_label}».",
        ),
        "en": (
            "Column {field_number} has no name in the header row.",
            "Write the column name: «{expected_label}».",
        ),
    },
    "duplicate-label": {
        "uk": (
            "Назва стовпця «{label}» повторюється.",
            "Перейменуйте або видаліть зайвий стовпець.",
        ),
        "en": ("Column name «{label}» is repeated.", "Rename or delete the extra column."),
    },
    "extra-label": {
        "uk": (
            "Зайвий стовпець {field_number} «{label}», якого немає в схемі.",
            "Видаліть стовпець або додайте поле до схеми.",
        ),
        "en": (
            "Extra column {field_number}, «{label}», that the schema does not have.",
            "Delete the column or add the field to the schema.",
        ),
    },
    "extra-label:blank": {
        "uk": (
            "Зайвий стовпець {field_number} без назви: мабуть, таблиця зберегла порожній стовпець "
            "(зайві роздільники в кінці рядків).",
            "Видаліть стовпець {field_number} (у таблиці — виділіть його й видаліть, а не лише очистіть); "
            "якщо в ньому є дані, дайте йому назву й додайте поле до схеми.",
        ),
        "en": (
            "Extra column {field_number} with no name: the spreadsheet probably saved an empty column "
            "(separators at the ends of the rows).",
            "Delete column {field_number} (in the spreadsheet, select and delete it, not only clear it); "
            "if it holds data, name it and add the field to the schema.",
        ),
    },
    "missing-label": {
        "uk": ("Бракує стовпця «{field}».", "Додайте стовпець «{field}» у рядок заголовків."),
        "en": ("Column «{field}» is missing.", "Add column «{field}» to the header row."),
    },
    "incorrect-label": {
        "uk": (
            "Стовпець {field_number} називається «{label}», а схема очікує «{field}».",
            "Перейменуйте стовпець на «{field}» або поверніть стовпці в порядку схеми.",
        ),
        "en": (
            "Column {field_number} is named «{label}» but the schema expects «{field}».",
            "Rename the column to «{field}» or restore the schema's column order.",
        ),
    },
    "incorrect-label:lookalike": {
        "uk": (
            "Стовпець {field_number} «{label}» лише схожий на «{field}», якого чекає схема: "
            "{letters} в ньому з іншої абетки (кирилиця замість латиниці чи навпаки).",
            "Надрукуйте назву стовпця заново, не копіюючи: «{field}».",
        ),
        "en": (
            "Column {field_number}, «{label}», only looks like «{field}», which the schema expects: "
            "its {letters} from another alphabet (Cyrillic for Latin or the other way).",
            "Type the column's name anew, not copied: «{field}».",
        ),
    },
    "extra-cell": {
        "uk": (
            "У рядку більше клітинок, ніж стовпців.",
            "Видаліть зайві клітинки; часто це роздільник (кома, крапка з комою) в тексті без лапок.",
        ),
        "en": (
            "The row has more cells than the header has columns.",
            "Delete the extra cells; often it is a separator (a comma, a semicolon) inside unquoted text.",
        ),
    },
    "extra-cells": {
        "uk": (
            "Клітинка {numbers} «{cell}» стоїть поза таблицею, після її останнього стовпця «{last}».",
            "Перенесіть цей текст у стовпець, де йому місце{such_as}, або видаліть його.",
        ),
        "en": (
            "Cell {numbers}, «{cell}», lies outside the table, beyond its last column «{last}».",
            "Move this text into the column it belongs in{such_as}, or delete it.",
        ),
    },
    "extra-cells:several": {
        "uk": (
            "Клітинки {numbers} («{cell}») стоять поза таблицею, після її останнього стовпця «{last}».",
            "Перенесіть цей текст у стовпець, де йому місце{such_as}, або видаліть його.",
        ),
        "en": (
            "Cells {numbers} («{cell}») lie outside the table, beyond its last column «{last}».",
            "Move this text into the column it belongs in{such_as}, or delete it.",
        ),
    },
    "column-missing": {
        "uk": (
            "Стовпця «{field}» (він має бути {field_number}-м) у файлі немає, тож стовпці після нього "
            "зсунулися: помилки в назвах і значеннях далі — наслідок цього.",
            "Поверніть стовпець «{field}» на його місце, {field_number}-м, і перевірте файл ще раз.",
        ),
        "en": (
            "Column «{field}» (number {field_number}) is not in the file, so the columns after it moved: "
            "the errors in names and values below follow from it.",
            "Put column «{field}» back in its place, number {field_number}, and check the file again.",
        ),
    },
    "column-moved": {
        "uk": (
            "Стовпець «{label}» стоїть {field_number}-м, а має бути {expected}-м, тож стовпці між цими "
            "місцями зсунулися: помилки в назвах і значеннях далі — наслідок цього.",
            "Перенесіть стовпець «{label}» на {expected_place} місце і перевірте файл ще раз.",
        ),
        "en": (
            "Column «{label}» is number {field_number} but should be number {expected}, so the columns "
            "between moved: the errors in names and values below follow from it.",
            "Move column «{label}» to the {expected_place} place and check the file again.",
        ),
    },
    "header-missing": {
        "uk": (
            "Рядка заголовків немає: перший рядок файлу — дані, тож його прочитано як назви стовпців "
            "і не перевірено, а помилки в назвах далі — наслідок цього.",
            "Вставте першим рядком назви стовпців: {header}.",
        ),
        "en": (
            "The header row is missing: the file's first row is data, so it was read as the column names "
            "and not checked; the errors in names below follow from it.",
            "Insert the column names as the first row: {header}.",
        ),
    },
    "header-repeated": {
        "uk": (
            "Рядок повторює заголовок: у ньому назви стовпців, а не значення.",
            "Видаліть рядок {row}.",
        ),
        "en": (
            "The row repeats the header: it holds the column names, not values.",
            "Delete row {row}.",
        ),
    },
    "header-titles": {
        "uk": (
            "Перший рядок — назви стовпців словами (titles схеми, як-от «{title}»), а заголовок — у "
            "рядку 2: портал і програми читачів візьмуть перший рядок за заголовок, а другий — за дані.",
            "Видаліть рядок 1: заголовком стане рядок 2.",
        ),
        "en": (
            "The first row holds the columns' titles (the schema's, such as «{title}»), and the header "
            "is row 2: the portal and readers' programs take the first row for the header and the "
            "second for data.",
            "Delete row 1: row 2 becomes the header.",
        ),
    },
    "header-titles:line": {
        "uk": (
            "Заголовок — у рядку 2, а рядок 1 («{title}») стоїть над ним: портал і програми читачів "
            "візьмуть його за заголовок, а заголовок — за дані.",
            "Видаліть рядок 1: заголовком стане рядок 2.",
        ),
        "en": (
            "The header is row 2, and row 1 («{title}») stands above it: the portal and readers' "
            "programs take row 1 for the header and the header for data.",
            "Delete row 1: row 2 becomes the header.",
        ),
    },
    "column-extra": {
        "uk": (
            "Стовпець {field_number} «{label}» зайвий, тож стовпці після нього зсунулися: помилки в "
            "назвах і значеннях далі — наслідок цього.",
            "Видаліть стовпець {field_number} і перевірте файл ще раз.",
        ),
        "en": (
            "Column {field_number}, «{label}», is one too many, so the columns after it moved: the "
            "errors in names and values below follow from it.",
            "Delete column {field_number} and check the file again.",
        ),
    },
    "column-extra:copy": {
        "uk": (
            "Стовпець «{label}» у файлі двічі: {first}-й і {field_number}-й, тож стовпці після другого "
            "зсунулися: помилки в назвах і значеннях далі — наслідок цього.",
            "Видаліть одну з копій (стовпець {field_number}) і перевірте файл ще раз.",
        ),
        "en": (
            "Column «{label}» is in the file twice, as number {first} and {field_number}, so the "
            "columns after the second moved: the errors in names and values below follow from it.",
            "Delete one of the copies (column {field_number}) and check the file again.",
        ),
    },
    "unclosed-quote": {
        "uk": (
            'Лапки (") у клітинці поля «{field}» відкрито, але не закрито: усе до кінця файлу '
            "потрапило в цю клітинку, тому далі в рядку бракує клітинок.",
            "Закрийте лапки в цій клітинці або приберіть їх (відкрийте файл у текстовому редакторі, "
            "таблиця їх не покаже).",
        ),
        "en": (
            'A quote (") opened in the cell of field «{field}» is never closed: the rest of the file '
            "went into this cell, so the row lacks its other cells.",
            "Close the quote in this cell or remove it (open the file in a text editor: a spreadsheet "
            "hides it).",
        ),
    },
    "missing-cell": {
        "uk": (
            "У рядку бракує клітинки для поля «{field}».",
            "Додайте клітинку (можна порожню) для «{field}».",
        ),
        "en": (
            "The row has no cell for field «{field}».",
            "Add a cell (it may be empty) for «{field}».",
        ),
    },
    "missing-cell:required": {
        "uk": (
            "У рядку бракує клітинки для поля «{field}».",
            "Додайте клітинку для «{field}» і впишіть у неї значення: поле обов'язкове.",
        ),
        "en": (
            "The row has no cell for field «{field}».",
            "Add a cell for «{field}» and write its value in it: the field is required.",
        ),
    },
    "blank-row": {
        "uk": ("Порожній рядок.", "Видаліть порожній рядок."),
        "en": ("Blank row.", "Delete the blank row."),
    },
    "blank-header": {
        "uk": ("Рядок заголовків порожній.", "Перший рядок має містити назви стовпців."),
        "en": ("The header row is blank.", "The first row must hold the column names."),
    },
    "encoding-error": {
        "uk": ("Файл не вдалося декодувати: {note}.", "Збережіть файл як UTF-8."),
        "en": ("The file could not be decoded: {note}.", "Save the file as UTF-8."),
    },
    "source-error": {
        "uk": ("Дані неможливо прочитати: {note}.", "Перевірте, що файл є коректною таблицею CSV."),
        "en": (
            "The data cannot be read: {note}.",
            "Check that the file is a well-formed CSV table.",
        ),
    },
    "incomparable-bound": {
        "uk": (
            "Таблицю не перевірено: Frictionless не порівнює значення з часовим поясом і межу без нього ({note}).",
            "Запишіть межі дат і часу (minimum, maximum) так, як значення: обидва з часовим поясом або обидва без.",
        ),
        "en": (
            "The table was not checked: Frictionless cannot compare a value with a time zone and a bound without one ({note}).",
            "Write the date and time bounds (minimum, maximum) as the values are: both with a time zone, or both without.",
        ),
    },
    "unreadable-bound": {
        "uk": (
            "Таблицю не перевірено: Frictionless не прочитав межу (minimum чи maximum) у форматі поля ({note}).",
            "Запишіть межі так само, як значення поля: того ж типу й формату.",
        ),
        "en": (
            "The table was not checked: Frictionless cannot read a bound (minimum or maximum) in the field's format ({note}).",
            "Write the bounds as the field's values are written: the same type and format.",
        ),
    },
    "scheme-error": {
        "uk": ("Файл неможливо відкрити: {note}.", "Перевірте шлях до файлу в datapackage.json."),
        "en": ("The file cannot be opened: {note}.", "Check the file path in datapackage.json."),
    },
    "format-error": {
        "uk": ("Формат файлу не розпізнано: {note}.", "Збережіть таблицю як CSV."),
        "en": ("The file format is not recognised: {note}.", "Save the table as CSV."),
    },
    "compression-error": {
        "uk": (
            "Файл «{path}» не розпаковується: його назва (чи «compression» в описі пакета) каже, що він "
            "стиснений, а він не архів (мабуть, звичайний CSV).",
            "Якщо це звичайний CSV, приберіть розширення архіву («.gz», «.zip») з назви файлу (а якщо його "
            "описує datapackage.json чи resource.json, то й з його «path», разом з «compression»); якщо "
            "таблицю треба стиснути, стисніть її ще раз (gzip) під тією ж назвою.",
        ),
        "en": (
            "File «{path}» does not unpack: its name (or «compression» in the package's descriptor) says it "
            "is compressed, and it is no archive (a plain CSV, probably).",
            "If it is a plain CSV, remove the archive's extension («.gz», «.zip») from the file's name (and, "
            "where a datapackage.json or resource.json describes it, from its «path», with «compression»); "
            "if the table is to be compressed, compress it again (gzip) under the same name.",
        ),
    },
    "error": {
        "uk": ("{note}", "Див. документацію Frictionless щодо помилки «{frictionless_type}»."),
        "en": ("{note}", "See the Frictionless documentation for the «{frictionless_type}» error."),
    },
    # --- the plan's own rules --------------------------------------------------------
    "plan-task-without-leader": {
        "uk": (
            "Завдання {task_id} не має жодного керівника.",
            "Додайте в task_roles.csv рядок: {task_id},leader,1,<person_id>.",
        ),
        "en": (
            "Task {task_id} has no leader.",
            "Add a row to task_roles.csv: {task_id},leader,1,<person_id>.",
        ),
    },
    "plan-task-without-executor": {
        "uk": (
            "Завдання {task_id} не має жодного виконавця.",
            "Додайте в task_roles.csv рядок: {task_id},executor,1,<person_id>.",
        ),
        "en": (
            "Task {task_id} has no executor.",
            "Add a row to task_roles.csv: {task_id},executor,1,<person_id>.",
        ),
    },
    "plan-date-outside-period": {
        "uk": (
            "Дата «{cell}» поза періодом плану ({start} – {end}).",
            "Перевірте рік і місяць; звіт має стосуватися {start} – {end}.",
        ),
        "en": (
            "Date «{cell}» is outside the plan period ({start} – {end}).",
            "Check the year and month; the report must fall within {start} – {end}.",
        ),
    },
    "plan-period-outside-plan": {
        "uk": (
            "Квартал «{cell}» не входить до періоду плану ({first} – {last}).",
            "Вкажіть квартал від {first} до {last}.",
        ),
        "en": (
            "Quarter «{cell}» is not within the plan period ({first} – {last}).",
            "Use a quarter from {first} to {last}.",
        ),
    },
    "plan-date-outside-quarter": {
        "uk": (
            "Дата «{cell}» не належить до кварталу «{period}» ({start} – {end}).",
            "Виправте дату або квартал: для «{cell}» це «{actual}».",
        ),
        "en": (
            "Date «{cell}» is not in quarter «{period}» ({start} – {end}).",
            "Correct the date or the quarter: «{cell}» belongs to «{actual}».",
        ),
    },
    "plan-evidence-not-http": {
        "uk": (
            "Посилання «{cell}» не є адресою http(s).",
            "Вкажіть повну адресу сторінки, що починається з https:// (або http://).",
        ),
        "en": (
            "Link «{cell}» is not an http(s) address.",
            "Give the full address of the page, starting with https:// (or http://).",
        ),
    },
    "plan-adopted-without": {
        "uk": (
            "Рішення ухвалено (status «{status}»), але поле «{field}» порожнє.",
            "Допишіть дату й номер у текст рішення над його назвою («від 12.05.2021 № 245») та імпортуйте "
            "текст знову (opendata import-plan): правка лише в decision.csv зупинить наступний імпорт "
            "(файл змінено вручну). Поки рішення — проєкт, status має бути «draft».",
        ),
        "en": (
            "The decision was adopted (status «{status}»), but field «{field}» is empty.",
            "Add the date and number to the decision's text above its title («від 12.05.2021 № 245») and "
            "import the text again (opendata import-plan): an edit made only in decision.csv stops the next "
            "import (a file changed by hand). While the decision is a draft, status must be «draft».",
        ),
    },
    "plan-evidence-spaces": {
        "uk": (
            "У посиланні «{cell}» є пробіли: так воно не відкриє сторінку (два посилання в одній "
            "клітинці, пробіл усередині чи нерозривний пробіл, скопійований з Word).",
            "Залиште в клітинці одну адресу без пробілів; друге підтвердження — окремим звітом.",
        ),
        "en": (
            "Link «{cell}» has spaces in it, so it will not open the page (two links in one cell, a "
            "space inside, or a no-break space copied from Word).",
            "Keep one address without spaces in the cell; a second piece of evidence goes in a report "
            "of its own.",
        ),
    },
    "plan-evidence-padded": {
        "uk": (
            "Посилання «{cell}» має пробіл на початку чи в кінці.",
            "Приберіть пробіли навколо адреси.",
        ),
        "en": (
            "Link «{cell}» has a space at its start or end.",
            "Remove the spaces around the address.",
        ),
    },
    "plan-evidence-two-links": {
        "uk": (
            "У клітинці «{cell}» кілька посилань, а поле тримає одне.",
            "Залиште в клітинці одне посилання; друге підтвердження — окремим звітом.",
        ),
        "en": (
            "The cell «{cell}» holds several links; the field holds one.",
            "Keep one link in the cell; a second piece of evidence goes in a report of its own.",
        ),
    },
    "plan-evidence-local": {
        "uk": (
            "Посилання «{cell}» веде на цей комп'ютер чи у внутрішню мережу: інші його не відкриють.",
            "Вкажіть адресу сторінки, відкритої в інтернеті, наприклад https://kolomyia.org/news/….",
        ),
        "en": (
            "Link «{cell}» leads to this computer or an internal network: others cannot open it.",
            "Give the address of a page open on the internet, such as https://kolomyia.org/news/….",
        ),
    },
    "plan-task-id-as-number": {
        "uk": (
            "Завдання «{cell}», а ідентифікатор звіту «{report_id}» називає завдання {named}: мабуть, "
            "таблиця прочитала «{named}» як число {cell}.",
            "Якщо звіт про завдання {named}, виправте task_id, а стовпець task_id відкривайте як текст.",
        ),
        "en": (
            "Task «{cell}», but the report id «{report_id}» names task {named}: a spreadsheet probably "
            "read «{named}» as the number {cell}.",
            "If the report is about task {named}, correct task_id, and open the task_id column as text.",
        ),
    },
    "plan-blank-cell": {
        "uk": (
            "Клітинка поля «{field}» містить лише пробіли: вона здається заповненою, але порожня.",
            "Впишіть значення або очистіть клітинку.",
        ),
        "en": (
            "A cell of field «{field}» holds only spaces: it looks filled in, but it is empty.",
            "Write the value or clear the cell.",
        ),
    },
    "plan-evidence-no-host": {
        "uk": (
            "У посиланні «{cell}» немає адреси сайту.",
            "Вкажіть повну адресу сторінки, наприклад https://kolomyia.org/news/….",
        ),
        "en": (
            "Link «{cell}» has no site address in it.",
            "Give the page's full address, such as https://kolomyia.org/news/….",
        ),
    },
    "plan-task-in-other-campaign": {
        "uk": (
            "Завдання {task_id} стоїть у кампанії {cell}, а його номер каже, що воно з кампанії "
            "{number_campaign}.",
            "Перевірте в рішенні заголовок кампанії {number_campaign}: якщо імпорт його не розпізнав, "
            "виправте текст і імпортуйте знову; інакше виправте campaign_id у tasks.csv.",
        ),
        "en": (
            "Task {task_id} is in campaign {cell}, but its number says it belongs to campaign "
            "{number_campaign}.",
            "Check the heading of campaign {number_campaign} in the decision: if the import did not "
            "recognise it, correct the text and import again; otherwise correct campaign_id in tasks.csv.",
        ),
    },
    "plan-number-not-its-task": {
        "uk": (
            "Номер {cell} у source_number завдання {task_id} — номер завдання {others}, а рядок не "
            "позначено як номер, надрукований у рішенні двічі (number_is_duplicate).",
            "Мабуть, таблиця прочитала номер «{suggestion}» як число: запишіть у source_number номер із "
            "task_id і відкривайте стовпець як текст. Якщо ж рішення справді друкує номер {cell} двічі, "
            "запишіть true у number_is_duplicate обох рядків.",
        ),
        "en": (
            "Number {cell} in source_number of task {task_id} is the number of task {others}, and the row "
            "is not marked as a number printed twice in the decision (number_is_duplicate).",
            "Perhaps a spreadsheet read the number «{suggestion}» as a number: write the number in task_id "
            "into source_number, and open the column as text. If the decision does print number {cell} "
            "twice, write true into number_is_duplicate of both rows.",
        ),
    },
    "plan-duplicate-number-unmarked": {
        "uk": (
            "Номер {number} стоїть у source_number завдань {task_ids}, а number_is_duplicate цього рядка "
            "— «{cell}», не true.",
            "Якщо рішення справді друкує номер {number} двічі, запишіть true у number_is_duplicate "
            "цих рядків; інакше виправте source_number за текстом рішення.",
        ),
        "en": (
            "Number {number} is in source_number of tasks {task_ids}, but number_is_duplicate of this row "
            "is «{cell}», not true.",
            "If the decision does print number {number} twice, write true into number_is_duplicate of these "
            "rows; else correct source_number as the decision prints it.",
        ),
    },
    "plan-duplicate-number": {
        "uk": (
            "Номер {cell} надруковано в рішенні двічі (завдання {task_ids}).",
            "Це помилка нумерації в документі; рядки розрізняє task_id, виправляти нічого не треба.",
        ),
        "en": (
            "Number {cell} is printed twice in the decision (tasks {task_ids}).",
            "A numbering slip in the document; task_id tells the rows apart, nothing to fix.",
        ),
    },
    "plan-formula": {
        "uk": (
            "Клітинка поля «{field}» починається з «{sign}»: Excel, відкривши CSV, виконає її як "
            "формулу (посилання, обчислення чи помилку #NAME? замість тексту).",
            "Почніть текст інакше, наприклад словом чи лапками перед «{sign}».",
        ),
        "en": (
            "A cell of field «{field}» starts with «{sign}»: Excel opening the CSV runs it as a formula "
            "(a link, a calculation or a #NAME? error instead of the text).",
            "Start the text otherwise, with a word or a quotation mark before the «{sign}».",
        ),
    },
    "plan-formula-field": {
        "uk": (
            "Назва поля «{field}» починається з «{sign}»: Excel, відкривши CSV, виконає заголовок як "
            "формулу (посилання, обчислення чи помилку #NAME? замість назви).",
            "Дайте полю назву, що починається з літери, у схемі таблиці й у рядку заголовків.",
        ),
        "en": (
            "The name of field «{field}» starts with «{sign}»: Excel opening the CSV runs the header as a "
            "formula (a link, a calculation or a #NAME? error instead of the name).",
            "Give the field a name that starts with a letter, in the table's schema and in the header row.",
        ),
    },
    "plan-cell-too-long": {
        "uk": (
            "Клітинка поля «{field}» довша, ніж уміщує Excel (32 767 символів).",
            "Скоротіть текст або винесіть його в документ і дайте посилання: у завантаженні XLSX його "
            "обріжуть (у CSV і JSON він повний).",
        ),
        "en": (
            "A cell of field «{field}» is longer than Excel holds (32,767 characters).",
            "Shorten the text or move it to a document and link to it: the XLSX download cuts it (the "
            "CSV and JSON keep it whole).",
        ),
    },
    "plan-control-character": {
        "uk": (
            "У клітинці поля «{field}» є невидимий керівний символ ({character}).",
            "Видаліть його в текстовому редакторі (у таблиці його не видно): такі символи лишаються "
            "після копіювання з інших програм, і завантаження XLSX їх не приймає.",
        ),
        "en": (
            "A cell of field «{field}» holds an invisible control character ({character}).",
            "Delete it in a text editor (a spreadsheet does not show it): such characters are left by "
            "copying from other programs, and the XLSX download refuses them.",
        ),
    },
    "plan-control-character-field": {
        "uk": (
            "У назві поля «{field}» є невидимий керівний символ ({character}): книга XLSX, яку пишуть "
            "build і publish, не приймає такого заголовка.",
            "Видаліть символ із назви поля в текстовому редакторі (у таблиці його не видно), і в схемі "
            "таблиці, і в рядку заголовків.",
        ),
        "en": (
            "The name of field «{field}» holds an invisible control character ({character}): the XLSX "
            "workbook that build and publish write refuses such a header.",
            "Delete the character from the field's name in a text editor (a spreadsheet does not show "
            "it), in the table's schema and in the header row.",
        ),
    },
    "plan-field-missing": {
        "uk": (
            "У схемі таблиці плану немає поля «{field}»: з нього build, report і publish будують план, "
            "тож без нього вони не спрацюють.",
            "Поверніть поле «{field}» (тип «{type}») у схему таблиці й у рядок заголовків {path}, як у "
            "схемі, яку пише opendata import-plan. Власні поля додавайте поруч, під іншими назвами.",
        ),
        "en": (
            "The plan table's schema has no field «{field}»: build, report and publish make the plan "
            "from it, and cannot work without it.",
            "Put field «{field}» (type «{type}») back into the table's schema and the header row of "
            "{path}, as in the schema opendata import-plan writes. Add fields of your own beside it, "
            "under other names.",
        ),
    },
    "plan-field-missing:renamed": {
        "uk": (
            "У схемі таблиці плану немає поля «{field}», а на його місці стоїть «{renamed}»: з поля "
            "«{field}» build, report і publish будують план, тож без нього вони не спрацюють.",
            "Поверніть полю «{renamed}» назву «{field}» у схемі таблиці й у рядку заголовків {path}. "
            "Власні поля додавайте поруч, під іншими назвами.",
        ),
        "en": (
            "The plan table's schema has no field «{field}», and «{renamed}» stands in its place: build, "
            "report and publish make the plan from field «{field}», and cannot work without it.",
            "Give field «{renamed}» its name «{field}» back, in the table's schema and the header row "
            "of {path}. Add fields of your own beside it, under other names.",
        ),
    },
    "plan-field-type": {
        "uk": (
            "Поле «{field}» таблиці плану має в схемі тип «{actual}», а build, report і publish читають "
            "його як «{type}» і з іншим типом не спрацюють.",
            'Поверніть полю «{field}» у схемі таблиці тип «{type}» ("type": "{type}"), як у схемі, '
            "яку пише opendata import-plan.",
        ),
        "en": (
            "Field «{field}» of the plan table has type «{actual}» in its schema, but build, report "
            "and publish read it as «{type}», and cannot work with another type.",
            'Give field «{field}» type «{type}» back in the table\'s schema ("type": "{type}"), as '
            "in the schema opendata import-plan writes.",
        ),
    },
    "plan-done-without-evidence": {
        "uk": (
            "Звіт «{report_id}» позначено як виконаний, але без посилання на підтвердження.",
            "Додайте evidence_url — посилання на публікацію чи документ.",
        ),
        "en": (
            "Report «{report_id}» is marked done but has no evidence link.",
            "Add evidence_url — a link to the publication or document.",
        ),
    },
}

# A row whose cells the file's separator does not divide as the header (`validate`):
# pasted with another table's separator, or with the file's own inside a text.  One
# message each, the separator named in each language: (by it, it).
SEPARATOR_NAMES = {
    "tab": {"uk": ("табуляцією", "табуляцію"), "en": ("tabs", "a tab")},
    "semicolon": {"uk": ("крапкою з комою", "крапку з комою"), "en": ("semicolons", "a semicolon")},
    "comma": {"uk": ("комами", "кому"), "en": ("commas", "a comma")},
    "pipe": {"uk": ("вертикальною рискою", "вертикальну риску"), "en": ("vertical bars", "a vertical bar")},
}
ROW_SEPARATOR_MESSAGES = {
    "pasted-row": {
        "uk": (
            "Клітинки рядка розділено {by_separator} (мабуть, його вставлено з іншої таблиці чи "
            "текстового редактора), тож увесь рядок потрапив у поле «{field}», а решти клітинок "
            "бракує: помилки в цьому рядку далі — наслідок цього.",
            "Вставте рядок ще раз по клітинці на значення (у LibreOffice чи Excel — «Дані → Текст за "
            "стовпцями») і збережіть файл як «CSV UTF-8».",
        ),
        "en": (
            "The row's cells are separated by {by_separator} (it was probably pasted from another "
            "table or a text editor), so the whole row went into field «{field}» and its other cells "
            "are missing: the errors in this row below follow from it.",
            "Paste the row again with one value per cell (in LibreOffice or Excel: Data → Text to "
            "Columns) and save the file as «CSV UTF-8».",
        ),
    },
    "split-row": {
        "uk": (
            "У рядку більше клітинок, ніж стовпців: мабуть, текст однієї з клітинок містить "
            "{separator} без лапок і розділився на дві, тож значення після нього зсунулися: "
            "помилки в цьому рядку далі — наслідок цього.",
            'Візьміть такий текст у лапки ("…") або приберіть із нього {separator}; таблиця, що '
            "зберігає файл як «CSV UTF-8», ставить лапки сама.",
        ),
        "en": (
            "The row has more cells than the header has columns: the text of one of its cells "
            "probably holds {separator} without quotes and was split in two, so the values after it "
            "moved: the errors in this row below follow from it.",
            'Put that text in quotes ("…") or take {separator} out of it; a spreadsheet saving the '
            "file as «CSV UTF-8» adds the quotes itself.",
        ),
    },
}
CATALOG.update(
    {
        f"{code}:{variant}": {
            lang: tuple(
                text.replace("{by_separator}", names[lang][0]).replace("{separator}", names[lang][1])
                for text in texts
            )
            for lang, texts in languages.items()
        }
        for code, languages in ROW_SEPARATOR_MESSAGES.items()
        for variant, names in SEPARATOR_NAMES.items()
    }
)


# what a file saved in place of a CSV is (text.binary_kind), for "binary-file"
FILE_KINDS = {
    "uk": {
        "zip": "книга Excel або інший zip-архів (XLSX, ODS)",
        "ole": "книга Excel старого формату (XLS)",
        "pdf": "документ PDF",
        "gzip": "архів gzip",
    },
    "en": {
        "zip": "an Excel workbook or another zip archive (XLSX, ODS)",
        "ole": "an Excel workbook in the old format (XLS)",
        "pdf": "a PDF document",
        "gzip": "a gzip archive",
    },
}


def render(code: str, lang: str, params: dict) -> tuple[str, str]:
    """(message, fix) for a problem; unknown parameters render as "?"."""
    entry = CATALOG.get(code) or CATALOG["error"]
    message, fix = entry.get(lang) or entry["en"]
    safe = _Defaulting(params)
    return message.format_map(safe), fix.format_map(safe)


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return "?"


# Frictionless' reasons why a descriptor is not valid, in English only: their patterns
# and what they say in Ukrainian ("at" is where in the descriptor; JSON Schema's words)
_AT = r"(?: at property '(?P<at>[^']*)')?"
DESCRIPTOR_REASONS = (
    (r"'(?P<name>[^']*)' is a required property", "немає обов'язкової властивості «{name}»"),
    (r'field type "(?P<field_type>[^"]*)" is not supported', "тип поля «{field_type}» не підтримується"),
    (r"(?P<value>.+) is not of type '(?P<type>\w+)'" + _AT, "{at}{value} має бути {type}"),
    (r"(?P<value>.+) is not one of (?P<allowed>\[.*\])" + _AT, "{at}{value} — не одне з {allowed}"),
    (
        r"(?P<value>.+) is not valid under any of the given schemas" + _AT,
        "{at}значення {value} має неприпустимий вигляд",
    ),
    (
        r'(?P<kind>primary|foreign) key "(?P<key>.*)" does not match the fields "(?P<fields>.*)"',
        "{kind} ключ {key} називає поля, яких немає серед {fields}",
    ),
    (
        r'one of the properties "(?P<a>\w+)" or "(?P<b>\w+)" is required',
        "потрібна одна з властивостей «{a}» чи «{b}»",
    ),
    (r'constraint "(?P<name>\w+)" requires datapackage v2', "обмеження «{name}» потребує Data Package v2"),
    (
        r'constraint "(?P<name>\w+)" is not supported by type "(?P<declared>\w+)"',
        "обмеження «{name}» не стосується типу «{declared}»",
    ),
)
JSON_TYPES_UK = {
    "array": "списком",
    "object": "об'єктом",
    "string": "текстом у лапках",
    "integer": "цілим числом",
    "number": "числом",
    "boolean": "true чи false",
}
KEY_KINDS_UK = {"primary": "первинний", "foreign": "зовнішній"}
DID_YOU_MEAN = {"uk": " (імовірно, «{value}»)", "en": " (probably «{value}»)"}


def descriptor_reason(reason: str, lang: str) -> str:
    """One of Frictionless' reasons why a descriptor is not valid, in ``lang``, with the
    value probably meant where a type or an allowed word is misspelt ("integr")."""
    found = _matching(DESCRIPTOR_REASONS, reason)
    if found is None:
        return reason
    ukrainian, parts = found
    misspelt, choices = parts.get("value"), _listed(parts.get("allowed"))
    if parts.get("field_type"):
        misspelt, choices = parts["field_type"], _field_types()
    if lang == "uk":
        parts["at"] = f"«{parts['at']}»: " if parts.get("at") else ""
        parts["type"] = JSON_TYPES_UK.get(parts.get("type") or "", parts.get("type"))
        parts["kind"] = KEY_KINDS_UK.get(parts.get("kind") or "", parts.get("kind"))
        reason = ukrainian.format(**parts)
    return reason + probably(choices, (misspelt or "").strip("'\""), lang)


def probably(choices: tuple[str, ...], written: str, lang: str) -> str:
    """ " (імовірно, «email»)" after a word written for one of CHOICES, or nothing."""
    from opendata.suggest import allowed_value

    meant = allowed_value(choices, written) if written and choices else None
    return DID_YOU_MEAN[lang].format(value=meant) if meant else ""


def _matching(patterns: tuple[tuple[str, str], ...], text: str) -> tuple[str, dict] | None:
    """The Ukrainian of the first pattern ``text`` matches whole, and its named parts."""
    for pattern, ukrainian in patterns:
        found = re.fullmatch(pattern, text, flags=re.DOTALL)
        if found is not None:
            return ukrainian, found.groupdict()
    return None


# why the fast engine left a table to Frictionless (``engine.UnsupportedSchema``, in
# English for the JSON report), as the text report says it in Ukrainian
FALLBACK_REASONS = (
    (
        r"header has (?P<labels>\d+) labels? but schema has (?P<fields>\d+) fields?",
        "стовпців у заголовку — {labels}, а полів у схемі — {fields}",
    ),
    (
        r'field "(?P<name>.*)" has unsupported type "(?P<type>.*)"',
        "швидкий рушій не читає тип «{type}» поля «{name}»",
    ),
    (
        r'field "(?P<name>.*)": constraint "(?P<constraint>.*)" unsupported',
        "швидкий рушій не перевіряє обмеження «{constraint}» поля «{name}»",
    ),
    (
        r'field "(?P<name>.*)": missingValues without ""',
        "missingValues поля «{name}» не мають порожнього рядка",
    ),
    (r'schema: missingValues without ""', "missingValues схеми не мають порожнього рядка"),
    (
        r"compression '(?P<compression>.*)' not supported",
        "стиснений файл («{compression}») швидкий рушій не читає",
    ),
    (r"format '(?P<format>.*)' not supported", "формат «{format}» швидкий рушій не читає"),
    (r"inline or multipart data", "дані записано в самому описі чи в кількох файлах"),
    (r"remote path", "файл лежить за адресою в мережі"),
    (r"path is not a local file", "шлях веде не до локального файлу"),
    (r"dialect: no header row \(header: false\)", "у діалекті немає рядка заголовка (header: false)"),
    (r"dialect: only a single header row, no comments", "діалект має кілька рядків заголовка чи коментарі"),
    (
        r"dialect: escapeChar/nullSequence/skipInitialSpace",
        "діалект має escapeChar, nullSequence чи skipInitialSpace",
    ),
    (r"primary key field missing from the header", "поля первинного ключа немає в заголовку"),
    (
        r'foreign key resource "(?P<resource>.*)" does not exist',
        "таблиці «{resource}» із зовнішнього ключа немає",
    ),
    (r"foreign key reference fields missing", "полів, на які посилається зовнішній ключ, немає"),
    (
        r'foreign key compares (?P<type>\w+) "(?P<field>.*)" with (?P<other_type>\w+) "(?P<other>.*)"',
        "зовнішній ключ порівнює поле «{field}» типу {type} з полем «{other}» типу {other_type}: "
        "значення різних типів ніколи не збігаються, тож зробіть обидва поля одного типу",
    ),
    (
        r"foreign key to another resource without a package",
        "зовнішній ключ посилається на іншу таблицю, а пакета даних немає",
    ),
    (r"fieldsMatch (?P<mode>.*)", "fieldsMatch «{mode}» (швидкий рушій перевіряє лише точну відповідність)"),
    (r"no key for type (?P<type>.*)", "ключ із поля типу «{type}»"),
    (r"more than 2\*\*32 rows with key fields", "понад 4 294 967 296 рядків із ключами"),
    (r"the fast reader could not parse the file: (?P<detail>.*)", "швидкий рушій не прочитав файл: {detail}"),
    (
        r"frictionless could not open the resource: (?P<detail>.*)",
        "швидкий рушій не відкрив ресурс: {detail}",
    ),
)


def fallback_reason(reason: str, lang: str) -> str:
    """Why the fast engine left a table to Frictionless, in ``lang`` (English as given
    where no pattern matches); a reason that is the table's foreign key target's names
    that table, not the one checked."""
    target = re.fullmatch(r'foreign key resource "(?P<resource>.*)": (?P<why>.*)', reason)
    if target and lang == "uk":
        why = fallback_reason(target.group("why"), lang)
        return f"зовнішній ключ посилається на таблицю «{target.group('resource')}», а в ній {why}"
    return _said_in(lang, FALLBACK_REASONS, reason)


# why Python's json module could not read a file (its words: "Expecting value")
JSON_REASONS = (
    (r"Expecting value", "очікувалося значення"),
    (
        r"Expecting property name enclosed in double quotes",
        "очікувалася назва властивості в подвійних лапках",
    ),
    (r"Expecting ',' delimiter", "бракує коми"),
    (r"Expecting ':' delimiter", "бракує двокрапки після назви властивості"),
    (r"Extra data", "після кінця JSON є ще щось"),
    (r"Unterminated string starting at", "лапки рядка не закрито"),
    (r"Invalid control character at", "недозволений керівний символ у рядку"),
    (r"Invalid \\.*escape.*", "неправильна послідовність після «\\»"),
    (r"not UTF-8", "файл не в кодуванні UTF-8"),
)


def json_reason(reason: str, lang: str) -> str:
    """Why a JSON file could not be read, in ``lang`` (English as given where no
    pattern matches)."""
    return _said_in(lang, JSON_REASONS, reason)


# why click refused a path given to an option (its words: "Directory 'x' is a file")
PATH_REASONS = (
    (r"(?:File|Directory|Path) '(?P<path>.*)' does not exist", "«{path}» не існує"),
    (r"Directory '(?P<path>.*)' is a file", "«{path}» — це файл, а потрібна папка"),
    (r"File '(?P<path>.*)' is a directory", "«{path}» — це папка, а потрібен файл"),
    (r"(?:File|Directory|Path) '(?P<path>.*)' is not readable", "«{path}» не можна прочитати"),
    (r"(?:File|Directory|Path) '(?P<path>.*)' is not writable", "у «{path}» не можна записувати"),
)


def path_reason(reason: str, lang: str) -> str:
    """Why click refused a path, in ``lang`` (English as given where no pattern matches)."""
    return _said_in(lang, PATH_REASONS, reason)


def _said_in(lang: str, patterns: tuple[tuple[str, str], ...], reason: str) -> str:
    found = _matching(patterns, reason) if lang == "uk" else None
    return found[0].format(**found[1]) if found else reason


def _field_types() -> tuple[str, ...]:
    """The field types Frictionless knows, found as it finds them (the ``type`` of the
    classes in ``frictionless.fields``): what its "is not supported" is measured by."""
    import frictionless.fields

    classes = [c for c in vars(frictionless.fields).values() if isinstance(c, type)]
    return tuple(t for c in classes if isinstance(t := vars(c).get("type"), str))


def _listed(text: str | None) -> tuple[str, ...]:
    """The allowed values JSON Schema lists as a Python list ("['default', 'email']")."""
    import ast

    try:
        values = ast.literal_eval(text) if text else ()
    except (ValueError, SyntaxError):
        return ()
    return tuple(str(value) for value in values) if isinstance(values, list) else ()


@functools.lru_cache(maxsize=512)  # once per field, not per error
def type_phrase(
    lang: str,
    field_type: str,
    field_format: str | None,
    *,
    in_fix: bool = False,
    booleans: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
    delimiter: str = ",",
    item_type: str | None = None,
) -> str:
    """The name of a field's type (its format, when named) for "is not …", or for a fix;
    a boolean's with its first true and false values ("так/ні", by default "true/false"),
    a geopoint's, a JSON's or a duration's with the form to write (a list's: with its
    ``delimiter`` and its items' type, «1;x» being a list all the same): «не є geopoint»
    taught nothing."""
    formats = (FORMAT_NAMES_IN_FIX if in_fix else FORMAT_NAMES)[lang]
    if field_format and field_format in formats:
        return formats[field_format]
    name = (TYPE_NAMES_IN_FIX if in_fix else TYPE_NAMES)[lang].get(field_type, field_type)
    if field_type == "boolean":
        true_values, false_values = booleans or (("true",), ("false",))
        return name.format(
            true=true_values[0] if true_values else "", false=false_values[0] if false_values else ""
        )
    if field_type == "geopoint":
        forms = GEOPOINT_FORMS[lang]
        return name.format(geopoint=forms.get(field_format or "default", forms["default"]))
    if field_type == "list":
        items = LIST_ITEMS[lang].get(item_type or "string", LIST_ITEMS[lang]["string"])
        example = delimiter.join(LIST_EXAMPLES.get(item_type or "", ("1", "2")))
        return name.format(delimiter=delimiter, items=items, example=example)
    if field_type not in DEFAULT_PATTERNS or field_format == "any":
        return name
    pattern = DEFAULT_PATTERNS[field_type] if field_format in (None, "", "default") else field_format
    return f"{name} ({pattern_words(pattern, lang)})"


def pattern_words(pattern: str, lang: str) -> str:
    """A strptime pattern as people write it: «%d.%m.%Y» as «ДД.ММ.РРРР»."""
    letters = PATTERN_LETTERS[lang]
    return re.sub(r"%(.)", lambda m: letters.get(m.group(1), m.group(0)), pattern)


# a constraint's bound or allowed value its field cannot read (validate._unreadable_bounds)
CONSTRAINT_WORDS = {
    "uk": {
        "minimum": "мінімум",
        "maximum": "максимум",
        "exclusiveMinimum": "строгий мінімум (exclusiveMinimum)",
        "exclusiveMaximum": "строгий максимум (exclusiveMaximum)",
        "enum": "дозволене значення (enum)",
    },
    "en": {
        "minimum": "the minimum",
        "maximum": "the maximum",
        "exclusiveMinimum": "the exclusive minimum",
        "exclusiveMaximum": "the exclusive maximum",
        "enum": "the allowed value (enum)",
    },
}
BOUND_REASON = {
    "uk": ("{constraint} «{value}» поля «{field}» не є {expected}", " (десятковий знак «{mark}»)"),
    "en": ("{constraint} «{value}» of field «{field}» is not {expected}", " (decimal mark «{mark}»)"),
}


def bound_reason(bound: dict, lang: str) -> str:
    """«мінімум «2024-01-01» поля «d» не є датою (ДД.ММ.РРРР)»: a bound its field cannot read."""
    reason, decimal = BOUND_REASON[lang]
    words = CONSTRAINT_WORDS[lang].get(bound["constraint"], bound["constraint"])
    expected = type_phrase(lang, bound["field_type"], bound.get("field_format"))
    mark = bound.get("decimal_char", ".")
    text = reason.format(constraint=words, value=bound["value"], field=bound["field"], expected=expected)
    return text + (decimal.format(mark=mark) if mark != "." else "")


# a key's part that is empty, as a key's values name it: «(порожньо), z»
EMPTY_PART = {"uk": "(порожньо)", "en": "(empty)"}


def key_values(parts: tuple[str | None, ...], lang: str) -> str:
    """A primary key's values as its messages quote them, one by one, as a foreign key's
    are: a value may hold «, » itself («вул. Франка, 7», «1,5»). An empty one is named:
    Python's «None» read as if someone had typed it."""
    return ", ".join(EMPTY_PART[lang] if part is None else f"«{part}»" for part in parts)


def number(value: int, lang: str) -> str:
    """A count as the language writes it (CLDR rules, via Babel): "1 050 000" in Ukrainian
    (no-break spaces), "1,050,000" in English."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=lang)


# a month and how many days it has: «у вересні 30 днів»; February's count needs its year
MONTH_DAYS = {
    "uk": {
        "names": (
            *("січні", "лютому", "березні", "квітні", "травні", "червні"),
            *("липні", "серпні", "вересні", "жовтні", "листопаді", "грудні"),
        ),
        "days": "у {month} {days}",
        "february": "{month} {year} року",
    },
    "en": {
        "names": (
            *("January", "February", "March", "April", "May", "June"),
            *("July", "August", "September", "October", "November", "December"),
        ),
        "days": "{month} has {days}",
        "february": "{month} {year}",
    },
}


def month_days(year: int, month: int, lang: str) -> str:
    """How many days a month has, for a date's day it does not: «у вересні 30 днів», «у
    лютому 2021 року 28 днів»; "September has 30 days"."""
    words = MONTH_DAYS[lang]
    name = words["names"][month - 1]
    if month == 2:
        name = words["february"].format(month=name, year=year)
    return words["days"].format(month=name, days=counted(calendar.monthrange(year, month)[1], lang, "days"))


# the neuter ordinal's ending after its digits, by the numeral's last word: «1-ше», «3-тє»,
# «7-ме», «40-ве», «1000-не»; any other, «-те» (п'яте, десяте, двадцяте, соте)
ORDINAL_ENDINGS = {1: "ше", 2: "ге", 3: "тє", 7: "ме", 8: "ме"}
ENGLISH_ORDINAL_ENDINGS = {1: "st", 2: "nd", 3: "rd"}


def neuter_ordinal(value: int, lang: str) -> str:
    """«2-ге» (місце), as Ukrainian writes an ordinal in digits; "2nd" in English."""
    teen = 10 <= value % 100 < 20
    if lang == "en":
        return f"{value}{'th' if teen else ENGLISH_ORDINAL_ENDINGS.get(value % 10, 'th')}"
    if value == 0 or value % 100 == 40:
        ending = "ве"  # нульове, сорокове
    elif value % 1000 == 0:
        ending = "не"  # тисячне
    else:
        ending = "те" if teen else ORDINAL_ENDINGS.get(value % 10, "те")
    return f"{value}-{ending}"


@functools.lru_cache(maxsize=1024)  # Babel takes ~20 µs; a length limit is counted per error
def counted(value: int, lang: str, noun: str) -> str:
    """The count and the noun in the form it takes: "1 рядок", "3 рядки", "5 рядків"."""
    return f"{number(value, lang)} {noun_form(value, lang, noun)}"


def noun_form(value: int, lang: str, noun: str) -> str:
    """The noun in the form the count takes, for a count shown apart (a report's card)."""
    from babel import Locale

    forms = NOUNS[lang][noun]
    return forms.get(Locale.parse(lang).plural_form(value), forms["other"])


# Nouns that follow a count, by CLDR plural category (Ukrainian: one, few, many; a
# fraction takes "other").
NOUNS = {
    "uk": {
        "rows": {"one": "рядок", "few": "рядки", "many": "рядків", "other": "рядка"},
        "errors": {"one": "помилка", "few": "помилки", "many": "помилок", "other": "помилки"},
        # after "після" (genitive): "після 1 помилки", "після 2 помилок"
        "warnings": {"one": "попередження", "many": "попереджень", "other": "попередження"},
        "datasets": {"one": "набір", "few": "набори", "many": "наборів", "other": "набору"},
        "points": {"one": "бал", "few": "бали", "many": "балів", "other": "бала"},
        "links": {"one": "посилання", "many": "посилань", "other": "посилання"},
        "files": {"one": "файл", "few": "файли", "many": "файлів", "other": "файлу"},
        "resources": {"one": "ресурс", "few": "ресурси", "many": "ресурсів", "other": "ресурсу"},
        "findings": {"one": "зауваження", "many": "зауважень", "other": "зауваження"},
        "characters": {"one": "символ", "few": "символи", "many": "символів", "other": "символу"},
        # after "до" (genitive): "до 1 символу", "до 5 символів"
        "characters_after_to": {"one": "символу", "many": "символів", "few": "символів", "other": "символу"},
        "items": {"one": "елемент", "few": "елементи", "many": "елементів", "other": "елемента"},
        # after "до" (genitive): "до 1 елемента", "до 5 елементів"
        "items_after_to": {"one": "елемента", "few": "елементів", "many": "елементів", "other": "елемента"},
        "times": {"one": "раз", "few": "рази", "many": "разів", "other": "раза"},
        "days": {"one": "день", "few": "дні", "many": "днів", "other": "дня"},
        "campaigns": {"one": "кампанія", "few": "кампанії", "many": "кампаній", "other": "кампанії"},
        "tasks": {"one": "завдання", "many": "завдань", "other": "завдання"},
        # after "із" (genitive): "із 21 завдання", "із 35 завдань"
        "tasks_after_from": {"one": "завдання", "few": "завдань", "many": "завдань", "other": "завдання"},
        "people": {"one": "особа", "few": "особи", "many": "осіб", "other": "особи"},
        "roles": {"one": "роль", "few": "ролі", "many": "ролей", "other": "ролі"},
        "lines": {"one": "рядок", "few": "рядки", "many": "рядків", "other": "рядка"},
        "tips": {"one": "порада", "few": "поради", "many": "порад", "other": "поради"},
        # the audit report's summary cards
        "overdue_datasets": {
            "one": "прострочений набір",
            "few": "прострочені набори",
            "many": "прострочених наборів",
            "other": "простроченого набору",
        },
        "broken_links": {
            "one": "непрацююче посилання",
            "few": "непрацюючі посилання",
            "many": "непрацюючих посилань",
            "other": "непрацюючого посилання",
        },
        "invalid_tables": {
            "one": "таблиця з помилками",
            "few": "таблиці з помилками",
            "many": "таблиць з помилками",
            "other": "таблиці з помилками",
        },
        "complete_passports": {
            "one": "набір з повним паспортом",
            "few": "набори з повним паспортом",
            "many": "наборів з повним паспортом",
            "other": "набору з повним паспортом",
        },
        # the plan page's totals
        "execution_records": {
            "one": "запис про виконання",
            "few": "записи про виконання",
            "many": "записів про виконання",
            "other": "запису про виконання",
        },
    },
    "en": {
        "rows": {"one": "row", "other": "rows"},
        "errors": {"one": "error", "other": "errors"},
        "warnings": {"one": "warning", "other": "warnings"},
        "datasets": {"one": "dataset", "other": "datasets"},
        "points": {"one": "point", "other": "points"},
        "links": {"one": "link", "other": "links"},
        "files": {"one": "file", "other": "files"},
        "resources": {"one": "resource", "other": "resources"},
        "findings": {"one": "finding", "other": "findings"},
        "characters": {"one": "character", "other": "characters"},
        "characters_after_to": {"one": "character", "other": "characters"},
        "items": {"one": "item", "other": "items"},
        "items_after_to": {"one": "item", "other": "items"},
        "times": {"one": "time", "other": "times"},
        "days": {"one": "day", "other": "days"},
        "campaigns": {"one": "campaign", "other": "campaigns"},
        "tasks": {"one": "task", "other": "tasks"},
        "tasks_after_from": {"one": "task", "other": "tasks"},
        "people": {"one": "person", "other": "people"},
        "roles": {"one": "role", "other": "roles"},
        "lines": {"one": "line", "other": "lines"},
        "tips": {"one": "tip", "other": "tips"},
        "overdue_datasets": {"one": "overdue dataset", "other": "overdue datasets"},
        "broken_links": {"one": "broken link", "other": "broken links"},
        "invalid_tables": {"one": "table with errors", "other": "tables with errors"},
        "complete_passports": {
            "one": "dataset with a complete passport",
            "other": "datasets with a complete passport",
        },
        "execution_records": {"one": "execution record", "other": "execution records"},
    },
}


# Terminal headings.
UI = {
    "uk": {
        "valid": "Дані коректні.",
        "invalid": "Знайдено помилки.",
        "row": "рядок",
        "row_in_part": "рядок {row} файлу {path}",  # of a multipart table
        "field": "поле",
        "fix": "Як виправити",
        "warning": "попередження",
        "error": "помилка",
        "checked": "Перевірено",
        "unreadable": "Нічого не вдалося прочитати.",
        "engine_reference": "засобами Frictionless",
        "because": ", бо ",
        "crawl_stage": "Набори",
        "audit_what": "вкажіть портал (--portal URL, змінна OPENDATA_PORTAL чи url у файлі налаштувань) "
        "або файл --dump ФАЙЛ",
        "links_stage": "Посилання",
        "audit_no_score": "— (не знайдено жодного набору)",
        "header": "заголовок",
        "per_second": "{count}/с",
        "bytes": "Б",
        "more": "…і ще {count} у цьому файлі, за полем і видом (приклад — перший такий рядок серед них):",
        "stopped": "у звіті лише {errors} цієї таблиці, з її початку (--limit-errors); інші перевірки "
        "виконано повністю",
        "limited": "(не всі: помилки таблиць у звіті обмежено --limit-errors)",
        "shown": "Повністю показано по {show} з кожного файлу; усі по одній: {command} --show 0 (або --format json).",
    },
    "en": {
        "valid": "The data is valid.",
        "invalid": "Problems found.",
        "row": "row",
        "row_in_part": "row {row} of {path}",
        "field": "field",
        "fix": "Fix",
        "warning": "warning",
        "error": "error",
        "checked": "Checked",
        "unreadable": "Nothing could be read.",
        "engine_reference": "by Frictionless",
        "because": ": ",
        "crawl_stage": "Datasets",
        "audit_what": "give the portal (--portal URL, the variable OPENDATA_PORTAL or url in the config file) "
        "or a --dump FILE",
        "links_stage": "Links",
        "audit_no_score": "— (no dataset found)",
        "header": "header",
        "per_second": "{count}/s",
        "bytes": "B",
        "more": "…and {count} more in this file, by field and kind (the example is the first such row of them):",
        "stopped": "the report lists only {errors} of this table, from its start (--limit-errors); the other "
        "checks ran in full",
        "limited": "(not all of them: --limit-errors cut the tables' errors)",
        "shown": "Shown in full: {show} per file; every one: {command} --show 0 (or --format json).",
    },
}


# `opendata import-plan`.
PERIOD_FORMS = "«ІІ-IV квартали 2021 року», «IV квартал 2022 року», «ІІ півріччя 2022 року», «на 2022 рік»"
IMPORT_UI = {
    "uk": {
        "missing": "Файлу «{source}» немає (або це папка).",
        "cannot": "Не вдалося імпортувати «{source}»: {reason}.",
        "read_as": "«{source}» збережено в кодуванні {encoding}: прочитано його, копію в пакеті записано в UTF-8.",
        "summary": "{out}: {campaigns}, {tasks}, {people}, {roles}",
        "unplaced_line": "рядок {line}: {reason}: «{text}»",
        "unplaced": "Не вдалося розмістити {lines}; таблиці можуть бути неповні.",
        "edited": "Змінено вручну після попереднього імпорту (новий імпорт скасував би ці зміни): "
        "{files}. Нічого не записано. Щоб усе ж переписати з рішення (зміни буде втрачено), "
        "запустіть команду з --force; збережіть спершу копію, якщо зміни потрібні.",
        "unknown": "Не те, що запише імпорт: {files}. Запису попереднього імпорту "
        "(sources/imported-files.json) у пакеті немає, тож невідомо, чи це зміни вручну. Нічого "
        "не записано. Якщо змін вручну немає (або вони не потрібні), запустіть команду з --force.",
        "other_package": "У «{out}» уже є інший пакет даних — «{held}», а з цього рішення вийде «{name}»: "
        "імпорт замінив би його. Нічого не записано. Вкажіть іншу папку (--out) або, щоб замінити пакет, "
        "запустіть команду з --force (progress_reports.csv із записами про виконання лишиться як є).",
        "other_plan": "У «{out}» уже є пакет даних іншого плану — «{held}» на {held_period}, а це рішення — "
        "план на {period}: імпорт замінив би його. Нічого не записано. Вкажіть для цього плану іншу папку "
        "(--out) або, якщо це справді той самий план із новим періодом, запустіть команду з --force "
        "(progress_reports.csv із записами про виконання лишиться як є).",
        "invalid": "Після імпорту пакет має помилки ({count}): {command} покаже, які саме ({cause}).",
        "invalid_causes": {
            "reports": "найчастіше це звіти про завдання чи осіб, яких у новому плані немає",
            "fields": "серед них поля рішення, яких імпорт не зміг заповнити, — їх названо вище",
        },
        "errors": {
            "not-text": "це не текст: ні UTF-8, ні відоме кодування кирилиці",
            "not-utf8": "це не текст UTF-8 (схоже на {detected}); збережіть його як «Текст у кодуванні UTF-8»",
            "no-plan": "немає рядка «ПЛАН», з якого починається план",
            "no-title": "немає назви рішення («Про затвердження …»)",
            "no-period": "у назві рішення («{title}») немає періоду плану; допишіть його в текст рішення "
            f"однією з форм, які імпорт читає ({PERIOD_FORMS}), та імпортуйте знову",
            "period-unread": "період плану в назві рішення, «{words}», імпорт не читає: він читає "
            f"{PERIOD_FORMS}. Якщо це той самий період, записаний інакше, запишіть його в тексті рішення "
            "однією з цих форм та імпортуйте знову; план на інший строк (як-от на два роки) не імпортується",
            "document": "це {kind_words}, а не текст; відкрийте рішення у Word чи LibreOffice і збережіть "
            "як «Звичайний текст» (.txt) у кодуванні UTF-8",
        },
        "document_kinds": {
            "zip": "документ Word чи інший zip-архів (DOCX, ODT)",
            "ole": "документ Word старого формату (DOC)",
            "pdf": "документ PDF",
            "gzip": "архів gzip (спершу розпакуйте його)",
        },
        "notes": {
            "not-found": "У тексті рішення не знайдено поля {field} ({what}): у decision.csv воно "
            "порожнє.{effect}",
            "no-department": "Під планом не знайдено підпису відділу, що підготував рішення («Начальник "
            "відділу … Ім'я ПРІЗВИЩЕ»): видавцем (publisher) у datapackage.json названо «{publisher}». "
            "Щоб назвати відділ, допишіть його підпис у текст рішення й імпортуйте знову.",
            "adopted-without": "Рішення не позначено як проєкт, але його поля {field} ({what}) у тексті "
            "не знайдено: у decision.csv воно порожнє, і validate рахує це помилкою. Допишіть його в текст "
            "рішення над назвою (рядок {line}) та імпортуйте знову; а якщо це проєкт, допишіть першим рядком «ПРОЄКТ».",
            "number-partly-read": "Рядок {line}: з номера рішення «{written}» прочитано лише «{number}» "
            "(поле number у decision.csv), решти імпорт не читає. Якщо номер інший, запишіть його в тексті "
            "рішення цифрами й літерами, розділеними «/» чи дефісом «-» (як-от «45-3», «123-VIII»), та "
            "імпортуйте знову.",
            "impossible-date": "Рядок {line}: дати «{text}» немає в календарі, тож поле {field} у decision.csv "
            "порожнє. Виправте дату в тексті рішення та імпортуйте знову.",
            "signatory-unread": "Рядок {line} під «{head}» не схожий на ім'я підписанта («Ім'я ПРІЗВИЩЕ»): "
            "«{text}»; поле signatory_name у decision.csv порожнє.",
            "no-english-titles": "Немає англійської назви кампаній (номери: {numerals}): поле title_en у "
            "campaigns.csv порожнє. Допишіть назви в campaigns.csv після імпорту: наступний імпорт "
            "цього зміненого вручну файлу не перепише (зупиниться й назве його), а з --force перепише "
            "й назви буде втрачено.",
            "campaign-without-tasks": "Рядок {line}: під кампанією {numeral} («{title}») у тексті рішення "
            "немає жодного завдання, тож у tasks.csv її завдань немає, а звіт report і сторінка build "
            "покажуть її без завдань. Якщо в рішенні вони є, допишіть їх у текст рядками таблиці плану "
            "(номер, завдання, керівник, виконавець) під її заголовком та імпортуйте знову.",
            "table-resaved": "{file} збережено таблицею в іншому вигляді (кодування, як-от windows-1251, "
            "розділювач, кінці рядків чи написання значень, як-от TRUE замість true), але його рядки ті самі, "
            "що записав імпорт: файл переписано у вигляді пакета (UTF-8 без BOM, коми, LF), нічого не втрачено.",
            "position-unknown": "Посади {person} у тексті рішення не розпізнано («{words}»): поля "
            "position_uk і position_en у people.csv порожні. Допишіть посаду в people.csv після імпорту "
            "(наступний імпорт цього зміненого вручну файлу не перепише, а з --force перепише).",
            "signer-undecided": "«{signer}» підписує як «{position}», але так можуть звати кількох із плану: "
            "{people}; хто з них підписує, невідомо, тож посади в people.csv (position_uk, position_en) не "
            "записано нікому з них ({ids}). Допишіть її тому, хто підписує, у people.csv після імпорту "
            "(наступний імпорт цього зміненого вручну файлу не перепише, а з --force перепише).",
            "initials-differ": "«{short}» (завдання: {tasks}) і «{full}» — мабуть, та сама особа, але "
            "ініціали записано по-різному, тож у people.csv це дві особи: {short_id} і {full_id}. Якщо це "
            "одна особа, допишіть ініціали повністю в тексті рішення (завдання: {tasks}) та імпортуйте знову.",
        },
        "fields": {
            "city": "«м. Коломия», «смт …» чи «с. …»",
            "issuing_body": "«виконавчого комітету … міської ради» чи шапка «… МІСЬКА РАДА» над "
            "«Виконавчий комітет»",
            "signatory_name": "«Міський голова», «Селищний голова» чи «Сільський голова» та ім'я",
            "date": "«від 14.10.2022» чи «від 14 жовтня 2022 року»",
            "number": "«№ 187»",
        },
        # what a field not found means for datapackage.json, after the note "not-found"
        "effects": {
            "city": " Тож назва пакета й ключові слова в datapackage.json без міста, і на порталі пакет "
            "легко сплутати з планом іншої громади: допишіть у текст рішення «м. Назва» (чи «смт …», "
            "«с. …») та імпортуйте знову.",
            "issuing_body": " Тож заголовок, опис, автор і видавець пакета в datapackage.json без назви "
            "ради: допишіть її в текст рішення («виконавчого комітету … міської ради») та імпортуйте знову.",
        },
        "reasons": {
            "bad-numeral": "номер кампанії — не римське число",
            "before-first-campaign": "текст перед першою кампанією",
            "outside-task": "текст поза рядками завдань",
            "beyond-executor": "клітинка після «Виконавець» у завданні {task}",
            "surname-without-initials": "прізвище без ініціалів",
            "not-a-name": "не ім'я («Прізвище І.Б.»)",
        },
    },
    "en": {
        "missing": "«{source}» does not exist (or is a folder).",
        "cannot": "Cannot import «{source}»: {reason}.",
        "read_as": "«{source}» is saved as {encoding}: it was read as such, and the package's copy written in UTF-8.",
        "summary": "{out}: {campaigns}, {tasks}, {people}, {roles}",
        "unplaced_line": "line {line}: {reason}: «{text}»",
        "unplaced": "{lines} could not be placed; the tables may be incomplete.",
        "edited": "Changed by hand since the last import (a new import would undo that): {files}. "
        "Nothing was written. To rewrite from the decision anyway (the changes are lost), run the "
        "command with --force; keep a copy first if the changes are needed.",
        "unknown": "Not what the import writes: {files}; and the package holds no record of the last "
        "import (sources/imported-files.json), so whether they were changed by hand is unknown. "
        "Nothing was written. If they were not (or the changes are not needed), run the command with "
        "--force.",
        "other_package": "«{out}» already holds another data package, «{held}», and this decision makes "
        "«{name}»: the import would replace it. Nothing was written. Give another folder (--out), or run the "
        "command with --force to replace the package (progress_reports.csv and its records stay as they are).",
        "other_plan": "«{out}» already holds another plan's data package, «{held}» for {held_period}, and "
        "this decision is the plan for {period}: the import would replace it. Nothing was written. Give this "
        "plan another folder (--out), or, if it truly is the same plan with a new period, run the command "
        "with --force (progress_reports.csv and its records stay as they are).",
        "invalid": "After the import the package has errors ({count}): {command} shows which ({cause}).",
        "invalid_causes": {
            "reports": "most often reports on tasks or people the new plan no longer has",
            "fields": "among them the decision's fields the import could not fill, named above",
        },
        "errors": {
            "not-text": "it is not text: neither UTF-8 nor a known Cyrillic encoding",
            "not-utf8": "it is not UTF-8 text (it looks like {detected}); save it as UTF-8 text",
            "no-plan": "no line reading «ПЛАН» (the start of the plan) was found",
            "no-title": "the decision's title («Про затвердження …») was not found",
            "no-period": "the decision's title («{title}») names no plan period; add it to the decision's "
            f"text in a form the import reads ({PERIOD_FORMS}) and import again",
            "period-unread": "the plan's period in the decision's title, «{words}», is not one the import "
            f"reads: it reads {PERIOD_FORMS}. If it is the same period worded otherwise, write it in the "
            "decision's text in one of these forms and import again; a plan for another term (such as two "
            "years) cannot be imported",
            "document": "it is {kind_words}, not text; open the decision in Word or LibreOffice and save "
            "it as “Plain Text” (.txt) in UTF-8",
        },
        "document_kinds": {
            "zip": "a Word document or another zip archive (DOCX, ODT)",
            "ole": "a Word document in the old format (DOC)",
            "pdf": "a PDF document",
            "gzip": "a gzip archive (unpack it first)",
        },
        "notes": {
            "not-found": "Field {field} ({what}) was not found in the decision's text: it is empty in "
            "decision.csv.{effect}",
            "no-department": "No signature of the department that prepared the decision («Начальник "
            "відділу … Ім'я ПРІЗВИЩЕ») was found under the plan: datapackage.json names «{publisher}» as "
            "the publisher. To name the department, add its signature to the decision's text and import "
            "again.",
            "adopted-without": "The decision is not marked as a draft, but its field {field} ({what}) was "
            "not found in its text: it is empty in decision.csv, and validate counts that as an error. "
            "Add it to the decision's text above its title (line {line}) and import again; or, if it is a draft, add "
            "«ПРОЄКТ» as its first line.",
            "number-partly-read": "Line {line}: of the decision's number «{written}» only «{number}» was "
            "read (field number in decision.csv); the import does not read the rest. If the number is "
            "another, write it in the decision's text in figures and letters parted by «/» or a hyphen «-» "
            "(such as «45-3», «123-VIII») and import again.",
            "impossible-date": "Line {line}: the date «{text}» is no calendar day, so field {field} is empty in "
            "decision.csv. Correct the date in the decision's text and import again.",
            "signatory-unread": "Line {line} under «{head}» does not look like the signatory's name "
            "(«Ім'я ПРІЗВИЩЕ»): «{text}»; field signatory_name is empty in decision.csv.",
            "no-english-titles": "No English title for the campaigns numbered {numerals}: field title_en is "
            "empty in campaigns.csv. Add the titles to campaigns.csv after the import: the next import does not "
            "overwrite that file changed by hand (it stops and names it), and with --force it does, and "
            "the titles are lost.",
            "campaign-without-tasks": "Line {line}: campaign {numeral} («{title}») has no tasks in the "
            "decision's text, so tasks.csv holds none of it, and report and the page build writes show it "
            "with none. If the decision does give it tasks, add them to the text as rows of the plan's "
            "table (number, task, leader, executor) under its heading and import again.",
            "table-resaved": "{file} was saved by a spreadsheet in another form (an encoding such as "
            "windows-1251, the delimiter, line ends or the spelling of values, such as TRUE for true), but its "
            "rows are the ones the import wrote: the file is written again in the package's form (UTF-8 "
            "without a BOM, commas, LF), and nothing is lost.",
            "position-unknown": "The position of {person} in the decision's text was not recognised "
            "(«{words}»): fields position_uk and position_en are empty in people.csv. Add the position to "
            "people.csv after the import (the next import does not overwrite that file changed by hand, and "
            "with --force it does).",
            "signer-undecided": "«{signer}» signs as «{position}», but several in the plan may be that name: "
            "{people}; which of them signs is not known, so people.csv (position_uk, position_en) gives the "
            "position to none of them ({ids}). Add it to the one who signs in people.csv after the import "
            "(the next import does not overwrite that file changed by hand, and with --force it does).",
            "initials-differ": "«{short}» (tasks: {tasks}) and «{full}» are likely one person with the "
            "initials written two ways, so people.csv holds two: {short_id} and {full_id}. If they are one, "
            "write the initials in full in the decision's text (tasks: {tasks}) and import again.",
        },
        "fields": {
            "city": "«м. Коломия», «смт …» or «с. …»",
            "issuing_body": "«виконавчого комітету … міської ради», or a header «… МІСЬКА РАДА» over "
            "«Виконавчий комітет»",
            "signatory_name": "«Міський голова», «Селищний голова» or «Сільський голова» and a name",
            "date": "«від 14.10.2022» or «від 14 жовтня 2022 року»",
            "number": "«№ 187»",
        },
        "effects": {
            "city": " So the package's name and keywords in datapackage.json name no town, and on a portal "
            "the package is easily mistaken for another community's plan: add «м. Назва» (or «смт …», "
            "«с. …») to the decision's text and import again.",
            "issuing_body": " So the package's title, description, author and publisher in datapackage.json "
            "name no council: add it to the decision's text («виконавчого комітету … міської ради») and "
            "import again.",
        },
        "reasons": {
            "bad-numeral": "the campaign's number is not a Roman numeral",
            "before-first-campaign": "text before the first campaign",
            "outside-task": "text outside any task row",
            "beyond-executor": "a cell beyond «Виконавець» in task {task}",
            "surname-without-initials": "a surname without initials",
            "not-a-name": "not a name («Прізвище І.Б.»)",
        },
    },
}


# `opendata build` and `opendata report`.
BUILD_UI = {
    "uk": {
        "not_package": "потрібна папка пакета даних або datapackage.json",
        "invalid": "пакет містить помилки, тож нічого не зроблено; виправте їх (подробиці: "
        "{command}) і запустіть команду ще раз",
        "publisher_errors": {
            "missing": "файлу розпорядника «{path}» немає",
            "not-json": "файл розпорядника «{path}» не є коректним JSON: {detail} (рядок {line}, позиція {column})",
            "not-object": "у файлі розпорядника «{path}» має бути об'єкт JSON {{…}} із ключами {known}",
            "unknown-key": "у файлі розпорядника «{path}» невідомий ключ «{key}»{meant}; можливі: {known}",
            "bad-value": "у файлі розпорядника «{path}» «{key}»: {value} — {kind_words}",
            "bad-field": "Publisher, «{key}»: {value} — {kind_words}",
        },
        "publisher_kinds": {
            "edrpou": "не код ЄДРПОУ (вісім цифр)",
            "link": "не посилання, що починається з http:// чи https://",
            "email": "не адреса електронної пошти",
            "text": "не текст у лапках",
        },
        "out_is_package": "«{out}» — це папка самого пакета: файл datapackage.json пакета замінив би "
        "зібраний, і validate перевіряв би вже не ваші таблиці; вкажіть іншу папку, наприклад {option} dist",
        "out_in_use": "«{out}»: у папці вже є інші файли, не попередньої збірки (інший пакет даних, аудит "
        "чи ваші файли), і збірка записала б свої datapackage.json і файли поверх них; вкажіть нову "
        "або порожню папку, наприклад {option} dist",
        "written": "записано до",
        "removed": "вилучено: попередня збірка записала цей файл, а ця вже не збирає",
        "gap": "порожня обов'язкова клітинка в національному експорті",
        "draft-decision": "рішення ще є проєктом, тож дати, номера й статусу в нього немає",
        "needs-publisher": "пакет цього не містить; вкажіть {key} у файлі --publisher",
        "empty-in-package": "у пакеті це порожнє; заповніть його в datapackage.json чи decision.csv",
        "campaign": "Кампанія",
        "tasks": "Завдань",
        "total": "Усього",
        "legend": "у клітинках: завдань зі звітами / з них виконано",
        "no_reports": "Записів про виконання ще немає.",
        "summary": "Разом: {reported} із {tasks} зі звітами, {done} виконано; {reports}.",
    },
    "en": {
        "not_package": "expected a data package folder or a datapackage.json",
        "invalid": "the package has errors, so nothing was done; fix them (details: "
        "{command}) and run the command again",
        "publisher_errors": {
            "missing": "publisher file «{path}» is missing",
            "not-json": "publisher file «{path}» is not valid JSON: {detail} (line {line}, column {column})",
            "not-object": "publisher file «{path}» must hold a JSON object {{…}} with the keys {known}",
            "unknown-key": "publisher file «{path}» has an unknown key «{key}»{meant}; the keys are: {known}",
            "bad-value": "publisher file «{path}», «{key}»: {value} is {kind_words}",
            "bad-field": "Publisher, «{key}»: {value} is {kind_words}",
        },
        "publisher_kinds": {
            "edrpou": "not an ЄДРПОУ code (eight digits)",
            "link": "not a link starting with http:// or https://",
            "email": "not an e-mail address",
            "text": "not text in quotes",
        },
        "out_is_package": "«{out}» is the package's own folder: the built datapackage.json would replace "
        "the package's, and validate would no longer check your tables; give another folder, e.g. {option} dist",
        "out_in_use": "«{out}» already holds other files, not an earlier build's (another data package, an "
        "audit or your own files), and the build would write its datapackage.json and files over them; "
        "give a new or empty folder, e.g. {option} dist",
        "written": "written to",
        "removed": "removed: an earlier build wrote this file, and this one no longer builds it",
        "gap": "required cell left empty in a national export",
        "draft-decision": "the decision is still a draft, so it has no date, number or status yet",
        "needs-publisher": "not in the package; give {key} in the --publisher file",
        "empty-in-package": "empty in the package; fill it in datapackage.json or decision.csv",
        "campaign": "Campaign",
        "tasks": "Tasks",
        "total": "Total",
        "legend": "cells: tasks with reports / of them done",
        "no_reports": "There are no execution records yet.",
        "summary": "In all: {reported} of {tasks} reported on, {done} done; {reports}.",
    },
}

# `opendata publish` and `opendata pull`.
PUBLISH_UI = {
    "uk": {
        "org_created": "Організацію «{org}» створено на порталі (--create-org).",
        "org_needed": "Це план не Коломийської міської ради, тож типова організація kolomyia-city-council "
        "йому не підходить: вкажіть організацію вашої ради на порталі, наприклад --org {suggested} (або "
        "назву, яку вона вже має). Нічого не опубліковано.",
        "org_needed_unknown": "Пакет — не план Коломийської міської ради, тож типова організація "
        "kolomyia-city-council йому не підходить: вкажіть організацію на порталі (--org НАЗВА). "
        "Нічого не опубліковано.",
        "org_to_create": "Організацію «{org}» буде створено на порталі (--create-org).",
        "org_created_as": "Організацію «{org}» створено на порталі як {name} (--create-org).",
        "org_by_title": "Організацію «{org}» знайдено на порталі за її повною назвою: {name}.",
        "org_to_create_as": "Організацію «{org}» буде створено на порталі як {name} (--create-org).",
        "config_exposed": "Увага: файл налаштувань {path} з API-токеном можуть читати інші користувачі "
        "комп'ютера; закрийте його: chmod 600 {path}",
        "bad_frequency": "--update-frequency: «{value}» — не офіційне значення частоти оновлення "
        "(постанова № 835), і аудит назвав би його помилкою паспорта; можливі: {allowed}.",
        "portal_url_password": "Адреса порталу з {source} містить ім'я користувача й пароль, а їх показало "
        "б кожне повідомлення з адресою; приберіть їх з адреси в {source}: портал CKAN приймає API-токен "
        "(CKAN_API_TOKEN).",
        "portal_url_user": "Адреса порталу з {source} містить ім'я користувача (частину перед «@»), а за ним "
        "адреса може сховати сервер, на який насправді веде; приберіть його з адреси в {source}: портал CKAN "
        "приймає API-токен (CKAN_API_TOKEN).",
        "portal_url_characters": "Адреса порталу з {source} містить зворотну скісну риску («\\»), пробіл чи "
        "невидимий керівний символ, а таку адресу програми читають по-різному: API-токен міг би піти на "
        "інший сервер, ніж видно в адресі. Наберіть адресу в {source} заново, без них, наприклад "
        "https://data.example.gov.ua.",
        "portal_url_host": "Адреса порталу з {source}, «{url}», не має правильного сервера й порту: перевірте "
        "порт (число від 1 до 65535 після двокрапки) і квадратні дужки адреси IPv6, наприклад "
        "https://data.example.gov.ua чи http://127.0.0.1:5000.",
        "bad_portal_url": "«{url}» (з {source}) — не адреса порталу: вона має починатися з http:// або https://, "
        "наприклад https://data.example.gov.ua.",
        "local_portal": "Увага: публікація на ЛОКАЛЬНИЙ ТЕСТОВИЙ портал {url}, не на публічний. Справжній портал: --portal URL, змінна OPENDATA_PORTAL або url у файлі налаштувань.",
        "invalid_package": "Пакет {path} не пройшов перевірку ({errors}); нічого не опубліковано. Подробиці: {command}",
        "dry_run": "Пробний запуск: на порталі нічого не змінено.",
        "create": "створити",
        "update": "оновити",
        "unchanged": "без змін",
        "delete": "видалити",
        "keep": "залишити",
        # after a real run: what was done (the words above say what a dry run would do)
        "done_actions": {
            "create": "створено",
            "update": "оновлено",
            "unchanged": "без змін",
            "delete": "видалено",
            "keep": "залишено",
            "failed": "не вдалося",
        },
        "dataset": "Паспорт набору даних",
        "done": "Готово: створено {created}, оновлено {updated}, без змін {unchanged}, видалено {deleted}.",
        "nothing": "На порталі все актуальне, нічого не змінено.",
        "failed": "Не вдалося опублікувати {count}; запустіть publish ще раз, щоб завершити:",
        "refused": "Файли, яких портал не приймає такими, як вони є ({count}): повторний запуск publish "
        "закінчиться так само, тож спершу виправте їх:",
        "refused_table": "  {file}{where}: портал відповів «{reason}». Виправте це в {file} (і, якщо "
        "треба, у схемі таблиці), перевірте пакет (opendata validate) і тоді опублікуйте.",
        "refused_table_field": ", стовпець «{field}»",
        "refused_table_row": ", рядок {row}",
        "refused_resource": "  {resource}{where}: портал відхилив значення, бо його схема такого не приймає: "
        "«{reason}». Змініть це значення в пакеті (datapackage.json: назва, опис чи формат ресурсу) або "
        "попросіть адміністратора порталу його дозволити, і тоді опублікуйте.",
        "refused_resource_field": ", поле «{field}»",
        "rows_lost": "Публікацію зупинено: на порталі є рядки, яких немає у файлах пакета, і публікація "
        "видалила б їх з порталу (мабуть, їх опублікував колега з іншого комп'ютера). Нічого не змінено:",
        "rows_not_in_file": "на порталі є, а у файлі немає: {count} ({key}: {keys})",
        "rows_replaced": "буде видалено з порталу (--replace-portal-rows): {count} ({key}: {keys})",
        "rows_replaced_done": "видалено з порталу (--replace-portal-rows): {count} ({key}: {keys})",
        "rows_changed": "на порталі буде змінено: {count}",
        "rows_changed_done": "на порталі змінено: {count}",
        "rows_unread": "копію таблиці на порталі не вдалося завантажити, щоб порівняти: чи є там рядки, "
        "яких немає у файлі, невідомо",
        "rows_unread_replaced": "копію таблиці на порталі не вдалося завантажити, щоб порівняти; її буде "
        "замінено (--replace-portal-rows)",
        "rows_unread_replaced_done": "копію таблиці на порталі не вдалося завантажити, щоб порівняти; її "
        "замінено (--replace-portal-rows)",
        "rows_unknown": "Публікацію зупинено: копію таблиці на порталі не вдалося завантажити, тож невідомо, "
        "чи не видалила б публікація рядків, яких немає у файлах пакета. Нічого не змінено:",
        "rows_more": " і ще {count}",
        "rows_lost_fix": "Щоб зберегти ці рядки, завантажте набір в іншу папку (opendata pull {dataset} "
        "--out portal-copy --portal {portal}) і перенесіть їх у свої файли, тоді опублікуйте знову. Щоб "
        "свідомо видалити їх з порталу, запустіть publish з --replace-portal-rows.",
        "retries": "повторних запитів: {count}",
        "pulled": "Завантажено {count} набору {dataset} у {out}.",
        "pulled_invalid": "Завантажений пакет не пройшов перевірку: {command}",
        "uploading": "Вивантаження",
        "token_source": {
            "none": "API-токена не задано: ні в CKAN_API_TOKEN, ні у файлі налаштувань.",
            "withheld": "API-токена не надіслано: токен із файлу {file} — не для цього порталу (див. вище).",
            "source": "API-токен узято з {source}.",
            "overrides": "API-токен узято з {source}, він має перевагу над токеном у файлі {file}: якщо той "
            "правильний, приберіть змінну (unset CKAN_API_TOKEN).",
        },
        "token_withheld": {
            "other_portal": "Увага: API-токен із файлу {file} призначено для {url}, тож на {portal} його не "
            "надіслано. Для {portal} задайте його API-токен у CKAN_API_TOKEN або вкажіть --config з файлом "
            "налаштувань цього порталу.",
            "no_url": "Увага: у файлі {file} є API-токен, але немає url порталу, для якого він, тож на "
            "{portal} його не надіслано. Якщо токен для {portal}, додайте в розділ [portal] файлу {file} "
            'рядок url = "{portal}" або задайте токен у CKAN_API_TOKEN.',
        },
        "note": "Увага",
        "notes": {
            "no-maintainer-email": "не вказано e-mail відповідальної особи: додайте --maintainer-email "
            "(data.gov.ua його вимагає).",
            "dataset-deleted": "набір було видалено на порталі; публікація його відновить.",
            "maintainer-is-publisher": "відповідальна особа набору — «{maintainer}», розпорядник із "
            "datapackage.json, бо в people.csv немає начальника відділу комунікації. Щоб указати особу, "
            "додайте --maintainer «Прізвище Ім'я, посада».",
            "not-authorised": "справжню публікацію портал не дозволить: API-токена немає, портал його не "
            "приймає або його користувач не може публікувати в цій організації (причину скаже "
            "opendata publish без --dry-run).",
            "not-an-editor": "справжню публікацію портал не дозволить: користувач API-токена — учасник цієї "
            "організації, але не редактор; попросіть її адміністратора надати роль редактора.",
            "no-datastore": "на порталі немає DataStore (модуля CKAN datastore), тож рядки таблиць не "
            "завантажуються в таблиці для перегляду й запитів (datastore_search): публікуються лише самі файли. "
            "Щоб завантажити рядки, попросіть адміністратора порталу ввімкнути DataStore і тоді запустіть "
            "publish ще раз.",
        },
        # why a dataset or a resource changes (publish.py words them in English, as JSON
        # gives them); "{key} changed" for a field of the passport or of a resource
        "reasons": {
            "new dataset": "новий набір",
            "new resource": "новий ресурс",
            "tags changed": "змінено ключові слова",
            "not public and active": "набір не публічний або не активний",
            "content changed": "змінився вміст",
            "unfinished upload": "вивантаження не завершено",
            "replaced on the portal": "файл замінено на порталі вручну",
            "edited on the portal": "ресурс збережено у формі порталу: його файл надіслати знову",
            "schema changed": "змінено схему",
            "no DataStore table": "немає таблиці DataStore",
            "table not loaded: the portal has no DataStore": "рядків не завантажено: на порталі немає DataStore",
            "DataStore fields differ": "стовпці таблиці DataStore не такі, як у схемі",
            "DataStore rows differ": "у таблиці DataStore не стільки рядків, скільки у файлі",
            "forced": "надіслати знову (--force)",
            "links changed": "змінилися посилання",
            "not in the package": "немає в пакеті",
            "use --prune to delete": "видалити: --prune",
        },
        # the reasons above that order what to do, as done, after a real run
        "done_reasons": {
            "edited on the portal": "ресурс збережено у формі порталу: його файл надіслано знову",
            "forced": "надіслано знову, --force",
        },
        "changed": "змінено {key}",
        # the passport's and a resource's fields, as "{key} changed" names them
        "fields": {
            "title": "назву",
            "notes": "опис",
            "license_id": "ліцензію",
            "maintainer": "відповідальну особу",
            "maintainer_email": "e-mail відповідальної особи",
            "version": "версію",
            "update_frequency": "частоту оновлення",
            "language": "мову",
            "purpose_of_collecting_information": "підставу та призначення збору",
            "temporal_start": "початок часового покриття",
            "temporal_end": "кінець часового покриття",
            "spatial": "просторове покриття",
            "name": "назву",
            "description": "опис",
            "format": "формат",
            "mimetype": "тип файлу",
            "opendata_name": "позначку opendata",
            "opendata_package": "позначку opendata",
        },
    },
    "en": {
        "org_created": "Organisation «{org}» was created on the portal (--create-org).",
        "org_needed": "This is not Kolomyia City Council's plan, so the default organisation "
        "kolomyia-city-council is not its own: give your council's organisation on the portal, such as "
        "--org {suggested} (or the name it already has). Nothing was published.",
        "org_needed_unknown": "The package is not Kolomyia City Council's plan, so the default organisation "
        "kolomyia-city-council is not its own: give the organisation on the portal (--org NAME). "
        "Nothing was published.",
        "org_to_create": "Organisation «{org}» will be created on the portal (--create-org).",
        "org_created_as": "Organisation «{org}» was created on the portal as {name} (--create-org).",
        "org_by_title": "Organisation «{org}» was found on the portal by its title: {name}.",
        "org_to_create_as": "Organisation «{org}» will be created on the portal as {name} (--create-org).",
        "config_exposed": "Note: the config file {path}, which holds the API token, may be read by other "
        "users of this computer; close it: chmod 600 {path}",
        "bad_frequency": "--update-frequency: «{value}» is not an official update frequency "
        "(Resolution No. 835), and the audit would call it a passport error; the values are: {allowed}.",
        "portal_url_password": "The portal's address from {source} holds a user name and password, which "
        "every message with an address would show; take them out of the address in {source}: a CKAN portal "
        "takes the API token (CKAN_API_TOKEN).",
        "portal_url_user": "The portal's address from {source} holds a user name (the part before «@»), "
        "behind which an address can hide the host it really leads to; take it out of the address in "
        "{source}: a CKAN portal takes the API token (CKAN_API_TOKEN).",
        "portal_url_characters": "The portal's address from {source} holds a backslash («\\»), a space or "
        "an invisible control character, which programs read differently: the API token could go to "
        "another host than the address shows. Type the address in {source} again without them, such as "
        "https://data.example.gov.ua.",
        "portal_url_host": "The portal's address from {source}, «{url}», has no valid host and port: check "
        "the port (a number from 1 to 65535, after a colon) and the brackets of an IPv6 address, such as "
        "https://data.example.gov.ua or http://127.0.0.1:5000.",
        "bad_portal_url": "«{url}» (from {source}) is no portal address: it must start with http:// or https://, "
        "such as https://data.example.gov.ua.",
        "local_portal": "Note: publishing to the LOCAL TEST portal {url}, not a public one. For a real portal: --portal URL, the variable OPENDATA_PORTAL or url in the config file.",
        "invalid_package": "The package {path} is not valid ({errors}); nothing was published. Details: {command}",
        "dry_run": "Dry run: nothing was changed on the portal.",
        "create": "create",
        "update": "update",
        "unchanged": "unchanged",
        "delete": "delete",
        "keep": "keep",
        "done_actions": {
            "create": "created",
            "update": "updated",
            "unchanged": "unchanged",
            "delete": "deleted",
            "keep": "kept",
            "failed": "failed",
        },
        "dataset": "Dataset metadata",
        "done": "Done: {created} created, {updated} updated, {unchanged} unchanged, {deleted} deleted.",
        "nothing": "The portal is up to date; nothing was changed.",
        "failed": "Not published: {count}; run publish again to finish:",
        "refused": "Files the portal does not accept as they are ({count}): running publish again "
        "would end the same way, so fix them first:",
        "refused_table": "  {file}{where}: the portal answered «{reason}». Fix it in {file} (and in the "
        "table's schema if need be), check the package (opendata validate), then publish.",
        "refused_table_field": ", field «{field}»",
        "refused_table_row": ", row {row}",
        "refused_resource": "  {resource}{where}: the portal refused the value, which its schema does not "
        "take: «{reason}». Change the value in the package (datapackage.json: the resource's title, "
        "description or format) or ask the portal's administrator to allow it, then publish.",
        "refused_resource_field": ", field «{field}»",
        "rows_lost": "Publishing stopped: the portal has rows that the package's files lack, and publishing "
        "would delete them from the portal (a colleague's, perhaps, published from another computer). "
        "Nothing was changed:",
        "rows_not_in_file": "on the portal, not in the file: {count} ({key}: {keys})",
        "rows_replaced": "to be deleted from the portal (--replace-portal-rows): {count} ({key}: {keys})",
        "rows_replaced_done": "deleted from the portal (--replace-portal-rows): {count} ({key}: {keys})",
        "rows_changed": "to be changed on the portal: {count}",
        "rows_changed_done": "changed on the portal: {count}",
        "rows_unread": "the portal's copy of the table could not be downloaded to compare: whether it holds "
        "rows the file lacks is unknown",
        "rows_unread_replaced": "the portal's copy of the table could not be downloaded to compare; it will "
        "be replaced (--replace-portal-rows)",
        "rows_unread_replaced_done": "the portal's copy of the table could not be downloaded to compare; it "
        "was replaced (--replace-portal-rows)",
        "rows_unknown": "Publishing stopped: the portal's copy of a table could not be downloaded, so whether "
        "publishing would delete rows the package's files lack is unknown. Nothing was changed:",
        "rows_more": " and {count} more",
        "rows_lost_fix": "To keep these rows, pull the dataset into another folder (opendata pull {dataset} "
        "--out portal-copy --portal {portal}) and copy them into your files, then publish again. To delete "
        "them from the portal knowingly, run publish with --replace-portal-rows.",
        "retries": "requests retried: {count}",
        "pulled": "Downloaded {count} of {dataset} into {out}.",
        "pulled_invalid": "The downloaded package is not valid: {command}",
        "uploading": "Uploading",
        "token_source": {
            "none": "No API token is set: neither in CKAN_API_TOKEN nor in the config file.",
            "withheld": "No API token was sent: the one in {file} is not for this portal (see above).",
            "source": "The token was taken from {source}.",
            "overrides": "The token was taken from {source}, which overrides the one in the file {file}: "
            "if that one is right, remove the variable (unset CKAN_API_TOKEN).",
        },
        "token_withheld": {
            "other_portal": "Note: the API token from {file} is for {url}, so it was not sent to {portal}. "
            "For {portal}, set its API token in CKAN_API_TOKEN or give --config a config file for that "
            "portal.",
            "no_url": "Note: the config file {file} holds an API token but no url of the portal it is for, "
            "so it was not sent to {portal}. If the token is for {portal}, add the line "
            'url = "{portal}" under [portal] in {file}, or set the token in CKAN_API_TOKEN.',
        },
        "note": "Note",
        "notes": {
            "no-maintainer-email": "no e-mail of the responsible person: pass --maintainer-email (data.gov.ua asks for one).",
            "dataset-deleted": "the dataset was deleted on the portal; publishing brings it back.",
            "maintainer-is-publisher": "the dataset's responsible person is «{maintainer}», the publisher "
            "in datapackage.json, as people.csv names no head of the communication department. To name a "
            "person, pass --maintainer «Surname Name, position».",
            "not-authorised": "the portal would not allow the real publish: there is no API token, the "
            "portal does not accept it, or its user may not publish in this organisation (opendata "
            "publish without --dry-run says which).",
            "not-an-editor": "the portal would not allow the real publish: the token's user is a member "
            "of this organisation but not an editor; ask its administrator for the editor role.",
            "no-datastore": "the portal has no DataStore (CKAN's datastore plugin), so the tables' rows are "
            "not loaded into tables to preview and query (datastore_search): only the files themselves are "
            "published. To load the rows, ask the portal's administrator to enable the DataStore, then run "
            "publish again.",
        },
        "reasons": {},  # publish.py's own words
        "done_reasons": {
            "edited on the portal": "saved in the portal's form: its file sent again",
            "forced": "sent again, --force",
        },
        "changed": "{key} changed",
        "fields": {},  # the fields' own names
    },
}

# What went wrong, by the exception's class (its message follows as the details:
# the portal's, or the file's, own words): `cli._print_failure`.
FAILURES = {
    "uk": {
        "detail": "Подробиці",
        "interrupted": "Перервано (Ctrl-C).",
        "interrupted_publish": "Публікацію не завершено: запустіть opendata publish ще раз, щоб її "
        "завершити (уже надіслані файли вдруге не надсилаються).",
        "PortalUnreachable": "Портал не відповідає. Перевірте його адресу (--portal, OPENDATA_PORTAL або "
        "файл налаштувань) і з'єднання з інтернетом, потім запустіть команду ще раз.",
        "PortalFailing": "Портал відповідає помилкою сервера (HTTP {status}): адреса й з'єднання "
        "правильні, збій — на порталі. Спробуйте пізніше або повідомте адміністратора порталу.",
        "NotACkanPortal": "За цією адресою не портал CKAN: вона відповідає (HTTP {status}), але не як API "
        "порталу. Перевірте адресу (--portal, OPENDATA_PORTAL або файл налаштувань): потрібна адреса самого "
        "порталу, як-от https://data.example.gov.ua; чекати чи запускати команду ще раз не варто.",
        "UnknownAction": "Портал не має дії API «{action}»: на ньому не ввімкнено потрібний модуль (плагін) "
        "CKAN. Попросіть адміністратора порталу його ввімкнути; доти запускати команду ще раз не варто.",
        "TlsFailed": "Не вдалося встановити захищене з'єднання (TLS) з порталом. Можливо, він працює за "
        "адресою http://, а не https://? Перевірте адресу (--portal, OPENDATA_PORTAL або файл "
        "налаштувань).",
        "TokenUnknown": "Портал не приймає API-токен для аудиту: токен недійсний чи прострочений, або його "
        "користувач не входить до жодної організації порталу.",
        "NotAuthorised": "Портал не приймає API-токен: його не задано, він недійсний чи прострочений "
        "або його користувач не має прав на цю організацію. Створіть новий API-токен у своєму профілі "
        "на порталі («API Tokens») і задайте його в CKAN_API_TOKEN або у файлі налаштувань.",
        "NoToken": "Без API-токена портал не дозволить публікувати, а для цього порталу його немає.",
        "NoRightsInOrganisation": "API-токен дійсний, але його користувач не може публікувати в "
        "організації «{org}» (може в: {allowed}). Попросіть адміністратора порталу додати його до «{org}» "
        "як редактора або вкажіть --org однієї з цих організацій; новий токен тут не допоможе.",
        "NotAnEditor": "API-токен дійсний, і його користувач — учасник організації «{org}», але не "
        "редактор, тож публікувати в ній не може. Попросіть адміністратора організації надати йому роль "
        "редактора; новий токен тут не допоможе.",
        "BadOrganisationName": "З --org «{org}» не вийде назви організації на порталі: у ньому замало літер "
        "чи цифр.",
        "SeveralOrganisations": "Організацій з повною назвою «{org}» на порталі кілька: {names}. Вкажіть у "
        "--org назву однієї з них, як в адресі сторінки організації (…/organization/НАЗВА).",
        "OrganisationNotFound": "Організації «{org}» на порталі немає: перевірте --org (назва — як в "
        "адресі сторінки організації) або створіть її, додавши --create-org.",
        "NotFound": "На порталі цього немає: перевірте назву набору або організації.",
        "DatasetNotFound": "Набору «{name}» на порталі немає: перевірте назву (як в адресі сторінки "
        "набору, …/dataset/НАЗВА) і адресу порталу.",
        "MissingOrganisation": "Організації «{org}» на порталі немає: перевірте --org (назву чи "
        "ідентифікатор, як в адресі сторінки організації) і адресу порталу.",
        "Rejected": "Портал відхилив дані, бо його схема не приймає значення, яке він називає нижче: "
        "повторний запуск закінчиться так само. Змініть це значення (параметр publish, як-от --org чи "
        "--maintainer, або datapackage.json) і тоді опублікуйте.",
        "PassportRefused": "Портал не приймає значення «{value}» поля {key} набору (його задає {source}): "
        "повторний запуск закінчиться так само. Дайте інше значення й тоді опублікуйте.",
        "CreatedMeanwhile": "Набір «{dataset}» щойно створив інший запуск publish (колега чи друге вікно), "
        "тож цей нічого не додав. Запустіть publish ще раз: він оновить цей набір.",
        "DatasetNotReadable": "Портал не показує набору «{name}»: він закритий чи видалений, або API-токен "
        "не дає права його читати. Попросіть того, хто опублікував набір, відкрити його чи дати вам доступ, "
        "або задайте в CKAN_API_TOKEN токен користувача, який може читати цей набір.",
        "PullError": "Цей набір на порталі — не пакет, який ця програма може відтворити.",
        "ReplacedOnPortal": "Файл «{file}» набору змінили на порталі вручну (завантажили інший, "
        "замінили посиланням чи зберегли у формі порталу), тож перевірити, що він той, що опубліковано, "
        "не можна, і нічого не записано. Якщо набір публікуєте ви, opendata publish надішле опублікований "
        "знову; тоді повторіть pull. Якщо ні, повідомте того, хто його опублікував; інші файли набору "
        "можна завантажити з його сторінки: {page}",
        "DownloadTooBig": "Файл «{file}» набору на порталі більший за {limit} МБ, тож його не прийнято й "
        "нічого не записано (нескінченна відповідь порталу заповнила б диск). Якщо файл справді такий "
        "великий, повторіть pull із більшим --max-size; інакше повідомте адміністратора порталу.",
        "DownloadTooSlow": "Файл «{file}» набору не завантажився повністю за {limit} с, тож його не прийнято "
        "й нічого не записано. Спробуйте пізніше; якщо так знову, повідомте адміністратора порталу.",
        "UnusableAddress": "Портал дав адресу файлу, з якої нічого не завантажити (не http(s) чи "
        "неправильну). Повідомте адміністратора порталу: повторний запуск тут не допоможе.",
        "PortalError": "Портал повідомив про помилку.",
        "DatasetNotOurs": "Набір із такою назвою на порталі вже є, але він належить іншій організації "
        "або опублікований не цією програмою, тож його не змінено. Дайте пакету іншу назву набору "
        "(--dataset) або, якщо набір справді ваш, перенесіть його в організацію на порталі вручну.",
        "OtherPackagesDataset": "Набір «{dataset}» на порталі опубліковано з іншого пакета («{theirs}»), "
        "а не з «{ours}», тож його не змінено: публікація замінила б файли того пакета. Дайте цьому "
        "пакету іншу назву набору (--dataset) або, якщо це той самий пакет, поверніть йому назву "
        "«{theirs}» у datapackage.json.",
        "OtherPlansDataset": "Набір «{dataset}» на порталі — план на {theirs} (temporal_start, temporal_end), "
        "а цей пакет — план на {ours}, тож набір не змінено: публікація замінила б той план цим. Дайте цьому "
        "пакету іншу назву набору, наприклад --dataset {suggested}.",
        "OutputNotEmpty": "Папка --out не порожня: завантаження замінило б файли в ній (можливо, ваші "
        "неопубліковані зміни). Вкажіть нову чи порожню папку.",
        "PackageError": "Пакет не вдалося підготувати до публікації.",
        "PortalUnreadable": "Не вдалося прочитати портал або його вивантаження (--dump).",
        "ConfigError": "Не вдалося прочитати файл налаштувань (адреса порталу й API-токен).",
        "BadToken": "API-токен з {source} містить пробіл, розрив рядка чи не латинський символ, тож "
        "надіслати його порталу не можна.",
        "RegisterUnreadable": "Не вдалося прочитати реєстр наборів даних (додаток 7).",
        "PreviousUnreadable": "Не вдалося прочитати попередній аудит (--compare).",
        "RecordRefused": "Аудит не записано до плану.",
        "OSError": "Не вдалося записати чи прочитати файл або папку: чи є місце на диску, "
        "чи є права на цю папку, чи правильний шлях?",
        "reasons": {  # `failure.OwnWords`: why, and the fix, in place of the English details
            "config_missing": "Файлу {path} немає: перевірте шлях у --config або в змінній OPENDATA_CONFIG.",
            "config_encoding": "Файл {path} записано не в кодуванні UTF-8: збережіть його в UTF-8.",
            "config_syntax": "Файл {path}, рядок {line}, символ {column}: запис не за правилами TOML. "
            "Найчастіше бракує подвійних лапок навколо тексту: значення адреси й API-токена беруть у "
            'подвійні лапки, наприклад url = "https://data.example.gov.ua".',
            "config_syntax_end": "Файл {path} обривається посеред запису TOML: перевірте, чи закрито "
            'всі лапки й дужки. Значення беруть у подвійні лапки, наприклад url = "https://data.example.gov.ua".',
            "config_not_table": "У файлі {path} «portal» — не розділ: запишіть адресу й API-токен рядками під "
            'заголовком [portal], наприклад [portal], а нижче url = "https://data.example.gov.ua".',
            "register_columns": "У першому рядку файлу {path} бракує стовпців реєстру (додаток 7): {missing}. "
            "Додайте їх (зразок — examples/audit-portal/register.csv у репозиторії opendata або "
            "national/register.csv, що його записує opendata build) і збережіть реєстр як «CSV UTF-8».",
            "register_no_columns": "Перший рядок файлу {path} — не назви стовпців реєстру (додаток 7), а реєстр "
            "їх має: {columns}. Зразок — examples/audit-portal/register.csv у репозиторії opendata (або "
            "national/register.csv, що його записує opendata build); збережіть реєстр у цій структурі як "
            "«CSV UTF-8».",
            "register_empty": "Файл {path} порожній: збережіть реєстр ще раз як «CSV UTF-8».",
            "register_encoding": "Файл {path} — не текст CSV (ні UTF-8, ні windows-1251): збережіть реєстр "
            "як «CSV UTF-8».",
            "dump_not_json": "Рядок {line} файлу {path} — не JSON. Вивантаження (--dump) — це файл, який "
            "записує ckanapi dump datasets: по одному об'єкту JSON (набору даних) у кожному рядку. Вивантажте "
            "портал ще раз (ckanapi dump datasets --all -O portal.jsonl -r АДРЕСА) або вкажіть --portal АДРЕСА.",
            "dump_not_dataset": "Рядок {line} файлу {path} — JSON, але не набір даних CKAN (у ньому немає "
            "«name»). Вивантаження (--dump) — це файл, який записує ckanapi dump datasets: по одному набору "
            "даних у кожному рядку.",
            "previous_missing": "У папці {folder} немає файлу {file}, тож це не результат попереднього аудиту. "
            "Вкажіть у --compare папку, яку записав торішній opendata audit --out (у ній є datasets.csv і "
            "summary.json).",
            "previous_broken": "Файл {file} у папці {folder} не такий, яким його записує opendata audit "
            "(його змінили чи це інший файл). Вкажіть у --compare папку торішнього аудиту, як її записав "
            "opendata audit --out.",
            "on_portal": "Портал: {portal}.",
            "token_unknown": "На такий токен портал {portal} відповідає як будь-кому: закритих наборів аудит "
            "не побачив би, а звіт видав би публічні за всі. Скопіюйте дійсний токен зі свого профілю на порталі "
            "(«API Tokens») або попросіть адміністратора порталу додати користувача до організації; щоб "
            "перевірити лише публічні набори, запустіть аудит без токена.",
            "token_not_known": "Портал {portal} не знає цього API-токена (його набрано з помилкою, строк його "
            "дії минув чи його відкликано) або користувач токена не входить до жодної організації порталу. "
            "Перевірте токен у CKAN_API_TOKEN чи у файлі налаштувань для {portal}.",
            "no_rights_anywhere": "Користувач API-токена не може публікувати в жодній організації порталу "
            "{portal}: попросіть адміністратора організації «{org}» надати йому роль редактора.",
            "other_organisation": "Набір «{dataset}» ({url}) належить організації «{owner}», а не «{org}».",
            "not_by_opendata": "Набір «{dataset}» ({url}) опубліковано не цією програмою: на його ресурсах "
            "немає її позначок.",
            "dataset_page": "Сторінка набору: {url}",
            "not_published": "Набір «{dataset}» опубліковано не командою opendata publish: у ньому немає її "
            "datapackage.json, з якого pull відтворює пакет. Завантажте файли набору з його сторінки на "
            "порталі: {page}",
            "no_table": "Таблиці «{table}», яку називає datapackage.json набору, серед його ресурсів на порталі "
            "немає (її ресурс видалили чи перейменували). Той, хто опублікував набір, відновить його командою "
            "opendata publish; інші файли набору можна завантажити з його сторінки: {page}",
            "no_schema": "Ресурс «{resource}» на порталі не має схеми таблиці (поля schema): її прибрали вручну. "
            "Той, хто опублікував набір, надішле її знову командою opendata publish; сам файл можна "
            "завантажити зі сторінки набору: {page}",
            "descriptor_not_json": "Файл datapackage.json набору на порталі — не правильний JSON (рядок {line}, "
            "символ {column}): його змінили вручну. Той, хто опублікував набір, надішле його знову командою "
            "opendata publish; файли набору можна завантажити з його сторінки: {page}",
            "schema_not_json": "Схема таблиці (поле schema) ресурсу «{resource}» на порталі — не правильний "
            "JSON (рядок {line}, символ {column}): її змінили вручну. Той, хто опублікував набір, надішле її "
            "знову командою opendata publish; сам файл можна завантажити зі сторінки набору: {page}",
            "outside": "datapackage.json набору називає файл «{path}» поза папкою --out, тож нічого не "
            "записано: такого опису opendata publish не складає. Повідомте того, хто опублікував набір; його "
            "файли можна завантажити зі сторінки набору: {page}",
            "edited_in_form": "{file}: ресурс збережено у формі порталу, яка прибрала хеш і позначки, що їх "
            "залишає opendata publish.",
            "replaced_by_link": "{file}: файл замінено посиланням на {url}.",
            "not_http": "{file}: адреса файлу {url} — не http(s).",
            "hash_mismatch": "{file}: завантажений файл не той, що опубліковано (його хеш sha256 інший).",
            "download_address": "Адреса файлу: {url}",
            "bad_token_file": "Скопіюйте API-токен зі свого профілю на порталі («API Tokens») ще раз і "
            'запишіть його у файл {source} одним рядком, без пробілів, у подвійних лапках: token = "…".',
            "bad_token_variable": "Скопіюйте API-токен зі свого профілю на порталі («API Tokens») ще раз і "
            "задайте його в CKAN_API_TOKEN одним рядком, без пробілів.",
            "org_name": "Вкажіть у --org назву організації, як в адресі її сторінки на порталі "
            "(…/organization/НАЗВА: латинські літери, цифри, «-» і «_»), або її повну назву словами, як-от "
            "«Коломийська міська рада».",
            "no_token": "API-токена не задано ні в CKAN_API_TOKEN, ні у файлі налаштувань. Створіть його у "
            'своєму профілі на порталі («API Tokens») і задайте в CKAN_API_TOKEN або рядком token = "…" '
            "у розділі [portal] файлу налаштувань (поруч з url цього порталу).",
            "token_withheld": "API-токен із файлу {file} призначено для {url}, а не для {portal}, тож його не "
            "надіслано. Задайте API-токен порталу {portal} у CKAN_API_TOKEN або вкажіть --config з файлом "
            "налаштувань цього порталу; щоб публікувати на {url}, вкажіть --portal {url}.",
            "token_withheld_no_url": "У файлі {file} є API-токен, але немає url порталу, для якого він, тож на "
            "{portal} його не надіслано. Якщо токен для {portal}, додайте в розділ [portal] файлу {file} "
            'рядок url = "{portal}" або задайте токен у CKAN_API_TOKEN.',
        },
    },
    "en": {
        "detail": "Details",
        "interrupted": "Interrupted (Ctrl-C).",
        "interrupted_publish": "The publish is not finished: run opendata publish again and it "
        "finishes it (files already sent are not sent again).",
        "PortalUnreachable": "The portal does not answer. Check its address (--portal, OPENDATA_PORTAL or "
        "the config file) and the connection, then run the command again.",
        "PortalFailing": "The portal answers with a server error (HTTP {status}): its address and the "
        "connection are right; the failure is the portal's. Try again later or tell its administrator.",
        "NotACkanPortal": "There is no CKAN portal at this address: it answers (HTTP {status}), but not as "
        "a portal's API. Check the address (--portal, OPENDATA_PORTAL or the config file): it must be the "
        "portal's own, such as https://data.example.gov.ua; waiting or running the command again will not help.",
        "UnknownAction": "The portal has no API action «{action}»: a CKAN plugin it needs is not enabled. "
        "Ask the portal's administrator to enable it; until then, running the command again would not help.",
        "TlsFailed": "A secure (TLS) connection to the portal could not be made. Does it use http:// "
        "rather than https://? Check its address (--portal, OPENDATA_PORTAL or the config file).",
        "TokenUnknown": "The portal does not accept the API token for the audit: it is invalid or expired, "
        "or its user is a member of no organisation on the portal.",
        "NotAuthorised": "The portal does not accept the API token: it is not set, invalid or expired, "
        "or its user may not publish in this organisation. Create a new token in your profile on the "
        "portal (“API Tokens”) and set it in CKAN_API_TOKEN or the config file.",
        "NoToken": "The portal lets no one publish without an API token, and there is none for this portal.",
        "NoRightsInOrganisation": "The API token is valid, but its user may not publish in organisation "
        "«{org}» (it may in: {allowed}). Ask the portal's administrator to add the user to «{org}» as an "
        "editor, or give --org one of those; a new token would not help.",
        "NotAnEditor": "The API token is valid and its user is a member of organisation «{org}», but "
        "not an editor, so it may not publish there. Ask the organisation's administrator for the editor "
        "role; a new token would not help.",
        "BadOrganisationName": "--org «{org}» makes no organisation name on the portal: it has too few "
        "letters or digits.",
        "SeveralOrganisations": "The portal has several organisations titled «{org}»: {names}. Give --org "
        "the name of one of them, as in the address of its page (…/organization/NAME).",
        "OrganisationNotFound": "The portal has no organisation «{org}»: check --org (the name as in the "
        "address of the organisation's page), or create it by adding --create-org.",
        "NotFound": "The portal has no such thing: check the dataset's or the organisation's name.",
        "DatasetNotFound": "The portal has no dataset «{name}»: check the name (as in the address of "
        "the dataset's page, …/dataset/NAME) and the portal's address.",
        "MissingOrganisation": "The portal has no organisation «{org}»: check --org (its name or id, as "
        "in the address of the organisation's page) and the portal's address.",
        "Rejected": "The portal refused the data: its schema does not take the value it names below, "
        "so running again would end the same way. Change that value (an option of publish, such as --org "
        "or --maintainer, or datapackage.json), then publish.",
        "PassportRefused": "The portal does not take «{value}» for the dataset's field {key} (set by "
        "{source}): running again would end the same way. Give another value, then publish.",
        "CreatedMeanwhile": "Another run of publish (a colleague's, a second window) created the dataset "
        "«{dataset}» a moment ago, so this one added nothing. Run publish again: it will update it.",
        "DatasetNotReadable": "The portal does not show dataset «{name}»: it is private or deleted, or the "
        "API token may not read it. Ask whoever published it to make it public or give you access, or set "
        "in CKAN_API_TOKEN the token of a user who may read it.",
        "PullError": "This dataset on the portal is not a package this tool can rebuild.",
        "ReplacedOnPortal": "File «{file}» of the dataset was changed by hand on the portal (another "
        "file uploaded, a link put in its place, or saved in the portal's form), so it cannot be checked "
        "to be the one published, and nothing was written. If you publish the dataset, opendata publish "
        "sends the published one again; then pull again. If not, tell whoever published it; the dataset's "
        "other files can be downloaded from its page: {page}",
        "DownloadTooBig": "File «{file}» of the dataset on the portal is bigger than {limit} MB, so it was "
        "refused and nothing was written (an endless answer from the portal would fill the disk). If the "
        "file really is that big, pull again with a larger --max-size; otherwise tell the portal's "
        "administrator.",
        "DownloadTooSlow": "File «{file}» of the dataset was not all downloaded within {limit} s, so it was "
        "refused and nothing was written. Try later; if it happens again, tell the portal's administrator.",
        "UnusableAddress": "The portal gave an address of a file that nothing can be downloaded from (not "
        "http(s), or malformed). Tell the portal's administrator: running the command again will not help.",
        "PortalError": "The portal reported an error.",
        "DatasetNotOurs": "A dataset of that name is on the portal already, but it belongs to another "
        "organisation or was not published by this tool, so it was left as it is. Give the package "
        "another dataset name (--dataset) or, if the dataset is yours, move it to the organisation "
        "on the portal by hand.",
        "OtherPackagesDataset": "Dataset «{dataset}» on the portal was published from another package "
        "(«{theirs}»), not from «{ours}», so it was left as it is: publishing would replace that "
        "package's files. Give this package another dataset name (--dataset) or, if it is the same "
        "package, give it back its name «{theirs}» in datapackage.json.",
        "OtherPlansDataset": "Dataset «{dataset}» on the portal is the plan for {theirs} (temporal_start, "
        "temporal_end), and this package is the plan for {ours}, so it was left as it is: publishing would "
        "replace that plan with this one. Give this package another dataset name, such as --dataset {suggested}.",
        "OutputNotEmpty": "The --out folder is not empty: the download would replace files in it "
        "(your unpublished changes, perhaps). Give a new or empty folder.",
        "PackageError": "The package could not be prepared for publishing.",
        "PortalUnreadable": "The portal or its dump (--dump) could not be read.",
        "ConfigError": "The config file (the portal's address and API token) could not be read.",
        "BadToken": "The API token from {source} holds a space, a line break or a non-ASCII character, "
        "so it cannot be sent to the portal.",
        "RegisterUnreadable": "The dataset register (Appendix 7) could not be read.",
        "PreviousUnreadable": "The previous audit (--compare) could not be read.",
        "RecordRefused": "The audit was not recorded in the plan.",
        "OSError": "A file or folder could not be written or read: is there room on the disk, "
        "may this folder be written to, is the path right?",
        "reasons": {
            "config_missing": "There is no file {path}: check the path in --config or in OPENDATA_CONFIG.",
            "config_encoding": "The file {path} is not in UTF-8: save it as UTF-8.",
            "config_syntax": "The file {path}, line {line}, column {column}: not written by the rules of TOML. "
            "Most often a text is missing its double quotes: the address and the API token go in double "
            'quotes, such as url = "https://data.example.gov.ua".',
            "config_syntax_end": "The file {path} ends in the middle of a TOML entry: check that every quote "
            'and bracket is closed. Values go in double quotes, such as url = "https://data.example.gov.ua".',
            "config_not_table": "In the file {path}, «portal» is not a section: write the address and the API "
            "token on lines under the heading [portal], such as [portal] and below it url = "
            '"https://data.example.gov.ua".',
            "register_columns": "The first line of {path} lacks the register's (Appendix 7) columns: "
            "{missing}. Add them (a template is examples/audit-portal/register.csv in the opendata repository, "
            "or national/register.csv, which opendata build writes) and save the register as «CSV UTF-8».",
            "register_no_columns": "The first line of {path} is not the register's (Appendix 7) column names, "
            "which are: {columns}. A template is examples/audit-portal/register.csv in the opendata "
            "repository (or national/register.csv, which opendata build writes); save the register in that "
            "structure as «CSV UTF-8».",
            "register_empty": "The file {path} is empty: save the register again as «CSV UTF-8».",
            "register_encoding": "The file {path} is no CSV text (neither UTF-8 nor windows-1251): save the "
            "register as «CSV UTF-8».",
            "dump_not_json": "Line {line} of {path} is not JSON. A dump (--dump) is the file ckanapi dump "
            "datasets writes: one JSON object (a dataset) on each line. Dump the portal again (ckanapi dump "
            "datasets --all -O portal.jsonl -r ADDRESS) or give --portal ADDRESS.",
            "dump_not_dataset": "Line {line} of {path} is JSON but not a CKAN dataset (it has no «name»). A "
            "dump (--dump) is the file ckanapi dump datasets writes: one dataset on each line.",
            "previous_missing": "The folder {folder} has no {file}, so it is not a previous audit's output. "
            "Give --compare the folder last year's opendata audit --out wrote (it holds datasets.csv and "
            "summary.json).",
            "previous_broken": "The file {file} in {folder} is not as opendata audit writes it (it was edited, "
            "or is another file). Give --compare last year's audit folder as opendata audit --out wrote it.",
            "on_portal": "The portal: {portal}.",
            "token_unknown": "To such a token the portal {portal} answers as to anyone: the audit would not "
            "see the private datasets, and the report would pass the public ones for all. Copy a valid token "
            "from your profile on the portal (“API Tokens”) or ask the portal's administrator to add the user "
            "to the organisation; to check only the public datasets, run the audit without a token.",
            "token_not_known": "The portal {portal} does not know this API token (it was mistyped, has "
            "expired or was revoked), or the token's user is a member of no organisation of the portal. Check "
            "the token in CKAN_API_TOKEN or in the config file for {portal}.",
            "no_rights_anywhere": "The API token's user may publish in no organisation of the portal {portal}: "
            "ask the administrator of organisation «{org}» for the editor role.",
            "other_organisation": "Dataset «{dataset}» ({url}) belongs to organisation «{owner}», not «{org}».",
            "not_by_opendata": "Dataset «{dataset}» ({url}) was not published by this tool: its resources bear "
            "none of its marks.",
            "dataset_page": "The dataset's page: {url}",
            "not_published": "Dataset «{dataset}» was not published by opendata publish: it has none of its "
            "datapackage.json, which pull rebuilds the package from. Download the dataset's files from its "
            "page on the portal: {page}",
            "no_table": "Table «{table}», which the dataset's datapackage.json names, is none of its resources "
            "on the portal (its resource was deleted or renamed). Whoever published the dataset restores it "
            "with opendata publish; its other files can be downloaded from its page: {page}",
            "no_schema": "Resource «{resource}» has no Table Schema on the portal (its schema field): it was "
            "removed by hand. Whoever published the dataset sends it again with opendata publish; the file "
            "itself can be downloaded from the dataset's page: {page}",
            "descriptor_not_json": "The dataset's datapackage.json on the portal is not valid JSON (line "
            "{line}, column {column}): it was edited by hand. Whoever published the dataset sends it again "
            "with opendata publish; the dataset's files can be downloaded from its page: {page}",
            "schema_not_json": "The Table Schema (schema field) of resource «{resource}» on the portal is not "
            "valid JSON (line {line}, column {column}): it was edited by hand. Whoever published the dataset "
            "sends it again with opendata publish; the file itself can be downloaded from the dataset's page: "
            "{page}",
            "outside": "The dataset's datapackage.json names a file «{path}» outside the --out folder, so "
            "nothing was written: opendata publish writes no such descriptor. Tell whoever published the "
            "dataset; its files can be downloaded from its page: {page}",
            "edited_in_form": "{file}: saved in the portal's form, which dropped the hash and the marks "
            "opendata publish left on it.",
            "replaced_by_link": "{file}: replaced by a link to {url}.",
            "not_http": "{file}: its address {url} is not http(s).",
            "hash_mismatch": "{file}: the downloaded file does not match its published hash (sha256).",
            "download_address": "The file's address: {url}",
            "bad_token_file": "Copy the API token from your profile on the portal (“API Tokens”) again and "
            'write it in the file {source} on one line, with no spaces, in double quotes: token = "…".',
            "bad_token_variable": "Copy the API token from your profile on the portal (“API Tokens”) again "
            "and set it in CKAN_API_TOKEN on one line, with no spaces.",
            "org_name": "Give --org the organisation's name, as in the address of its page on the portal "
            "(…/organization/NAME: Latin letters, digits, «-» and «_»), or its full title in words, such as "
            "«Kolomyia City Council».",
            "no_token": "No API token is set, neither in CKAN_API_TOKEN nor in the config file. Create one "
            'in your profile on the portal (“API Tokens”) and set it in CKAN_API_TOKEN, or as token = "…" '
            "under [portal] in the config file (beside this portal's url).",
            "token_withheld": "The API token in {file} is for {url}, not for {portal}, so it was not sent. "
            "Set the API token of {portal} in CKAN_API_TOKEN or give --config a config file for that portal; "
            "to publish to {url}, give --portal {url}.",
            "token_withheld_no_url": "The config file {file} holds an API token but no url of the portal it is "
            "for, so it was not sent to {portal}. If the token is for {portal}, add the line "
            'url = "{portal}" under [portal] in {file}, or set the token in CKAN_API_TOKEN.',
        },
    },
}


# click's usage errors (a missing value, an unknown option or command), said by
# `cli_lang.TranslatedUsageError` in the user's language; {name} is already quoted by `QUOTES`.
USAGE_ERRORS = {
    "uk": {
        "help": "Довідка: {command} --help",
        "error": "Помилка",
        "missing": "не вказано {name}.",
        "no_such_option": "немає параметра {name}.",
        "no_such_command": "немає команди {name}.",
        "did_you_mean": "Можливо, {names}?",
        "needs_value": "після {name} потрібне значення.",
        "extra_arguments": "зайве в команді: {values}.",
        "bad_value": "неприпустиме значення {name}: {expected}.",
        "bad_value_detail": "неприпустиме значення {name} ({detail}).",
        "choice": "можливі {choices}",
        "date": "потрібна дата РРРР-ММ-ДД",
        "integer": "потрібне ціле число",
        "number": "потрібне число",
        "at_least": "не менше {min}",
        "at_most": "не більше {max}",
        "between": "від {min} до {max}",
    },
    "en": {
        "help": "Help: {command} --help",
        "error": "Error",
        "missing": "{name} is missing.",
        "no_such_option": "there is no option {name}.",
        "no_such_command": "there is no command {name}.",
        "did_you_mean": "Did you mean {names}?",
        "needs_value": "{name} needs a value.",
        "extra_arguments": "not expected here: {values}.",
        "bad_value": "wrong value for {name}: {expected}.",
        "bad_value_detail": "wrong value for {name} ({detail}).",
        "choice": "one of {choices}",
        "date": "a date YYYY-MM-DD",
        "integer": "a whole number",
        "number": "a number",
        "at_least": "at least {min}",
        "at_most": "at most {max}",
        "between": "from {min} to {max}",
    },
}
QUOTES = {"uk": "«{}»", "en": "'{}'"}


# After an error's fix: the value the cell was probably meant to be (`suggest`), and
# the letters of a column's name that only look like the schema's, one or more
LOOKALIKE_LETTERS = {
    "uk": ("літера {letters}", "літери {letters}"),
    "en": ("letter {letters} is", "letters {letters} are"),
}
# a text column a note beyond a table's last column may belong in ("extra-cells")
SUCH_AS_COLUMN = {"uk": " (як-от «{field}»)", "en": " (such as «{field}»)"}

# the letters of the cell that only look like the value's (`text.foreign_letters`).
SUGGESTION = {
    "uk": {
        "value": "Імовірно, «{value}».",
        "cyrillic_letter": "Імовірно, «{value}»: у клітинці літера {letters} кирилична, а не латинська.",
        "cyrillic_letters": "Імовірно, «{value}»: у клітинці літери {letters} кириличні, а не латинські.",
        "latin_letter": "Імовірно, «{value}»: у клітинці літера {letters} латинська, а не кирилична.",
        "latin_letters": "Імовірно, «{value}»: у клітинці літери {letters} латинські, а не кириличні.",
    },
    "en": {
        "value": "Probably «{value}».",
        "cyrillic_letter": "Probably «{value}»: the letter {letters} in the cell is Cyrillic, not Latin.",
        "cyrillic_letters": "Probably «{value}»: the letters {letters} in the cell are Cyrillic, not Latin.",
        "latin_letter": "Probably «{value}»: the letter {letters} in the cell is Latin, not Cyrillic.",
        "latin_letters": "Probably «{value}»: the letters {letters} in the cell are Latin, not Cyrillic.",
    },
}
