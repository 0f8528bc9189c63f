#!/usr/bin/env python3
"""Top frames of a JFR recording's CPU samples (async-profiler is not on this machine).

    jfr print --stack-depth 64 --events jdk.ExecutionSample recording.jfr > samples.txt
    benchmarks/jfr-top.py samples.txt [PREFIX ...]

Prints the sampled threads, the methods on top of the stack (self) and the methods anywhere in the
stack (inclusive), as a share of the samples; with PREFIXes, the inclusive list keeps only methods
whose name starts with one of them (e.g. fr.cartesagents org.bouncycastle).
"""
import collections
import re
import sys


def main():
    text = open(sys.argv[1]).read()
    prefixes = tuple(sys.argv[2:])
    samples = text.split("jdk.ExecutionSample")[1:]
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
