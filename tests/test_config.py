"""Where the token comes from, and that it never leaks into an error (no portal needed)."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from opendata.ckan_client import CkanClient, NotAuthorised, PortalError, PortalUnreachable
from opendata.config import ConfigError, load_config
from opendata.publish import PackageError, Passport, ckan_name, dataset_dict
from opendata.pull import OutputNotEmpty, pull
from tests.helpers import PACKAGE, run_cli, save_as_ukrainian_excel

SECRET = "sekret-token-0123456789"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    monkeypatch.delenv("CKAN_API_TOKEN", raising=False)
    monkeypatch.delenv("OPENDATA_CONFIG", raising=False)
    monkeypatch.delenv("OPENDATA_PORTAL", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no personal config file


def write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_load_config_and_pull_take_paths_as_text(tmp_path):
    """load_config("…toml") failed on «'str' object has no attribute 'expanduser'», pull() on
    «'exists'»: a script's paths are often text."""
    text = f'[portal]\nurl = "https://data.example"\ntoken = "{SECRET}"\n'
    config = write_config(tmp_path / "c.toml", text)
    assert load_config(str(config)).token == SECRET
    (tmp_path / "full" / "notes.txt").parent.mkdir()
    (tmp_path / "full" / "notes.txt").write_text("the officer's own")
    with pytest.raises(OutputNotEmpty):  # before the portal is asked: this one answers nothing
        pull(CkanClient("http://127.0.0.1:9", attempts=1), "x", str(tmp_path / "full"))


def test_token_from_the_config_file(tmp_path):
    text = f'[portal]\nurl = "https://data.example"\ntoken = "{SECRET}"\n'
    config = write_config(tmp_path / "c.toml", text)
    loaded = load_config(config)
    assert (loaded.url, loaded.token, loaded.token_source) == ("https://data.example", SECRET, str(config))
    assert SECRET not in repr(loaded)


def test_environment_wins_over_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CKAN_API_TOKEN", "from-env")
    config = write_config(tmp_path / "c.toml", f'[portal]\ntoken = "{SECRET}"\n')
    assert load_config(config).token == "from-env"


def test_the_portal_option_wins_over_the_variable_and_that_over_the_file(tmp_path, monkeypatch):
    config = write_config(tmp_path / "c.toml", '[portal]\nurl = "https://file.example"\n')
    from_file = load_config(config)
    assert (from_file.url, from_file.url_source) == ("https://file.example", str(config))
    monkeypatch.setenv("OPENDATA_PORTAL", "https://env.example")
    from_variable = load_config(config)
    assert (from_variable.url, from_variable.url_source) == ("https://env.example", "$OPENDATA_PORTAL")
    given = load_config(config, "https://option.example")
    assert (given.url, given.url_source) == ("https://option.example", "--portal")


def test_no_config_no_token():
    loaded = load_config()
    assert loaded.token is None and loaded.url is None


@pytest.mark.parametrize("text", ["[portal\n", "portal = 3\n"])
def test_broken_config_is_reported(tmp_path, text):
    with pytest.raises(ConfigError):
        load_config(write_config(tmp_path / "c.toml", text))


