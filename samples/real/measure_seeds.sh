#!/usr/bin/env bash
# The seed letters and their renderings must stay at F1 1.000.
#   REPO=/work/wt/tune5 TAG=t5 bash samples/real/measure_seeds.sh
set -euo pipefail
REPO=${REPO:-$(pwd)}; TAG=${TAG:-t}
cd "$REPO"
rm -f /tmp/${TAG}_seeds.duckdb
.venv/bin/chiso ingest samples --db /tmp/${TAG}_seeds.duckdb >/tmp/${TAG}_seeds_ingest.log 2>&1
.venv/bin/python samples/gold/evaluate.py --db /tmp/${TAG}_seeds.duckdb --gold samples/gold/gold_seeds.csv | tail -1
