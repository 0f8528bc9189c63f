#!/usr/bin/env python3
"""Prints, as one bash script, the fenced code blocks of a Markdown file that are marked for a test.

A block is marked in its info string: ```sh test:NAME [background] [wait-url=URL] [wait-log=TEXT]
  test:NAME      the block belongs to the test NAME (several tests may share a file)
  background     a long-running command (a server, the card simulator): started in its own process
                 group, its output in $DOCS_TEST_LOGS, stopped by the harness at the end
  wait-url=URL   after starting it, wait until URL answers (any HTTP status)
  wait-log=TEXT  after starting it, wait until its output contains TEXT ('_' stands for a space)
  fails          the block shows a command that must fail (a refusal the doc announces)

Usage: doc-blocks.py FILE.md NAME [OLD NEW]...
The OLD NEW pairs are literal replacements applied to the blocks (and to wait targets): the
placeholders an operator fills in (<Organisation>, <SIREN>), and the host names and ports of a
deployment, which the harness replaces with its own. Everything else runs exactly as written.
"""
import re
import shlex
import sys

FENCE = re.compile(r"^(\s*)(```+|~~~+)(.*)$")


def blocks(path, name):
    lines = open(path, encoding="utf-8").read().splitlines()
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence, info = match.groups()
        body = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence):
            line = lines[i]
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            i += 1
        i += 1
        words = info.split()
        if ("test:" + name) in words:
            options = dict(word.split("=", 1) for word in words if "=" in word)
            options["_words"] = words
            yield "\n".join(body), "background" in words, options, path, i


def info_words(options):
    return options.get("_words", [])


def main():
    if len(sys.argv) < 3 or len(sys.argv) % 2 != 1:
        sys.exit(__doc__)
    path, name = sys.argv[1], sys.argv[2]
    pairs = list(zip(sys.argv[3::2], sys.argv[4::2]))

    def replaced(text):
        for old, new in pairs:
            text = text.replace(old, new)
        return text

    found = 0
    for body, background, options, source, line in blocks(path, name):
        found += 1
        body = replaced(body)
        print(f"docs_test_block {shlex.quote(source)} {line} {found}")
        if background:
            print(f"docs_test_background {found} <<'DOCS_TEST_BLOCK_END'\n{body}\nDOCS_TEST_BLOCK_END")
            if "wait-url" in options:
                print(f"docs_test_wait_url {shlex.quote(replaced(options['wait-url']))} {found}")
            if "wait-log" in options:
                print(f"docs_test_wait_log {shlex.quote(replaced(options['wait-log']).replace('_', ' '))} {found}")
        elif "fails" in info_words(options):
            print(f"if ( set -e\n{body}\n); then echo 'this block should have failed' >&2; false; fi")
        else:
            print(body)
    if found == 0:
        sys.exit(f"{path}: no code block is marked test:{name}")


if __name__ == "__main__":
    main()