def test_missing_explicit_config_is_reported(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def test_the_command_names_a_broken_config_before_its_details(tmp_path):
    config = write_config(tmp_path / "c.toml", "[portal\n")
    result = run_cli("publish", "--config", config, "--dry-run", "--lang", "en")
    assert result.returncode == 2
    lead, detail = result.stderr.strip().splitlines()
    assert lead == "The config file (the portal's address and API token) could not be read."
    assert detail.startswith(f"The file {config}, line 1, column 8: not written by the rules of TOML.")


def test_a_text_value_without_quotes_is_named_with_its_line_and_the_fix(tmp_path):
    """«Подробиці: cannot read config file …: Invalid value (at line 2, column 7)»: English, no fix."""
    config = write_config(tmp_path / "c.toml", "[portal]\nurl = http://x\n")
    result = run_cli("publish", PACKAGE, "--config", config, "--dry-run")
    assert result.returncode == 2
    lead, detail = result.stderr.strip().splitlines()
    assert lead == "Не вдалося прочитати файл налаштувань (адреса порталу й API-токен)."
    assert detail == (f"Файл {config}, рядок 2, символ 7: запис не за правилами TOML. Найчастіше бракує "
                      "подвійних лапок навколо тексту: значення адреси й API-токена беруть у подвійні лапки, "
                      'наприклад url = "https://data.example.gov.ua".')  # fmt: skip
    as_json = run_cli("publish", PACKAGE, "--config", config, "--dry-run", "--format", "json")
    assert as_json.returncode == 2 and json.loads(as_json.stdout)["error"] == "ConfigError"
    nope = tmp_path / "nope.toml"
    missing = run_cli("pull", "x", "--out", tmp_path / "o", "--config", nope, "--lang", "en")
    assert missing.returncode == 2
    assert f"There is no file {nope}: check the path in --config" in missing.stderr


def test_unreachable_portal_error_has_no_token():
    client = CkanClient("http://127.0.0.1:9", SECRET, timeout=1, attempts=2, sleep=lambda _: None)
    with pytest.raises(PortalUnreachable) as caught:
        client.call("package_show", {"id": "x"})
    assert "no answer from http://127.0.0.1:9 after 2 tries" in str(caught.value)
    assert SECRET not in str(caught.value) and SECRET not in repr(client)
    assert client.retries == 1


def test_dataset_passport_from_the_package():
    dataset = dataset_dict(PACKAGE, "kolomyia-city-council", Passport())
    assert dataset["name"] == "kolomyia-communication-plan-2021"
    assert dataset["license_id"] == "cc-by"
    assert dataset["maintainer"].startswith("Качанський Михайло, начальник відділу комунікації")
    assert dataset["extras"]["update_frequency"] == "щокварталу"
    assert dataset["extras"]["language"] == "uk"
    assert "Kolomyia" in dataset["tags"]


def test_the_maintainer_is_found_in_people_saved_by_a_ukrainian_excel(plan_copy):
    save_as_ukrainian_excel(plan_copy / "people.csv")
    dataset = dataset_dict(plan_copy, "kolomyia-city-council", Passport())
    assert dataset["maintainer"].startswith("Качанський Михайло, начальник відділу комунікації")


def test_ckan_names():
    assert ckan_name("Kolomyia Plan 2021!") == "kolomyia-plan-2021"
    # a name given in Ukrainian is spelt in Latin, where it was refused: "pass one explicitly"
    assert ckan_name("Мій Набір") == "mii-nabir"
    with pytest.raises(PackageError):
        ckan_name("!")


def test_a_token_file_others_may_read_is_said_never_the_token(tmp_path, monkeypatch):
    monkeypatch.delenv("CKAN_API_TOKEN", raising=False)
    config = tmp_path / "config.toml"
    config.write_text('[portal]\nurl = "https://data.example.gov.ua"\ntoken = "secret-123"\n')
    config.chmod(0o644)
    assert load_config(config).exposed
    result = run_cli("pull", "x", "--out", tmp_path / "o", "--config", config, "--portal", "ftp://x",
                     env={**os.environ, "HOME": "/nonexistent"})
    assert f"chmod 600 {config}" in result.stderr and "secret-123" not in result.stdout + result.stderr
    config.chmod(0o600)
    assert not load_config(config).exposed
    monkeypatch.setenv("CKAN_API_TOKEN", "from-env")  # the file's token is not the one used
    config.chmod(0o644)
    assert not load_config(config).exposed


def command_args(command: str, tmp_path: Path) -> list:
    if command == "publish":
        return ["publish", PACKAGE, "--dry-run"]
    return ["pull", "x", "--out", tmp_path / "o"]


@pytest.mark.parametrize("command", ["publish", "pull"])
def test_a_token_wrapped_over_two_lines_is_refused_naming_the_file_never_the_token(tmp_path, command):
    """A token wrapped in the config file (token = \"\"\"…\"\"\") was printed whole in requests'
    «Invalid leading whitespace … in header value», text and JSON."""
    text = f'[portal]\nurl = "http://127.0.0.1:9"\ntoken = """{SECRET[:10]}\n{SECRET[10:]}"""\n'
    config = write_config(tmp_path / "c.toml", text)
    args = command_args(command, tmp_path)
    result = run_cli(*args, "--config", config, "--portal", "http://127.0.0.1:9", "--format", "json")
    assert result.returncode == 2 and '"error": "BadToken"' in result.stdout
    assert f"API-токен з {config} містить пробіл, розрив рядка" in result.stderr
    for part in (SECRET[:10], SECRET[10:]):
        assert part not in result.stdout + result.stderr


@pytest.mark.parametrize("command", ["publish", "pull"])
def test_a_token_with_a_cyrillic_letter_is_refused_naming_the_variable(tmp_path, command):
    """CKAN_API_TOKEN='тайнийТОКЕН' ended in a UnicodeEncodeError traceback."""
    args = command_args(command, tmp_path)
    env = {**os.environ, "CKAN_API_TOKEN": "тайнийТОКЕН", "HOME": str(tmp_path)}
    result = run_cli(*args, "--portal", "http://127.0.0.1:9", "--lang", "en", env=env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "The API token from $CKAN_API_TOKEN holds a space" in result.stderr
    assert "тайнийТОКЕН" not in result.stdout + result.stderr


@pytest.mark.parametrize("token", [f"{SECRET[:10]}\n{SECRET[10:]}", "тайнийТОКЕН-0123"])
def test_a_client_given_an_unsendable_token_never_quotes_the_header(token):
    """requests' InvalidHeader quotes the header's value, repr() and all, past the scrubbing."""
    client = CkanClient("http://127.0.0.1:9", token, timeout=1, attempts=1)
    with pytest.raises(NotAuthorised, match="cannot be sent in a request header") as caught:
        client.call("package_show", {"id": "x"})
    for part in token.split():
        assert part not in str(caught.value)


def test_the_maintainer_is_found_in_people_wherever_the_descriptor_puts_it(plan_copy):
    """people.csv renamed osoby.csv (the descriptor says so): the maintainer by default
    was the publisher, read from a hard-coded people.csv."""
    (plan_copy / "people.csv").rename(plan_copy / "osoby.csv")
    descriptor = json.loads((plan_copy / "datapackage.json").read_text("utf-8"))
    next(r for r in descriptor["resources"] if r["name"] == "people")["path"] = "osoby.csv"
    (plan_copy / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), "utf-8")
    dataset = dataset_dict(plan_copy, "kolomyia-city-council", Passport())
    assert dataset["maintainer"].startswith("Качанський Михайло, начальник відділу комунікації")


# Where each command goes: the portal's address is named in the "no answer" message.
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens there


def portal_command(command: str, tmp_path: Path) -> list:
    if command == "audit":
        return ["audit", "--out", tmp_path / "audit", "--timeout", "1", "--lang", "en"]
    return [*command_args(command, tmp_path), "--timeout", "1", "--lang", "en"]


@pytest.mark.parametrize("command", ["publish", "pull", "audit"])
def test_every_command_takes_the_portal_from_the_config_file(tmp_path, command):
    """`audit --config FILE` without --portal stopped: «give exactly one of --portal URL or
    --dump FILE», while publish and pull took the file's url."""
    config = write_config(tmp_path / "c.toml", f'[portal]\nurl = "{UNREACHABLE}"\n')
    result = run_cli(*portal_command(command, tmp_path), "--config", config)
    assert result.returncode == 2, result.stderr
    assert "The portal does not answer" in result.stderr
    assert f"no answer from {UNREACHABLE} after" in result.stderr


@pytest.mark.parametrize("command", ["pull", "audit"])
def test_every_command_takes_the_portal_from_the_variable_over_the_file(tmp_path, command):
    config = write_config(tmp_path / "c.toml", '[portal]\nurl = "http://127.0.0.1:19"\n')
    env = {**os.environ, "OPENDATA_PORTAL": UNREACHABLE}
    result = run_cli(*portal_command(command, tmp_path), "--config", config, env=env)
    assert result.returncode == 2 and f"no answer from {UNREACHABLE} after" in result.stderr


def test_an_audit_with_no_portal_anywhere_says_where_to_give_one(tmp_path):
    result = run_cli("audit", "--out", tmp_path / "audit", "--lang", "en")
    assert result.returncode == 2
    assert "give the portal (--portal URL, the variable OPENDATA_PORTAL or url in the config file)" in (
        result.stderr
    )


@pytest.mark.parametrize("command", ["publish", "pull", "audit"])
def test_a_password_in_the_config_files_address_is_refused_naming_the_file(tmp_path, command):
    """The refusal did not say where the address came from, as if it had been given in --portal."""
    config = write_config(tmp_path / "c.toml", '[portal]\nurl = "http://officer:SECRETPW@127.0.0.1:9"\n')
    result = run_cli(*portal_command(command, tmp_path), "--config", config)
    assert result.returncode == 2
    assert f"The portal's address from {config} holds a user name and password" in result.stderr
    assert f"take them out of the address in {config}" in result.stderr
    assert "SECRETPW" not in result.stdout + result.stderr


def test_a_password_in_the_variables_address_is_refused_naming_the_variable(tmp_path):
    env = {**os.environ, "OPENDATA_PORTAL": "http://officer:SECRETPW@127.0.0.1:9"}
    result = run_cli("audit", "--out", tmp_path / "audit", "--format", "json", env=env)
    assert result.returncode == 2 and json.loads(result.stdout)["error"] == "PortalUrlWithPassword"
    assert "Адреса порталу з $OPENDATA_PORTAL містить ім'я користувача й пароль" in result.stderr
    assert "приберіть їх з адреси в $OPENDATA_PORTAL" in result.stderr
    assert "SECRETPW" not in result.stdout + result.stderr


# The config file's token belongs to the file's url: another portal never receives it.
class RecordingPortal(BaseHTTPRequestHandler):
    """A stranger's "portal": it keeps the Authorization header of every request, answers none."""

    received: ClassVar[list] = []

    def log_message(self, *args) -> None:
        pass

    def _answer(self) -> None:
        self.received.append(self.headers.get("Authorization"))
        body = json.dumps({"success": False, "error": {"__type": "Not Found Error", "message": "Not found"}})
        self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    do_GET = do_POST = _answer


@contextmanager
def recording_portal(host: str, port: int) -> Iterator[str]:
    """The address of a portal that records the Authorization headers sent to it."""
    server = ThreadingHTTPServer((host, port), RecordingPortal)
    RecordingPortal.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://{host}:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def stranger():
    with recording_portal("127.0.0.1", 0) as address:
        yield address


@pytest.fixture
def stranger_at_port_80():
    """A stranger at an address without a port: the one form urllib.parse reads as the config
    file's host with no user name and password before it."""
    try:
        with recording_portal("127.0.0.2", 80) as address:
            yield address.removesuffix(":80")
    except OSError:  # not allowed to listen at port 80, or it is taken
        pytest.skip("port 80 of 127.0.0.2 cannot be listened at")


def stranger_command(command: str, tmp_path: Path) -> list:
    if command == "audit":
        return ["audit", "--out", tmp_path / "audit", "--timeout", "1"]
    return [*command_args(command, tmp_path), "--timeout", "1"]


@pytest.mark.parametrize("command", ["audit", "publish", "pull"])
def test_the_config_files_token_is_not_sent_to_another_portal(tmp_path, stranger, command):
    """`--portal` (or OPENDATA_PORTAL) named another portal, and it got the token of the config
    file's portal in every request's Authorization header."""
    config = write_config(tmp_path / "c.toml", f'[portal]\nurl = "https://data.kolomyia.example.gov.ua"\n'
                                               f'token = "{SECRET}"\n')  # fmt: skip
    config.chmod(0o600)
    result = run_cli(*stranger_command(command, tmp_path), "--config", config, "--portal", stranger)
    assert RecordingPortal.received, result.stderr  # it was asked
    assert SECRET not in RecordingPortal.received and set(RecordingPortal.received) == {None}
    assert (f"Увага: API-токен із файлу {config} призначено для https://data.kolomyia.example.gov.ua, тож "
            f"на {stranger} його не надіслано. Для {stranger} задайте його API-токен у CKAN_API_TOKEN") in (
        " ".join(result.stderr.split()))  # fmt: skip
    RecordingPortal.received = []
    env = {**os.environ, "OPENDATA_PORTAL": stranger + "/"}
    run_cli(*stranger_command(command, tmp_path), "--config", config, "--lang", "en", env=env)
    assert RecordingPortal.received and SECRET not in RecordingPortal.received


@pytest.mark.parametrize("command", ["audit", "publish"])
def test_the_config_files_token_goes_to_its_own_portal_however_written(tmp_path, stranger, command):
    config = write_config(tmp_path / "c.toml", f'[portal]\nurl = "{stranger}/"\ntoken = "{SECRET}"\n')
    config.chmod(0o600)
    page = stranger.replace("http://", "HTTP://") + "/dataset/plan"  # a page's address, as copied
    result = run_cli(*stranger_command(command, tmp_path), "--config", config, "--portal", page)
    assert SECRET in RecordingPortal.received, result.stderr
    assert "не надіслано" not in result.stderr


def test_the_variables_token_goes_to_any_portal_it_is_the_users_choice(tmp_path, stranger):
    config = write_config(tmp_path / "c.toml", '[portal]\nurl = "https://data.kolomyia.example.gov.ua"\n'
                                               'token = "file-token"\n')  # fmt: skip
    env = {**os.environ, "CKAN_API_TOKEN": SECRET}
    run_cli(*stranger_command("audit", tmp_path), "--config", config, "--portal", stranger, env=env)
    assert SECRET in RecordingPortal.received and "file-token" not in RecordingPortal.received


def test_a_publish_without_the_withheld_token_says_why_it_has_none(tmp_path, stranger):
    config = write_config(tmp_path / "c.toml", f'[portal]\ntoken = "{SECRET}"\n')
    config.chmod(0o600)
    result = run_cli("publish", PACKAGE, "--config", config, "--portal", stranger, "--timeout", "1", "--lang",
                     "en", "--format", "json")  # fmt: skip
    assert result.returncode == 2 and json.loads(result.stdout)["error"] == "NoToken"
    said = " ".join(result.stderr.split())
    assert (f"Note: the config file {config} holds an API token but no url of the portal it is for, so it "
            f'was not sent to {stranger}. If the token is for {stranger}, add the line url = "{stranger}"'
            ) in said
    message = json.loads(result.stdout)["message"]
    assert f"the one in {config} names no portal url, so it was not sent to {stranger}" in message
    assert RecordingPortal.received == [] and SECRET not in result.stdout + result.stderr



@pytest.mark.xdist_group("port-80")  # one listener at a time: on two workers, one would skip
@pytest.mark.parametrize("source", ["--portal", "$OPENDATA_PORTAL", "file"])
def test_an_address_read_two_ways_is_refused_and_the_token_never_sent(tmp_path, stranger_at_port_80, source):
    """`--portal 'http://127.0.0.2\\@localhost:58931'` sent the token of the file's
    http://localhost:58931 to 127.0.0.2: hosts were compared as urllib.parse reads them
    (localhost), while requests stops the host at the backslash."""
    two_faced = f"{stranger_at_port_80}\\@localhost:9"
    file_url = two_faced if source == "file" else "http://localhost:9/"
    config = write_config(tmp_path / "c.toml", f"[portal]\nurl = '{file_url}'\ntoken = '{SECRET}'\n")
    config.chmod(0o600)
    args = [*stranger_command("pull", tmp_path), "--config", config, "--format", "json"]
    env = {**os.environ}
    if source == "--portal":
        args += ["--portal", two_faced]
    elif source == "$OPENDATA_PORTAL":
        env["OPENDATA_PORTAL"] = two_faced
    result = run_cli(*args, env=env)
    assert RecordingPortal.received == [] and SECRET not in result.stdout + result.stderr
    assert result.returncode == 2 and json.loads(result.stdout)["error"] == "BadPortalUrl"
    named = str(config) if source == "file" else source
    assert f"Адреса порталу з {named} містить зворотну скісну риску" in result.stderr


@pytest.mark.parametrize(
    ("portal", "words", "kind"),
    [
        ("http://officer@127.0.0.1:9", " holds a user name (the part before «@»)", "PortalUrlWithUser"),
        ("http://data.example.gov.ua /x", " holds a backslash («\\»), a space", "BadPortalUrl"),
        ("http://data.example\t.gov.ua", " holds a backslash («\\»), a space", "BadPortalUrl"),
        ("http://127.0.0.1:abc/", ", «http://127.0.0.1:abc/», has no valid host and port", "BadPortalUrl"),
        ("http://127.0.0.1:99999", ", «http://127.0.0.1:99999», has no valid host and port", "BadPortalUrl"),
        ("http://[::1/", ", «http://[::1/», has no valid host and port", "BadPortalUrl"),
    ],
)
def test_an_address_with_a_user_strange_characters_or_a_bad_port_is_refused(tmp_path, portal, words, kind):
    """A user name before the host can hide where the address leads; `:abc`, `:99999` and
    `[::1` were tracebacks («Port could not be cast to integer value») with a config file's token."""
    config = write_config(tmp_path / "c.toml", f'[portal]\nurl = "http://127.0.0.1:9"\ntoken = "{SECRET}"\n')
    config.chmod(0o600)
    result = run_cli(*portal_command("pull", tmp_path), "--config", config, "--portal", portal)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"The portal's address from --portal{words}" in " ".join(result.stderr.split())
    env = {**os.environ, "OPENDATA_PORTAL": portal}
    audit = run_cli("audit", "--config", config, "--out", tmp_path / "a", "--format", "json", env=env)
    assert audit.returncode == 2 and json.loads(audit.stdout)["error"] == kind, audit.stderr


def test_a_publish_without_a_token_says_why_in_the_users_language_and_in_json(tmp_path, stranger):
    """«Портал не приймає API-токен… Створіть новий API-токен», then «Подробиці: no API token: set
    CKAN_API_TOKEN or put token = ...»: English, and against a file that has a token (another
    portal's); the JSON message never said that it was withheld."""
    config = write_config(tmp_path / "c.toml", f'[portal]\nurl = "https://data.kolomyia.example.gov.ua"\n'
                                               f'token = "{SECRET}"\n')  # fmt: skip
    config.chmod(0o600)
    args = ["publish", PACKAGE, "--portal", stranger, "--timeout", "1"]
    result = run_cli(*args, "--config", config)
    said = " ".join(result.stderr.split())
    assert result.returncode == 2 and "Подробиці" not in said and "Створіть новий" not in said, said
    assert "Без API-токена портал не дозволить публікувати, а для цього порталу його немає." in said
    assert (f"API-токен із файлу {config} призначено для https://data.kolomyia.example.gov.ua, а не для "
            f"{stranger}, тож його не надіслано") in said  # fmt: skip
    as_json = json.loads(run_cli(*args, "--config", config, "--format", "json", "--lang", "en").stdout)
    assert as_json["error"] == "NoToken"
    assert f"the API token in {config} is for https://data.kolomyia.example.gov.ua" in as_json["message"]
    none = run_cli(*args, "--lang", "en")
    lead, detail = none.stderr.strip().splitlines()[-2:]
    assert lead == "The portal lets no one publish without an API token, and there is none for this portal."
    assert detail.startswith("No API token is set, neither in CKAN_API_TOKEN nor in the config file.")
    assert RecordingPortal.received == []


def test_a_bad_token_is_said_once_in_the_users_language_with_where_to_fix_it(tmp_path):
    """«Подробиці: the API token from … holds a space…»: the first line again, in English."""
    config = write_config(tmp_path / "c.toml", '[portal]\nurl = "http://127.0.0.1:9"\ntoken = "ab cd"\n')
    result = run_cli(*command_args("pull", tmp_path), "--config", config)
    assert result.returncode == 2 and "Подробиці" not in result.stderr
    assert "holds a space" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"Скопіюйте API-токен зі свого профілю на порталі («API Tokens») ще раз і запишіть його у файл "
        f'{config} одним рядком, без пробілів, у подвійних лапках: token = "…".'
    )
    env = {**os.environ, "CKAN_API_TOKEN": "ab cd"}
    args = [*command_args("pull", tmp_path), "--portal", "http://127.0.0.1:9", "--lang", "en"]
    variable = run_cli(*args, env=env)
    assert variable.stderr.strip().splitlines()[-1] == (
        "Copy the API token from your profile on the portal (“API Tokens”) again and set it in "
        "CKAN_API_TOKEN on one line, with no spaces."
    )


