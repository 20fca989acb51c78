"""The command line's help in Ukrainian, the language its messages speak by default.

The English help is the commands' docstrings and their options' ``help=``; these
are the same texts in Ukrainian (`cli_lang` shows them unless --lang en or
OPENDATA_LANG=en).  Keyed by command ("" for `opendata` itself) and by option
("command --option", or "--option" where every command means the same by it).
"""

from __future__ import annotations

COMMANDS = {
    "": """Публікація й перевірка відкритих даних міста.

    \b
    Типовий рік відповідальної особи за відкриті дані:
      opendata validate                  # перевірити datapackage/ після змін у CSV
      opendata report                    # поступ плану за кампаніями й кварталами
      opendata build --out dist          # CSV, JSON, XLSX, словник даних і сторінка плану
      opendata publish --dry-run         # що зміниться на порталі
      CKAN_API_TOKEN=... opendata publish --portal https://data.example.gov.ua --org my-city
      opendata audit --portal https://data.example.gov.ua --org my-city --out audit-2026
      opendata import-plan datapackage/sources/kolomyia-2021-communication-plan.txt --out datapackage

    Повідомлення — українською; англійською — з --lang en (або OPENDATA_LANG=en).
    Коди виходу: 0 гаразд, 1 у даних є проблеми, 2 нічого не вдалося прочитати,
    записати чи досягти (OPENDATA_DEBUG=1 покаже технічні подробиці такого збою).

    Подробиці про кожну команду: `opendata КОМАНДА --help`.
    """,
    "import-plan": """Будує пакет даних плану з текстового експорту рішення.

    ДЖЕРЕЛО — рішення, збережене як текст (UTF-8; експорт у windows-1251 чи іншому
    кириличному кодуванні розпізнається, читається й копіюється як UTF-8). Команда
    записує в --out decision.csv, campaigns.csv, tasks.csv, people.csv,
    task_roles.csv, їхні схеми й datapackage.json, а копію ДЖЕРЕЛА — у sources/.
    Наявний progress_reports.csv ніколи не перезаписується.

    Повторний запуск на тому самому тексті дає ті самі файли байт у байт. Кожен
    рядок тексту, якого не вдалося розмістити, названо (з номером рядка), і код
    виходу тоді 1: нічого не губиться мовчки. Файл плану, змінений вручну після
    попереднього імпорту (особа, додана в people.csv, стан — у схему), без --force
    не перезаписується: команда називає такі файли й зупиняється (код 2). Пакет
    іншого рішення — теж: його назва (місто й рік плану, як-от
    kolomyia-communication-plan-2021) не та, що в цього рішення, тож команда
    називає його й зупиняється (код 2); вкажіть іншу --out або замініть його з
    --force. Пакет того самого рішення, з тією самою назвою, переписується, як
    сказано вище. Потім
    пакет перевіряється: звіти, що втратили своє завдання чи особу в новому плані,
    пораховано, і код виходу — 1.

    \b
    Приклади:
      opendata import-plan datapackage/sources/kolomyia-2021-communication-plan.txt --out datapackage
      opendata import-plan decision.txt --out datapackage --format json
    """,
    "validate": """Перевіряє пакет даних, ресурс чи таблицю за схемою та правилами плану.

    ШЛЯХ — папка пакета (типово datapackage/ або поточна папка, якщо в ній є
    datapackage.json), datapackage.json, опис ресурсу (resource.json) або CSV-файл:
    таблицю пакета, що лежить поруч, перевіряє схема пакета, будь-яку іншу — --schema.

    \b
    Що перевіряється:
      - файли: є, не порожні, в UTF-8 (windows-1251 названо, а не прочитано «кракозябрами»);
      - будова: заголовок, порожні й повторені назви стовпців, зайві чи відсутні клітинки,
        порожні рядки;
      - схема: типи, обов'язковість, унікальність, перелік дозволених значень, шаблон,
        мінімум і максимум, первинні та зовнішні ключі;
      - план: у кожного завдання є керівник і виконавець, дати звітів — у періоді плану
        і у своєму кварталі, посилання на підтвердження — http(s); номер, надрукований
        двічі, — попередження.
    Де зрозуміло, що малося на увазі («15.06.2021», «1 200», ім'я замість
    ідентифікатора особи), порада це називає.

    \b
    Коди виходу: 0 пакет коректний, 1 знайдено помилки, 2 нічого не вдалося прочитати.

    \b
    Приклади:
      opendata validate
      opendata validate datapackage --lang en --format json
      opendata validate budget.csv --schema budget.schema.json --limit-errors 100
    """,
    "build": """Записує все, що завантажують аналітики, з коректного пакета даних.

    \b
    У --out (типово dist/):
      csv/*.csv, csv-excel/*.csv (BOM, «;»), json/*.json  кожна таблиця;
      plan.json            увесь план вкладено: кампанії → завдання → особи, звіти;
      NAME.xlsx            аркуш на таблицю й аркуш `dictionary`;
      NAME.sqlite          усі таблиці однією базою SQLite, з ключами;
      dictionary.md/.html  словник даних зі схем;
      national/*.csv       Додаток 62 (програма, звіти) і Додаток 7 (рядок реєстру);
      index.html           сторінка плану (статична, працює без мережі);
      datapackage.json     зібрані файли з розмірами й sha256; NAME.zip — усі разом.
    Той самий пакет дає ті самі байти. Пакет спершу перевіряється; якщо в ньому є
    помилки, нічого не записується.

    \b
    Коди виходу: 0 зібрано, 1 у пакеті є помилки, 2 нічого не вдалося прочитати.

    \b
    Приклади:
      opendata build
      opendata build datapackage --out dist --publisher publisher.json --format json
    """,
    "report": """Показує поступ плану за кампаніями й кварталами.

    Для кожної кампанії та кварталу: скільки її завдань мають записи про виконання
    і скільки з них виконано (запис зі станом `done`). Кожне завдання триває весь
    період плану, тож завдання кампанії заплановано в кожному кварталі.

    \b
    Коди виходу: 0 показано, 1 у пакеті є помилки, 2 нічого не вдалося прочитати.

    \b
    Приклади:
      opendata report
      opendata report datapackage --format json
    """,
    "publish": """Публікує пакет на порталі CKAN: один набір даних, ресурс на файл, таблиці DataStore.

    Файли — ті, що `opendata build` робить для аналітиків: кожна таблиця як CSV (з
    її схемою Table Schema і завантажена в DataStore), книга XLSX, база SQLite,
    plan.json, словник даних, сторінка плану й zip, а також datapackage.json.

    Пакет спершу перевіряється; пакет із помилками не публікується. Публікацію можна
    безпечно повторювати: файли, чий хеш вмісту збігається з порталом, не
    надсилаються знову; змінена таблиця вивантажується заново, а її рядки в
    DataStore оновлюються; перерваний запуск завершить наступний. Ресурси на
    порталі, яких немає в пакеті, лишаються, якщо не вказано --prune.

    API-токен береться з CKAN_API_TOKEN або з файлу налаштувань ([portal] token =
    ...), ніколи з командного рядка.

    \b
    Коди виходу: 0 виконано, 1 пакет некоректний або частину ресурсів не
    опубліковано (запустіть ще раз, щоб завершити; таблицю, якої DataStore не
    приймає такою, як вона є, — скажімо, з назвою стовпця, якої він не бере, —
    названо з її файлом і полем чи рядком: спершу виправте її; так само значення
    ресурсу, якого не приймає схема порталу, — з його полем і словами порталу),
    2 портал недосяжний, токена немає чи він недійсний, немає прав, немає такої
    організації або набір із такою назвою не наш, 130 перервано через Ctrl-C
    (запустіть ще раз, щоб завершити).

    \b
    Приклади:
      opendata publish --dry-run
      CKAN_API_TOKEN=... opendata publish datapackage --portal https://data.example.gov.ua --org my-city
      opendata publish --format json --maintainer-email opendata@example.org
    """,
    "pull": """Завантажує набір, опублікований `opendata publish`, назад у пакет даних.

    Записує в --out datapackage.json, таблиці, їхні схеми й текст рішення (sources/),
    звіряє кожен файл із
    хешем, збереженим під час публікації, а тоді перевіряє отриманий пакет.

    \b
    Коди виходу: 0 завантажено й коректно, 1 завантажено, але некоректно,
    2 портал чи набір даних непридатні, 130 перервано (Ctrl-C).

    \b
    Приклад:
      opendata pull kolomyia-communication-plan-2021 --out pulled/
    """,
    "audit": """Щорічний аудит наборів порталу: паспорт, метадані, зірки, посилання, дані, актуальність.

    Записує в --out: report.html (для людей; відкривається без мережі), report.md і
    результати як пакет відкритих даних (datapackage.json, datasets.csv,
    resources.csv, findings.csv, recommendations.csv зі схемами), який приймає
    `opendata validate`.

    Закриті набори порталу теж перевіряються, якщо задано API-токен
    (CKAN_API_TOKEN або файл налаштувань, як для publish) користувача
    організації --org; без нього — лише публічні, і звіт про це каже.

    \b
    Коди виходу: 0 аудит виконано (хоч би що знайдено), 1 --record відхилено,
    2 портал чи вхідні дані не вдалося прочитати.

    \b
    Приклади:
      opendata audit --portal http://127.0.0.1:58050 --org kolomyia-audit-demo --out audit-2026
      opendata audit --portal URL --out audit-2027 --compare audit-2026 --register register.csv
      opendata audit --dump portal.jsonl --out audit-offline --lang en --format json
    """,
}

