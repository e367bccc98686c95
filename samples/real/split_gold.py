#!/usr/bin/env python3
"""Write the tune and holdout gold files from the manifest's `split` column.

    python samples/real/split_gold.py            # writes /tmp/gold_real_tune.csv and /tmp/gold_real_holdout.csv
    python samples/real/split_gold.py --out DIR  # or into DIR

Standard library only. Every gold row goes to the split of its source file.
"""
import argparse, csv, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp")
    ap.add_argument("--gold", default=str(HERE.parent / "gold" / "gold_real.csv"))
    ap.add_argument("--manifest", default=str(HERE / "manifest.csv"))
    a = ap.parse_args()
    split = {r["file"]: r["split"] for r in csv.DictReader(open(a.manifest, encoding="utf-8"))}
    with open(a.gold, encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    unknown = sorted({r["source"] for r in rows} - set(split))
    if unknown:
        sys.exit(f"gold sources missing from the manifest: {unknown}")
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for part in ("tune", "holdout"):
        path = out / f"gold_real_{part}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields)
            w.writeheader()
            mine = [r for r in rows if split[r["source"]] == part]
            w.writerows(mine)
        files = sum(1 for v in split.values() if v == part)
        print(f"{path}: {len(mine)} gold facts from {len({r['source'] for r in mine})} of {files} {part} files")


if __name__ == "__main__":
    main()
