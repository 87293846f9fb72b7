# Regenerate the bad-input cases from tests/data/good/basic, one defect each
# (run from the repository root: python3 tests/data/bad/make_cases.py).
# Each case dir gets project.ini, collars.csv, assays.csv and `expect`: the
# strings that reemud check must print on stderr.
import os, re
src = "tests/data/good/basic"
good = {f: open(f"{src}/{f}").read() for f in ("project.ini", "collars.csv", "assays.csv")}
def lines(f): return good[f].splitlines(keepends=True)
def setline(f, i, text):  # i is the 1-based line number
    L = lines(f); L[i-1] = text + "\n"; return "".join(L)
def subline(f, i, old, new):
    L = lines(f); assert old in L[i-1], (f, i, old); L[i-1] = L[i-1].replace(old, new, 1); return "".join(L)
def cell(f, i, col, value):
    L = lines(f); hdr = L[0].rstrip("\n").split(","); c = hdr.index(col)
    row = L[i-1].rstrip("\n").split(","); row[c] = value; L[i-1] = ",".join(row) + "\n"; return "".join(L)
A, C, P = "assays.csv", "collars.csv", "project.ini"
cases = {
 "missing_column":   ({A: good[A].replace(",Ce,", ",Cerium,", 1)}, ["assays.csv:1: field 'Ce': required column is missing"]),
 "not_a_number":     ({A: cell(A, 3, "La", "abc")}, ["assays.csv:3: field 'La': 'abc' is not a number"]),
 "nan_value":        ({A: cell(A, 4, "Ce", "NaN")}, ["assays.csv:4: field 'Ce'", "NaN or infinity"]),
 "inf_value":        ({C: cell(C, 2, "length_m", "inf")}, ["collars.csv:2: field 'length_m'", "not a finite number"]),
 "negative_grade":   ({A: cell(A, 5, "Dy", "-3.5")}, ["assays.csv:5: field 'Dy': negative grade -3.5 ppm"]),
 "grade_over_whole": ({A: cell(A, 6, "Nd", "1500000")}, ["assays.csv:6: field 'Nd'", "exceeds 1,000,000 ppm"]),
 "from_ge_to":       ({A: cell(A, 3, "to_m", "0.5")}, ["assays.csv:3: field 'to_m': to_m 0.5 is not greater than from_m 0.5"]),
 "overlap":          ({A: cell(A, 4, "from_m", "1.2")}, ["assays.csv:4: field 'from_m'", "overlaps 0.5-1.5 m on line 3"]),
 "past_core_length": ({A: cell(A, 4, "to_m", "3.5")}, ["assays.csv:4: field 'to_m': to_m 3.5 is past the core length 3 m of hole 'MT01'"]),
 "unknown_hole":     ({A: cell(A, 6, "hole_id", "MT99")}, ["assays.csv:6: field 'hole_id': assays for hole 'MT99'"]),
 "duplicate_hole":   ({C: setline(C, 4, "MT01,154.00,22.20,5650,4.0")}, ["collars.csv:4: field 'hole_id': duplicate hole id 'MT01' (first on line 2)"]),
 "lon_out_of_range": ({C: cell(C, 2, "lon", "213.6")}, ["collars.csv:2: field 'lon': 213.6 is outside [-180, 180]"]),
 "lat_out_of_range": ({C: cell(C, 3, "lat", "-95")}, ["collars.csv:3: field 'lat': -95 is outside [-90, 90]"]),
 "broken_quoting":   ({A: cell(A, 3, "sample", 'S"2')}, ["assays.csv:3: field 'sample': malformed quoting"]),
 "unterminated_quote": ({A: cell(A, 5, "sample", '"S4')}, ["assays.csv:5: field 'sample': unterminated quoted field"]),
 "empty_file":       ({A: ""}, ["assays.csv:1: file is empty"]),
 "empty_collars":    ({C: ""}, ["collars.csv:1: file is empty"]),
 "header_only":      ({A: lines(A)[0]}, ["assays.csv:1: no data rows after the header"]),
 "huge_number":      ({A: cell(A, 2, "Y", "1e999")}, ["assays.csv:2: field 'Y': '1e999' is out of range"]),
 "wrong_field_count": ({A: subline(A, 7, ",S6", ",S6,extra")}, ["assays.csv:7: row has 21 fields, the header has 20"]),
 "empty_grade":      ({A: cell(A, 8, "Tb", "")}, ["assays.csv:8: field 'Tb': empty value"]),
 "unknown_project_key": ({P: good[P].replace("coords = lonlat", "coords = lonlat\ncoordinates = xy")}, ["project.ini:11: unknown key 'coordinates' in [data]"]),
 "wrong_type_project": ({P: good[P].replace("length_m = 1.0", "length_m = one")}, ["project.ini:13: field 'composite.length_m': 'one' is not a number"]),
 "out_of_range_project": ({P: good[P].replace("min_coverage = 0.5", "min_coverage = 2")}, ["project.ini:14: field 'composite.min_coverage': 2 is outside [0, 1]"]),
 "unknown_section":  ({P: good[P] + "\n[colours]\nbackground = blue\n"}, ["project.ini:18: unknown section [colours]"]),
 "bad_crs":          ({P: good[P].replace("crs = EPSG:32656", "crs = EPSG:4326")}, ["project.ini:4: field 'project.crs': 'EPSG:4326' is not a projected CRS"]),
 "duplicate_project_key": ({P: good[P].replace("seed = 7", "seed = 7\nseed = 8")}, ["project.ini:6:", "repeats line 5"]),
 "bad_supply_years": ({P: good[P] + "\n[supply]\nyears = banana\n"}, ["project.ini:18: field 'supply.years': 'banana'"]),
 "many_problems":    ({A: cell(A, 2, "La", "x").replace("MT02,0,1,", "MT02,1,0,", 1), C: cell(C, 3, "lat", "91")},
                      ["collars.csv:3: field 'lat'", "assays.csv:2: field 'La'", "assays.csv:5: field 'to_m'"]),
}
for name, (files, expect) in cases.items():
    d = f"tests/data/bad/{name}"
    os.makedirs(d, exist_ok=True)
    for f in (P, C, A):
        open(f"{d}/{f}", "w").write(files.get(f, good[f]))
    open(f"{d}/expect", "w").write("\n".join(expect) + "\n")
print(len(cases), "cases")