OPTIONS = {
    "--lang": "Мова повідомлень (або змінна OPENDATA_LANG).",
    "--format": "text — для людей, json — для скриптів (у stdout).",
    "--help": "Показати цю довідку й вийти.",
    "--version": "Показати версію й вийти.",
    "--portal": "Портал CKAN (типово: $OPENDATA_PORTAL, інакше url із файлу налаштувань, інакше локальний "
    "тестовий портал {local}).",
    "--config": "Файл TOML з [portal] url і token (типово ~/.config/opendata/config.toml).",
    "--timeout": "Секунд на запит.",
    "import-plan --out": "Папка пакета даних, куди писати (усередині пакета — сам пакет).",
    "import-plan --force": "Переписати файли плану, навіть змінені вручну після попереднього імпорту, "
    "чи замінити в --out пакет іншого рішення (progress_reports.csv лишається).",
    "validate --schema": "Table Schema (JSON) для однієї таблиці, заданої як ШЛЯХ.",
    "validate --limit-errors": "Показати не більше ніж N перших помилок таблиці (0 — усі).",
    "validate --allow-remote": "Читати ресурси за адресами http(s) (типово — ні).",
    "validate --show": "Текстовий вивід: перші N проблем кожного файлу повністю, решту — підсумком "
    "за полем і видом (0 — показати всі).",
    "build --out": "Папка, куди записати файли для завантаження.",
    "build --publisher": "Файл розпорядника інформації: JSON із відомостями, яких бракує пакету для "
    "національних експортів (executant_id, publisher_id, program_url, legal_act_url, reports_url, "
    "dataset_url, contact_name, contact_email); зразок з усіма ключами — examples/publisher.sample.json.",
    "publish --org": "Організація CKAN, якій належить набір (типово для плану Коломиї — "
    "kolomyia-city-council; план іншої ради має назвати свою).",
    "publish --dataset": "Назва набору на порталі (типово — назва пакета).",
    "publish --create-org": "Створити організацію, якщо її немає.",
    "publish --dry-run": "Показати, що буде створено чи оновлено; нічого не змінювати.",
    "publish --prune": "Видалити ресурси набору, яких немає в пакеті.",
    "publish --force": "Надіслати всі файли знову й перезавантажити DataStore, навіть де збережений на "
    "порталі хеш збігається.",
    "publish --maintainer": "Відповідальна особа (типово — та, що вже на порталі, а для нового набору — "
    "начальник відділу комунікації та ІТ).",
    "publish --maintainer-email": "E-mail відповідальної особи, видимий на порталі.",
    "publish --update-frequency": "Паспорт: як часто оновлюється (типово — як уже на порталі, а для "
    "нового набору «щокварталу»).",
    "publish --purpose": "Паспорт: підстава та призначення збору (purpose_of_collecting_information; "
    "типово — як уже на порталі, а для нового набору стандартна).",
    "publish --build-dir": "Зберегти зібрані файли тут (типово — тимчасова папка). Ті самі файли, "
    "що робить `opendata build`.",
    "pull --out": "Папка, куди записати пакет даних.",
    "audit --portal": "Адреса порталу CKAN, наприклад http://127.0.0.1:58050 (типово: $OPENDATA_PORTAL, "
    "інакше url із файлу налаштувань).",
    "audit --dump": "Провести аудит файлу `ckanapi dump` замість порталу.",
    "audit --org": "Лише набори цієї організації (типово — увесь портал).",
    "audit --out": "Папка для звіту й пакета даних аудиту.",
    "audit --year": "Рік аудиту в заголовках (типово — рік із --date).",
    "audit --date": "Дата аудиту (типово — сьогодні).",
    "audit --register": "Реєстр наборів даних (додаток 7 до постанови № 835, CSV), з яким звірити.",
    "audit --compare": "Папка попереднього аудиту: додає зміни за рік.",
    "audit --links": "Перевіряти посилання ресурсів (типово — так для порталу, ні для вивантаження).",
    "audit --concurrency": "Паралельних завантажень.",
    "audit --max-size": "Межа завантаження на файл, МБ; у більшого файлу перевіряються лише посилання й "
    "розмір, а дані — ні.",
    "audit --record": "Додати запис про виконання завдання аудиту (того, назва якого говорить про аудит "
    "відкритих даних; у Коломиї — 5.2) до progress_reports плану.",
    "audit --task": "З --record: завдання плану, під яким записати аудит, якщо про аудит відкритих даних "
    "не говорить рівно одне завдання.",
    "audit --plan": "Пакет даних плану, для --record.",
    "audit --evidence": "З --record: адреса, де оприлюднено звіт цього аудиту (підтвердження в записі).",
}

