#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Man pages and shell completions of pluvia and pluvia-cli, made from the programs' own help.

Every option Pluvia's programs take is defined once, in the QCommandLineParser of its command;
`--help` prints those definitions. This script runs the built programs, reads their help and
writes what a package installs, so that the man pages and completions cannot drift from the
options:

    tools/cli_reference.py --cli build/app/pluvia-cli --gui build/app/pluvia --out DIR

writes DIR/man1/pluvia.1, DIR/man1/pluvia-cli.1, DIR/bash-completion/pluvia,
DIR/bash-completion/pluvia-cli, DIR/zsh/_pluvia and DIR/zsh/_pluvia-cli. The page date is
SOURCE_DATE_EPOCH's when set (reproducible builds), else today's.
"""

import argparse
import datetime
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field

# "  -v, --version          Displays version information."  /  "  --out <dir>   Output folder."
OPTION_LINE = re.compile(r"^  (?:-(\w), )?--([\w-]+)(?: <([^>]+)>)?(?:\s{2,}(.*))?$")
# "  action                list, show or export"
ARGUMENT_LINE = re.compile(r"^  (\S+)(?:\s{2,}(.*))?$")
# Value names that take a file or a folder, for the completions.
FILE_VALUES = {"file", "path", "image"}
FOLDER_VALUES = {"dir"}


@dataclass
class Option:
    long: str
    short: str = ""
    value: str = ""  # the value's name; "" for a flag
    text: str = ""


@dataclass
class Argument:
    name: str
    text: str = ""


@dataclass
class Command:
    name: str  # "" for the program itself
    summary: str = ""
    usage: str = ""
    description: str = ""
    options: list = field(default_factory=list)
    arguments: list = field(default_factory=list)
    notes: str = ""  # text after the parser's own sections (extra help)

    def actions(self):
        """The words of an argument named "action" ("list, show or export"), else []."""
        for argument in self.arguments:
            if argument.name == "action":
                words = re.split(r",\s*|\s+or\s+", argument.text.rstrip("."))
                return [w for w in (word.strip() for word in words) if re.fullmatch(r"[\w-]+", w)]
        return []


def run_help(program, *args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8")
    result = subprocess.run([program, *args, "--help"], capture_output=True, text=True, env=env,
                            timeout=120)
    if result.returncode != 0:
        sys.exit(f"cli_reference: {program} {' '.join(args)} --help failed "
                 f"({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def read_entry(line, entries, pattern, make):
    """One line of an Options: or Arguments: list: a new entry, or the description of the last
    one continued. False when the line is neither (the list has ended)."""
    match = pattern.match(line)
    if match and not line.startswith("   "):
        entries.append(make(match))
        return True
    if line.startswith("    ") and entries:
        entries[-1].text += " " + line.strip()
        return True
    return not line.strip()


def parse_help(name, text):
    """Reads QCommandLineParser's help: usage, description, Options:, Arguments:, the rest."""
    command = Command(name)
    lines = text.rstrip("\n").split("\n")
    if not lines or not lines[0].startswith("Usage: "):
        sys.exit(f"cli_reference: the help of '{name or 'the program'}' has no usage line")
    # Qt writes the program as it was started ("build/app/pluvia"); the page names it.
    program, _, rest = lines[0][len("Usage: "):].partition(" ")
    command.usage = " ".join(filter(None, (os.path.basename(program), rest)))
    section, description, notes = "description", [], []
    lists = {
        "options": (command.options, OPTION_LINE,
                    lambda m: Option(m.group(2), m.group(1) or "", m.group(3) or "",
                                     m.group(4) or "")),
        "arguments": (command.arguments, ARGUMENT_LINE,
                      lambda m: Argument(m.group(1), m.group(2) or "")),
    }
    for line in lines[1:]:
        if line in ("Options:", "Arguments:"):
            section = line[:-1].lower()
        elif section in lists:
            if not read_entry(line, *lists[section]):
                section = "notes"
                notes.append(line)
        elif section == "description":
            description.append(line)
        else:
            notes.append(line)
    command.description = "\n".join(description).strip("\n")
    command.notes = "\n".join(notes).strip("\n")
    # Qt's own --help-all is of no use to a reader of the page.
    command.options = [o for o in command.options if o.long != "help-all"]
    return command


