#!/usr/bin/env bash
# reemud krige --sim: columns and order, data honoured at their nodes, the
# same bytes for the same seed and any thread count, --nscore keeps values in
# the data's range, and usage errors.
set -uo pipefail
: "${REEMUD:?}" "${REEMUD_TEST_TMP:?}"
t="$REEMUD_TEST_TMP/krige_sim"; rm -rf "$t"; mkdir -p "$t"
fail() { echo "FAIL: $*" >&2; exit 1; }
cat > "$t/data.csv" <<'CSV'
x,y,v
5,5,1.5
45,25,-0.5
95,95,2.0
25,75,120
CSV
head -4 "$t/data.csv" > "$t/scores.csv"
model="0.1 Nug + 0.9 Sph(40)"
grid=5:10:10,5:10:10
"$REEMUD" krige --data "$t/scores.csv" --coords x,y --value v --model "$model" --grid $grid \
  --sim 3 --seed 5 --nmax 16 --threads 1 --out "$t/a.csv" || fail "sim run"
"$REEMUD" krige --data "$t/scores.csv" --coords x,y --value v --model "$model" --grid $grid \
  --sim 3 --seed 5 --nmax 16 --threads 3 --out "$t/b.csv" || fail "sim run, 3 threads"
cmp -s "$t/a.csv" "$t/b.csv" || fail "1 and 3 threads differ"
"$REEMUD" krige --data "$t/scores.csv" --coords x,y --value v --model "$model" --grid $grid \
  --sim 3 --seed 6 --nmax 16 --out "$t/c.csv" || fail "sim run, seed 6"
cmp -s "$t/a.csv" "$t/c.csv" && fail "seeds 5 and 6 give the same realizations"
python3 - "$t/a.csv" <<'PY' || exit 1
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert list(rows[0].keys()) == ["x", "y", "v_sim1", "v_sim2", "v_sim3"], rows[0].keys()
assert len(rows) == 100
# x fastest, then y
assert (float(rows[1]["x"]), float(rows[1]["y"])) == (15.0, 5.0)
assert (float(rows[10]["x"]), float(rows[10]["y"])) == (5.0, 15.0)
node = {(float(r["x"]), float(r["y"])): r for r in rows}
for (x, y, v) in [(5, 5, 1.5), (45, 25, -0.5), (95, 95, 2.0)]:
    for k in ("v_sim1", "v_sim2", "v_sim3"):
        assert float(node[(x, y)][k]) == v, (x, y, k, node[(x, y)][k])
vals = [float(r[k]) for r in rows for k in ("v_sim1", "v_sim2", "v_sim3")]
assert all(math.isfinite(v) for v in vals), "non-finite simulated value"
assert len(set(vals)) > 250, "realizations do not vary"
PY
"$REEMUD" krige --data "$t/data.csv" --coords x,y --value v --model "$model" --grid $grid \
  --sim 2 --seed 1 --nscore --out "$t/n.csv" || fail "nscore run"
python3 - "$t/n.csv" <<'PY' || exit 1
import csv, math, sys
vals = [float(r[k]) for r in csv.DictReader(open(sys.argv[1])) for k in ("v_sim1", "v_sim2")]
assert all(math.isfinite(v) for v in vals), "non-finite simulated value"
assert min(vals) >= -0.5 and max(vals) <= 120, (min(vals), max(vals))
PY
"$REEMUD" krige --data "$t/data.csv" --coords x,y --value v --model "$model" \
  --targets "$t/data.csv" --sim 2 --out "$t/x.csv" 2>/dev/null
[ $? -eq 2 ] || fail "--sim without --grid must be a usage error"
"$REEMUD" krige --data "$t/data.csv" --coords x,y --value v --model "$model" --grid $grid \
  --seed 3 --out "$t/y.csv" 2>/dev/null
[ $? -eq 2 ] || fail "--seed without --sim must be a usage error"
for extra in "--octant 2" "--search euclidean" "--nmin 3"; do
  "$REEMUD" krige --data "$t/data.csv" --coords x,y --value v --model "$model" --grid $grid \
    --sim 2 $extra --out "$t/z.csv" 2>/dev/null
  [ $? -eq 2 ] || fail "--sim with $extra must be a usage error, not ignored"
done
echo ok
