#!/usr/bin/env bash
# Score one split of the real corpus, ingested on its own.
#   REPO=/work/wt/tune5 TAG=t5 PART=tune bash samples/real/measure.sh
#   PART=holdout prints only the totals line (never a holdout file's misses);
#   ONLY=FILE (one file name a line) restricts the run to those files of the part.
# Prints evaluate.py's scores against the part's gold, then the facts loaded from the
# part's negative passages (manifest notes starting with NEGATIVE), which must be 0.
set -euo pipefail
REPO=${REPO:-$(pwd)}; TAG=${TAG:-t}; PART=${PART:-tune}; ONLY=${ONLY:-}
cd "$REPO"
DIR=/tmp/${TAG}_${PART}; DB=/tmp/${TAG}_${PART}.duckdb; GOLD=/tmp/${TAG}_gold
rm -rf "$DIR" "$DB"; mkdir -p "$DIR"
python3 - "$PART" "$DIR" "$ONLY" <<'PY'
import csv, shutil, sys
part, out, only = sys.argv[1:4]
keep = set(open(only, encoding="utf-8").read().split()) if only else None
for r in csv.DictReader(open("samples/real/manifest.csv", encoding="utf-8")):
    if r["split"] == part and (keep is None or r["file"] in keep):
        shutil.copy("samples/real/" + r["file"], out)
PY
python3 samples/real/split_gold.py --out "$GOLD" >/dev/null
if [ -n "$ONLY" ]; then
  python3 - "$GOLD/gold_real_$PART.csv" "$ONLY" <<'PY'
import csv, sys
path, only = sys.argv[1:3]
keep = set(open(only, encoding="utf-8").read().split())
rows = list(csv.DictReader(open(path, encoding="utf-8")))
with open(path, "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n"); w.writeheader()
    w.writerows(r for r in rows if r["source"] in keep)
PY
fi
.venv/bin/chiso ingest "$DIR" --db "$DB" >/tmp/${TAG}_${PART}_ingest.log 2>&1
if [ "$PART" = holdout ]; then
  .venv/bin/python samples/gold/evaluate.py --db "$DB" --gold "$GOLD/gold_real_$PART.csv" | tail -1
else
  .venv/bin/python samples/gold/evaluate.py --db "$DB" --gold "$GOLD/gold_real_$PART.csv" --show-misses
fi
.venv/bin/python - "$DB" "$PART" "$DIR" <<'PY'
import csv, os, sys, duckdb
db, part, folder = sys.argv[1:4]
neg = {r["file"] for r in csv.DictReader(open("samples/real/manifest.csv", encoding="utf-8"))
       if r["split"] == part and r["notes"].startswith("NEGATIVE") and os.path.exists(os.path.join(folder, r["file"]))}
con = duckdb.connect(db, read_only=True)
rows = con.execute("SELECT source_name, count(*) FROM facts GROUP BY 1").fetchall()
bad = [(s, n) for s, n in rows if s.rsplit("/", 1)[-1] in neg]
print(f"negatives: {sum(n for _, n in bad)} facts from {len(bad)} of {len(neg)} negative files")
if part != "holdout":
    for s, n in bad:
        print(f"    {s.rsplit('/', 1)[-1]}: {n}")
PY
