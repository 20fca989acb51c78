"""The command line in the user's language: help screens, placeholders, usage errors.

click words all of these in English. The Ukrainian comes from `help_uk` (help texts,
placeholders, click's own words) and `messages.USAGE_ERRORS`.
"""

from __future__ import annotations

import itertools
import os
import re

import click
from click.core import ParameterSource

from opendata.config import LOCAL_PORTAL
from opendata.messages import LANGUAGES, QUOTES, USAGE_ERRORS, path_reason


class TranslatedCommand(click.Command):
    """A command whose help screen is in the user's language (`help_uk`), click's own
    words included."""

    def get_help(self, ctx: click.Context) -> str:
        return _help_screen(super().get_help(ctx), ctx)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            _set_help(option, "--help", _help_lang(ctx))
        return option


# the English help and placeholders of each command and option (their docstrings,
# help= and click's metavars), kept while the Ukrainian ones are shown: a process may
# run commands in both languages
_ENGLISH: dict[tuple[click.Command | click.Parameter, str], str | None] = {}


def _in_lang(
    thing: click.Command | click.Parameter, attribute: str, ukrainian: str | None, lang: str
) -> None:
    """Set ``thing.attribute`` to ``ukrainian`` for Ukrainian (when there is one), else
    back to its English."""
    english = _ENGLISH.setdefault((thing, attribute), getattr(thing, attribute))
    setattr(thing, attribute, ukrainian if lang == "uk" and ukrainian is not None else english)


def translate_help(group: click.Group, lang: str) -> None:
    """Give the commands and their options the help and placeholders of ``lang``."""
    from opendata.help_uk import COMMANDS, METAVARS

    _in_lang(group, "subcommand_metavar", METAVARS.get(group.subcommand_metavar or ""), lang)
    for name, command in [("", group), *group.commands.items()]:
        _in_lang(command, "help", COMMANDS.get(name), lang)
        _in_lang(command, "options_metavar", METAVARS.get(command.options_metavar or ""), lang)
        for param in command.params:
            if isinstance(param, click.Option):
                _set_help(param, f"{name} {param.opts[-1]}".strip(), lang)
            _in_lang(param, "metavar", _ukrainian_metavar(param, METAVARS), lang)


def _set_help(option: click.Option, key: str, lang: str) -> None:
    """An option's help in ``lang``: help_uk's for "command --option" or "--option"."""
    from opendata.help_uk import OPTIONS

    ukrainian = OPTIONS.get(key) or OPTIONS.get(key.split(" ")[-1])
    _in_lang(option, "help", ukrainian.format(local=LOCAL_PORTAL) if ukrainian else None, lang)


def _ukrainian_metavar(param: click.Parameter, metavars: dict[str, str]) -> str | None:
    """The placeholder click would show for ``param`` ("TEXT", "[PATH]"), in Ukrainian;
    None where it shows none or its own list of choices."""
    english = _ENGLISH.get((param, "metavar"), param.metavar)  # by now the attribute may be Ukrainian
    if isinstance(param, click.Option) and (param.is_flag or isinstance(param.type, click.Choice)):
        return None
    word = english or (
        param.type.name.upper() if isinstance(param, click.Option) else (param.name or "").upper()
    )
    ukrainian = metavars.get(word)
    if ukrainian is None or english is not None:
        return ukrainian
    if isinstance(param, click.Argument) and not param.required:
        ukrainian = f"[{ukrainian}]"  # what click adds to a metavar it makes, not to one given
    return ukrainian + ("..." if param.nargs != 1 else "")


def _help_lang(ctx: click.Context) -> str:
    return getattr(ctx.find_root().command, "help_lang", "en")


def _help_screen(text: str, ctx: click.Context) -> str:
    """click's own words in a help screen ("Usage:", "Options:") in the help's language.
    A default given as text is shown as it is: click puts it in brackets, «[default:
    (datapackage)]», as if it were a note."""
    text = re.sub(r"(\[default:\s+)\(([^)]*)\)\]", r"\1\2]", text)
    if _help_lang(ctx) != "uk":
        return text
    from opendata.help_uk import CLICK_WORDS

    for english, ukrainian in CLICK_WORDS:
        text = re.sub(english, ukrainian, text, flags=re.MULTILINE)
    return text