def test_a_bad_token_that_would_not_be_sent_stops_nothing(tmp_path, stranger):
    """The file's token was checked before it was kept from another portal: a token for
    https://data.kolomyia… with a space stopped a pull from a portal it would never go to."""
    config = write_config(tmp_path / "c.toml", '[portal]\nurl = "https://data.kolomyia.example.gov.ua"\n'
                                               'token = "ab cd"\n')  # fmt: skip
    config.chmod(0o600)
    result = run_cli(*stranger_command("pull", tmp_path), "--config", config, "--portal", stranger)
    assert "API-токен з" not in result.stderr and RecordingPortal.received == [None], result.stderr
    assert f"API-токен із файлу {config} призначено для https://data.kolomyia.example.gov.ua" in result.stderr


def test_a_download_answered_501_is_refused_at_once_not_retried(tmp_path):
    """A 501 says the server has no such thing: `pull`'s download asked five times, ~8 s,
    where the Action API (the same rule, once) gives up at the first answer."""
    answered: list[int] = []

    class NoSuchThing(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answered.append(501)
            self.send_error(501)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), NoSuchThing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        client = CkanClient(url, SECRET, backoff=0.01)
        with pytest.raises(PortalError, match="501") as raised:
            client.download(f"{url}/dataset/x/resource/y/download/plan.csv", tmp_path / "plan.csv")
    finally:
        server.shutdown()
        server.server_close()
    assert answered == [501] and client.retries == 0
    assert SECRET not in str(raised.value) and not (tmp_path / "plan.csv").exists()