# the placeholders of values in a usage line and beside options: click's words for
# its types ("TEXT", "INTEGER RANGE", "DIRECTORY") and the arguments' names
METAVARS = {
    "TEXT": "ТЕКСТ",
    "INTEGER": "ЧИСЛО",
    "INTEGER RANGE": "ЧИСЛО",
    "FLOAT": "ЧИСЛО",
    "FLOAT RANGE": "ЧИСЛО",
    "FILE": "ФАЙЛ",
    "DIRECTORY": "ПАПКА",
    "PATH": "ШЛЯХ",
    "SOURCE": "ДЖЕРЕЛО",
    "DATASET": "НАБІР",
    "DATETIME": "РРРР-ММ-ДД",
    "YYYY-MM-DD": "РРРР-ММ-ДД",
    "[OPTIONS]": "[ПАРАМЕТРИ]",
    "COMMAND [ARGS]...": "КОМАНДА [АРГУМЕНТИ]...",
}

# click's own words in a help screen (it writes them in English): patterns and their
# Ukrainian; "[default: …]" may be wrapped after its colon
CLICK_WORDS = (
    (r"^Usage: ", "Використання: "),
    (r"^Options:$", "Параметри:"),
    (r"^Commands:$", "Команди:"),
    (r"\[default:(\s)", r"[типово:\1"),
    (r"\brequired\]", "обов'язково]"),
    (r"\b(-?\d+)<=x<=(-?\d+)", r"від \1 до \2"),
    (r"\bx>=(-?\d+)", r"щонайменше \1"),
    (r"\bx<=(-?\d+)", r"щонайбільше \1"),
)