def requested_lang(args: list[str]) -> str:
    """The language a command line asks for, before click has read it (a usage error
    comes first): its --lang, else OPENDATA_LANG, else Ukrainian."""
    lang = os.environ.get("OPENDATA_LANG", "uk")
    for arg, following in itertools.pairwise([*args, None]):
        if arg == "--lang" and following is not None:
            lang = following
        elif arg.startswith("--lang="):
            lang = arg.partition("=")[2]
    return lang if lang in LANGUAGES else "uk"


class TranslatedUsageError(click.UsageError):
    """click's usage error in the user's language: the usage line, where the help is,
    and what is wrong (click words it in English only)."""

    def __init__(self, error: click.UsageError, lang: str) -> None:
        super().__init__(_usage_problem(error, lang), error.ctx)
        self.lang = lang

    def show(self, file=None) -> None:
        ui = USAGE_ERRORS[self.lang]
        if self.ctx is not None:
            click.echo(_help_screen(self.ctx.get_usage(), self.ctx), file=file, err=True)
            click.echo(ui["help"].format(command=self.ctx.command_path) + "\n", file=file, err=True)
        click.echo(f"{ui['error']}: {self.message}", file=file, err=True)


def _usage_problem(error: click.UsageError, lang: str) -> str:
    """What is wrong, from the parts click keeps in the error; its own English words
    only where it keeps no parts (a usage error raised by a command is already said
    in the user's language)."""
    ui = USAGE_ERRORS[lang]

    def quoted(*names: str) -> str:
        return ", ".join(QUOTES[lang].format(name) for name in names)

    def guesses(possibilities: list[str] | None) -> str:
        return " " + ui["did_you_mean"].format(names=quoted(*possibilities)) if possibilities else ""

    param = getattr(error, "param", None)  # a bad or missing value's option or argument
    if param is not None:
        option = isinstance(param, click.Option)
        name = quoted(" / ".join(param.opts) if option else param.human_readable_name)
        if (
            error.ctx is not None
            and error.ctx.get_parameter_source(param.name or "") == ParameterSource.ENVIRONMENT
        ):
            name = quoted(str(param.envvar))  # OPENDATA_LANG=fr: not the option, which was not given
    if isinstance(error, click.MissingParameter) and param is not None:
        return ui["missing"].format(name=name)
    if isinstance(error, click.BadParameter) and param is not None:
        expected = _expected_value(param.type, ui)
        if expected is None:
            detail = path_reason(error.message.rstrip("."), lang)
            return ui["bad_value_detail"].format(name=name, detail=detail)
        return ui["bad_value"].format(name=name, expected=expected)
    if isinstance(error, click.NoSuchOption):
        return ui["no_such_option"].format(name=quoted(error.option_name)) + guesses(error.possibilities)
    if isinstance(error, click.exceptions.NoSuchCommand):
        return ui["no_such_command"].format(name=quoted(error.command_name)) + guesses(error.possibilities)
    if isinstance(error, click.BadOptionUsage) and "requires" in error.message:
        return ui["needs_value"].format(name=quoted(error.option_name))
    if error.message.startswith("Got unexpected extra argument"):
        return ui["extra_arguments"].format(values=error.message.partition("(")[2].rstrip(")"))
    return error.message


def _expected_value(kind: click.ParamType, ui: dict[str, str]) -> str | None:
    """What a value of this type must be, or None for a type without words here."""
    if isinstance(kind, click.Choice):
        return ui["choice"].format(choices=", ".join(map(str, kind.choices)))
    if isinstance(kind, click.DateTime):
        return ui["date"]
    if isinstance(kind, click.types.IntParamType | click.types.FloatParamType):
        words = ui["integer"] if isinstance(kind, click.types.IntParamType) else ui["number"]
        low, high = getattr(kind, "min", None), getattr(kind, "max", None)  # an IntRange's
        if low is not None and high is not None:
            return f"{words} {ui['between'].format(min=low, max=high)}"
        if low is not None:
            return f"{words} {ui['at_least'].format(min=low)}"
        if high is not None:
            return f"{words} {ui['at_most'].format(max=high)}"
        return words
    return None
