#!/usr/bin/env python3
"""Top frames of a JFR recording's CPU samples (async-profiler is not on this machine).

    jfr print --stack-depth 64 --events jdk.ExecutionSample recording.jfr > samples.txt
    benchmarks/jfr-top.py samples.txt [--from HH:MM:SS] [--to HH:MM:SS] [PREFIX ...]

Prints the sampled threads, the methods on top of the stack (self) and the methods anywhere in the
stack (inclusive), as a share of the samples; with PREFIXes, the inclusive list keeps only methods
whose name starts with one of them (e.g. fr.cartesagents org.bouncycastle). --from and --to keep the
samples of a time window (the startTime that `jfr print` shows), e.g. the measured issuances without
the server's start.
"""
import collections
import re
import sys


def started(sample):
    time = re.search(r"startTime = (\S+)", sample)
    return time.group(1) if time else ""


def main():
    text = open(sys.argv[1]).read()
    args = sys.argv[2:]
    window = {"--from": "", "--to": "99"}
    while args and args[0] in window:
        window[args[0]] = args[1]
        args = args[2:]
    prefixes = tuple(args)
    samples = [sample for sample in text.split("jdk.ExecutionSample")[1:]
               if window["--from"] <= started(sample) <= window["--to"]]
    threads, own, inclusive = collections.Counter(), collections.Counter(), collections.Counter()
    for sample in samples:
        thread = re.search(r'sampledThread = "([^"]+)"', sample)
        threads[re.sub(r"\d+", "N", thread.group(1)) if thread else "?"] += 1
        frames = re.findall(r"^\s+([\w.$<>]+)\(", sample, re.M)
        if frames:
            own[frames[0]] += 1
        for frame in set(frames):
            inclusive[frame] += 1
    n = len(samples) or 1
    print(f"{len(samples)} samples; threads: " + ", ".join(f"{t} {100 * c / n:.0f} %" for t, c in threads.most_common(8)))
    print("\nself:")
    for frame, count in own.most_common(25):
        print(f"  {100 * count / n:5.1f} %  {frame}")
    print("\ninclusive:")
    shown = 0
    for frame, count in inclusive.most_common():
        if prefixes and not frame.startswith(prefixes):
            continue
        print(f"  {100 * count / n:5.1f} %  {frame}")
        shown += 1
        if shown == 60:
            break


if __name__ == "__main__":
    main()