def read_cli(cli):
    """pluvia-cli's commands from its usage ("  NAME  summary" under "commands:")."""
    overview = subprocess.run([cli, "--help"], capture_output=True, text=True).stdout
    listed = False
    commands = []
    for line in overview.split("\n"):
        if line.strip() == "commands:":
            listed = True
            continue
        match = re.match(r"^  ([\w-]+)\s{2,}(.*)$", line) if listed else None
        if match:
            command = parse_help(match.group(1), run_help(cli, match.group(1)))
            command.summary = match.group(2)
            commands.append(command)
    if not commands:
        sys.exit(f"cli_reference: {cli} --help lists no commands")
    return overview, commands


# --- man pages -----------------------------------------------------------------------------

def roff(text):
    """Text as roff: backslashes escaped, no line read as a request, minus signs as minus,
    other than ASCII as groff's Unicode escapes (any troff reads them, whatever its input
    encoding)."""
    out = []
    for line in text.split("\n"):
        line = line.replace("\\", "\\e").replace("-", "\\-")
        line = "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in line)
        if line.startswith((".", "'")):
            line = "\\&" + line
        out.append(line)
    return "\n".join(out)


def roff_paragraphs(text):
    """Text whose indented lines keep their layout (tables in the help) and the rest flows."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        if any(line.startswith("  ") for line in block.split("\n")):
            out += [".PP", ".nf", roff(block), ".fi"]
        else:
            out += [".PP", roff(block)]
    return out


def roff_options(options):
    out = []
    for option in options:
        head = f"\\fB\\-\\-{roff(option.long)}\\fR"
        if option.short:
            head = f"\\fB\\-{option.short}\\fR, " + head
        if option.value:
            head += f" \\fI{roff(option.value)}\\fR"
        out += [".TP", head, roff(option.text)]
    return out


def man_header(name, version, date, summary):
    return [f'.TH {name.upper()} 1 "{date}" "Pluvia {version}" "User Commands"',
            ".SH NAME", f"{roff(name)} \\- {roff(summary)}"]


def man_cli(overview, commands, version, date):
    out = man_header("pluvia-cli", version, date,
                     "Pluvia's engine without a display: datasets, training, deraining, "
                     "evaluation")
    out += [".SH SYNOPSIS", "\\fBpluvia\\-cli\\fR \\fIcommand\\fR [\\fIoptions\\fR]",
            ".br", "\\fBpluvia\\-cli\\fR \\fIcommand\\fR \\fB\\-\\-help\\fR",
            ".SH DESCRIPTION"]
    out += roff_paragraphs(
        "pluvia-cli does everything Pluvia's workbench does, from a terminal or a script: it "
        "creates the demo workspace, inspects and synthesizes datasets, trains the methods "
        "(JRGR, DerainCycleGAN, UDRDR, the time-lapse method and a supervised baseline), "
        "keeps every run in the workspace's store, derains images, evaluates and compares "
        "checkpoints, and exports models, weights and generated datasets. Every command "
        "prints its own help with --help; this page holds all of them.")
    out += [".SH COMMANDS"]
    for command in commands:
        out += [".TP", f"\\fB{roff(command.name)}\\fR", roff(command.summary)]
    for command in commands:
        out += [f'.SH "{roff(command.name.upper())}"', ".nf",
                f"\\fB{roff(command.usage)}\\fR", ".fi"]
        out += roff_paragraphs(command.description) if command.description else []
        if command.arguments:
            out += [".SS Arguments"]
            for argument in command.arguments:
                out += [".TP", f"\\fI{roff(argument.name)}\\fR", roff(argument.text)]
        if command.options:
            out += [".SS Options"] + roff_options(command.options)
        if command.notes:
            out += roff_paragraphs(command.notes)
    out += [".SH EXIT STATUS", ".TP", "0", "Success.", ".TP", "1",
            "The command failed; the message names the file and the problem.", ".TP", "2",
            "The command line was wrong (unknown option, missing value).",
            ".SH SEE ALSO", "\\fBpluvia\\fR(1)"]
    return "\n".join(out) + "\n"


def man_gui(command, version, date):
    out = man_header("pluvia", version, date,
                     "research workbench for single-image rain removal")
    out += [".SH SYNOPSIS", f"\\fB{roff(command.usage)}\\fR", ".SH DESCRIPTION"]
    out += roff_paragraphs(
        "Pluvia trains and monitors deraining models, shows the layers a rainy image "
        "decomposes into (background and rain), derains chosen photographs, compares "
        "synthetic and real rain on feature maps and exports generated rainy datasets. "
        "Given an image, it opens it in the layer viewer with the last checkpoint used; "
        "given a folder, it opens it as a workspace.")
    if command.description:
        out += roff_paragraphs(command.description)
    if command.arguments:
        out += [".SH ARGUMENTS"]
        for argument in command.arguments:
            out += [".TP", f"\\fI{roff(argument.name)}\\fR", roff(argument.text)]
    out += [".SH OPTIONS"] + roff_options(command.options)
    out += [".SH SEE ALSO", "\\fBpluvia\\-cli\\fR(1)"]
    return "\n".join(out) + "\n"


# --- completions ---------------------------------------------------------------------------

def value_kind(option):
    value = option.value.lower()
    if value in FOLDER_VALUES:
        return "folder"
    if value in FILE_VALUES:
        return "file"
    return "word" if value else ""


def option_words(command):
    words = []
    for option in command.options:
        words.append("--" + option.long)
        if option.short:
            words.append("-" + option.short)
    return words


def bash_values(command, indent):
    """A bash `case "$prev"` that completes the value of the command's options taking a file,
    a folder (only folders) or a word (nothing to offer); [] when it has none of them."""
    arms = {"file": [], "folder": [], "word": []}
    for option in command.options:
        kind = value_kind(option)
        if kind:
            arms[kind].append("--" + option.long)
    lines = []
    for kind, action in (("folder", "compgen -d -- \"$cur\""),
                         ("file", "compgen -f -- \"$cur\""), ("word", "")):
        if arms[kind]:
            reply = f"COMPREPLY=($({action}))" if action else "COMPREPLY=()"
            lines.append(f"{indent}    {'|'.join(arms[kind])}) {reply}; return ;;")
    return [f"{indent}case \"$prev\" in", *lines, f"{indent}esac"] if lines else []


def bash_cli(commands):
    names = " ".join(command.name for command in commands)
    out = ["# bash completion for pluvia-cli (made by tools/cli_reference.py from its --help)",
           "_pluvia_cli() {",
           "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"",
           "    if [ \"$COMP_CWORD\" -eq 1 ]; then",
           f"        COMPREPLY=($(compgen -W \"{names} --help\" -- \"$cur\"))",
           "        return",
           "    fi",
           "    local command=\"${COMP_WORDS[1]}\"",
           "    case \"$command\" in"]
    for command in commands:
        values = bash_values(command, "            ")
        if values:
            out += [f"        {command.name})", *values, "            ;;"]
    out += ["    esac", "    local words=\"\" actions=\"\"", "    case \"$command\" in"]
    for command in commands:
        actions = " ".join(command.actions())
        action_part = f" actions=\"{actions}\"" if actions else ""
        out.append(f"        {command.name}) words=\"{' '.join(option_words(command))}\""
                   f"{action_part} ;;")
    out += ["    esac",
            "    if [[ \"$cur\" == -* ]]; then",
            "        COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))",
            "    elif [ -n \"$actions\" ] && [ \"$COMP_CWORD\" -eq 2 ]; then",
            "        COMPREPLY=($(compgen -W \"$actions\" -- \"$cur\"))",
            "    else",
            "        COMPREPLY=($(compgen -f -- \"$cur\"))",
            "    fi",
            "}",
            "complete -o filenames -F _pluvia_cli pluvia-cli"]
    return "\n".join(out) + "\n"


def bash_gui(command):
    out = ["# bash completion for pluvia (made by tools/cli_reference.py from its --help)",
           "_pluvia() {",
           "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"",
           *bash_values(command, "    "),
           "    if [[ \"$cur\" == -* ]]; then",
           f"        COMPREPLY=($(compgen -W \"{' '.join(option_words(command))}\" -- \"$cur\"))",
           "    else",
           "        COMPREPLY=($(compgen -f -- \"$cur\"))",
           "    fi",
           "}",
           "complete -o filenames -F _pluvia pluvia"]
    return "\n".join(out) + "\n"


def zsh_quote(text):
    """A description inside '…[…]' of _arguments: no brackets, colons or single quotes."""
    text = re.sub(r"\s+", " ", text).strip()
    text = text.replace("'", "’").replace("[", "(").replace("]", ")").replace(":", " -")
    text = text.replace("\\", "\\\\")
    return text[:120]


def zsh_specs(command):
    specs = []
    for option in command.options:
        action = {"folder": "_files -/", "file": "_files", "word": " "}.get(value_kind(option))
        value = f":{zsh_quote(option.value)}:{action}" if action else ""
        names = f"--{option.long}"
        if option.short:
            names = f"(-{option.short} --{option.long})'{{-{option.short},--{option.long}}}'"
            specs.append(f"        {names}'[{zsh_quote(option.text)}]{value}'")
        else:
            specs.append(f"        '{names}[{zsh_quote(option.text)}]{value}'")
    actions = command.actions()
    if actions:
        specs.append(f"        '1:action:({' '.join(actions)})'")
    specs.append("        '*:file:_files'")
    return specs


def zsh_cli(commands):
    out = ["#compdef pluvia-cli",
           "# zsh completion for pluvia-cli (made by tools/cli_reference.py from its --help)",
           "_pluvia_cli() {",
           "    local -a commands",
           "    commands=("]
    for command in commands:
        out.append(f"        '{command.name}:{zsh_quote(command.summary)}'")
    out += ["    )",
            "    if (( CURRENT == 2 )); then",
            "        _describe -t commands 'pluvia-cli command' commands",
            "        return",
            "    fi",
            "    local command=$words[2]",
            "    shift words",
            "    (( CURRENT-- ))",
            "    case $command in"]
    for command in commands:
        out.append(f"    {command.name})")
        out.append("        _arguments -s \\")
        out.append(" \\\n".join(zsh_specs(command)) + " ;;")
    out += ["    esac", "}", "_pluvia_cli \"$@\""]
    return "\n".join(out) + "\n"


def zsh_gui(command):
    out = ["#compdef pluvia",
           "# zsh completion for pluvia (made by tools/cli_reference.py from its --help)",
           "_arguments -s \\"]
    out.append(" \\\n".join(zsh_specs(command)))
    return "\n".join(out) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cli", required=True, help="the built pluvia-cli")
    parser.add_argument("--gui", required=True, help="the built pluvia")
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--version", default="", help="Pluvia's version for the pages")
    args = parser.parse_args()

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch
            else datetime.datetime.now(datetime.timezone.utc))
    date = when.strftime("%Y-%m-%d")

    overview, commands = read_cli(args.cli)
    gui = parse_help("", run_help(args.gui))
    out = args.out
    write(os.path.join(out, "man1", "pluvia-cli.1"),
          man_cli(overview, commands, args.version, date))
    write(os.path.join(out, "man1", "pluvia.1"), man_gui(gui, args.version, date))
    write(os.path.join(out, "bash-completion", "pluvia-cli"), bash_cli(commands))
    write(os.path.join(out, "bash-completion", "pluvia"), bash_gui(gui))
    write(os.path.join(out, "zsh", "_pluvia-cli"), zsh_cli(commands))
    write(os.path.join(out, "zsh", "_pluvia"), zsh_gui(gui))


if __name__ == "__main__":
    main()
