#!/usr/bin/env python3
"""tools/wordnet_text.py [WORDNET_DIR] -- prints the glosses and usage
examples of WordNet (Debian wordnet-base: /usr/share/wordnet/data.{noun,
verb,adj,adv}) as plain text, one sentence a paragraph, for
`dateline train clusters` (data/models/README.md).

WordNet 3.0 Copyright 2006 by Princeton University (WordNet 3.0 licence:
use, copy, modify and distribute with the notice; see
/usr/share/doc/wordnet-base/copyright).
"""
import os
import sys

def main():
    wn = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
    out = sys.stdout
    for pos in ("noun", "verb", "adj", "adv"):
        path = os.path.join(wn, "data." + pos)
        with open(path, encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  ") or "|" not in line:   # licence header
                    continue
                for part in line.split("|", 1)[1].strip().split(";"):
                    p = part.strip().strip('"').strip()
                    if not p:
                        continue
                    if p[-1] not in ".?!":
                        p += "."
                    out.write(p[0].upper() + p[1:] + "\n\n")

if __name__ == "__main__":
    main()
