#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# convolve-cli end to end: the exit statuses and the stdout formats that
# scripts rely on. TAP output. Usage: test-cli.sh PATH/TO/convolve-cli

set -u

real_cli=${1:?usage: test-cli.sh PATH/TO/convolve-cli}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# GdkPixbuf 2.44 (Debian testing, build-aux/dev test-newer) decodes images
# through glycin, which says on stderr, for every image, that it cannot
# sandbox its loaders where bubblewrap cannot make a user namespace (in a
# chroot): the platform's notice, not the CLI's. The CLI runs through a
# wrapper that drops that one line, synchronously, and keeps the exit
# status; every other line on stderr still counts.
cli=$tmp/convolve-cli
cat > "$cli" <<WRAPPER
#!/bin/bash
{ "$(realpath "$real_cli")" "\$@" 2>&1 1>&3 3>&- \\
    | { grep -v '^WARNING: Glycin running without sandbox' || true; } >&2; } 3>&1
exit \${PIPESTATUS[0]}
WRAPPER
chmod +x "$cli"

n=0
failed=0
ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}
not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  # diagnostics as TAP comments, every line of them
  local text
  for text in "$@"; do
    printf '%s\n' "$text" | sed 's/^/# /'
  done
}
# Three UCI digits (a 0, a 1, a 0), with labels, and without.
cat > "$tmp/rows65.csv" <<'EOF'
0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0,0
0,0,0,12,13,5,0,0,0,0,0,11,16,9,0,0,0,0,3,15,16,6,0,0,0,7,15,16,16,2,0,0,0,0,1,16,16,3,0,0,0,0,1,16,16,6,0,0,0,0,1,16,16,6,0,0,0,0,0,11,16,10,0,0,1
0,0,1,9,15,11,0,0,0,0,11,16,8,14,6,0,0,2,16,10,0,9,9,0,0,1,16,4,0,8,8,0,0,4,16,4,0,8,8,0,0,1,16,5,1,11,3,0,0,0,12,12,10,10,0,0,0,0,1,10,13,3,0,0,0
EOF
cut -d, -f1-64 "$tmp/rows65.csv" > "$tmp/rows64.csv"
# line 2 holds a 17
sed '2s/^0,0,0,12,/0,0,0,17,/' "$tmp/rows64.csv" > "$tmp/bad.csv"

echo "1..30"

# 1 help
"$cli" --help > "$tmp/out" 2> "$tmp/err"
rc=$?
if [[ $rc -eq 0 ]] && grep -qw train "$tmp/out" && grep -qw eval "$tmp/out" \
   && grep -qw classify "$tmp/out" && grep -qw bench "$tmp/out"; then
  ok "--help exits 0 and names every command"
else
  not_ok "--help exits 0 and names every command" "exit $rc" "$(cat "$tmp/out")"
fi

# 2 a command's help
"$cli" train --help > "$tmp/out" 2> "$tmp/err"
rc=$?
if [[ $rc -eq 0 ]] && grep -q -- '--epochs' "$tmp/out" && grep -q -- '--preset' "$tmp/out"; then
  ok "train --help exits 0 and lists its options"
else
  not_ok "train --help exits 0 and lists its options" "exit $rc"
fi

# 3 unknown command: a usage error
"$cli" frobnicate > "$tmp/out" 2> "$tmp/err"
rc=$?
if [[ $rc -eq 2 ]] && grep -q '^convolve-cli: .*frobnicate' "$tmp/err" && [[ ! -s $tmp/out ]]; then
  ok "an unknown command exits 2 with a message on stderr"
else
  not_ok "an unknown command exits 2 with a message on stderr" "exit $rc" "$(cat "$tmp/err")"
fi

# 4 bad option values: usage errors too (--augment: none, shift or full,
# and --no-augment is none)
"$cli" train --preset cats -o "$tmp/x.cnvm" > "$tmp/out" 2> "$tmp/err"
rc=$?
"$cli" train --augment cats -o "$tmp/x.cnvm" > "$tmp/out" 2> "$tmp/err2"
rc2=$?
"$cli" train --augment full --no-augment -o "$tmp/x.cnvm" > "$tmp/out" 2> "$tmp/err3"
rc3=$?
if [[ $rc -eq 2 && $rc2 -eq 2 && $rc3 -eq 2 ]] && grep -q '^convolve-cli: ' "$tmp/err" \
   && grep -q '^convolve-cli: --augment' "$tmp/err2" && grep -q '^convolve-cli: ' "$tmp/err3" \
   && [[ ! -e $tmp/x.cnvm ]]; then
  ok "train with a bad --preset or --augment exits 2 and writes nothing"
else
  not_ok "train with a bad --preset or --augment exits 2 and writes nothing" "exit $rc $rc2 $rc3" \
         "$(cat "$tmp/err" "$tmp/err2" "$tmp/err3")"
fi

# 5 train
"$cli" train --preset zero-or-one --epochs 15 -o "$tmp/m.cnvm" > "$tmp/train.out" 2> "$tmp/err"
rc=$?
if [[ $rc -eq 0 && -s $tmp/m.cnvm ]] \
   && grep -Pq '^test accuracy: 0\.99\d\d$|^test accuracy: 1\.0000$' "$tmp/train.out" \
   && [[ $(wc -l < "$tmp/train.out") -eq 1 ]] \
   && grep -q '^epoch 15/15  loss [0-9.]*  train [0-9.]*  test [0-9.]*$' "$tmp/err"; then
  ok "train zero-or-one, 15 epochs: test accuracy ≥ 0.99, progress on stderr"
else
  not_ok "train zero-or-one, 15 epochs: test accuracy ≥ 0.99, progress on stderr" \
         "exit $rc" "$(cat "$tmp/train.out")" "$(tail -n 3 "$tmp/err")"
fi

# 6 eval
"$cli" eval "$tmp/m.cnvm" > "$tmp/out" 2> "$tmp/err"
rc=$?
# accuracy line, calibration error line, header row with classes 0 and 1,
# one row per true class whose counts add up to the 72 zero-or-one test
# digits (360 · 361/1797), then per class its precision and recall, as
# the matrix gives them: recall = diagonal / row, precision = diagonal /
# column
expected_classes=$(sed -n 4,5p "$tmp/out" | awk '
  { row[NR - 1] = $2 + $3; d[NR - 1] = NR == 1 ? $2 : $3; col0 += $2; col1 += $3 }
  END { printf "class 0 precision %.4f recall %.4f\n", d[0] / col0, d[0] / row[0];
        printf "class 1 precision %.4f recall %.4f\n", d[1] / col1, d[1] / row[1] }')
if [[ $rc -eq 0 ]] && head -n 1 "$tmp/out" | grep -Pq '^accuracy: [01]\.\d{4}$' \
   && sed -n 2p "$tmp/out" | grep -Pq '^ece: 0\.\d{4}$' \
   && sed -n 3p "$tmp/out" | grep -Pq '^\S+ +0 +1$' \
   && [[ $(wc -l < "$tmp/out") -eq 7 ]] \
   && [[ $(sed -n 4,5p "$tmp/out" | awk '{ s += $2 + $3 } END { print s }') -eq 72 ]] \
   && [[ "$(tail -n 2 "$tmp/out")" == "$expected_classes" ]]; then
  ok "eval prints the accuracy, the ece, the confusion matrix, then precision and recall per class"
else
  not_ok "eval prints the accuracy, the ece, the confusion matrix, then precision and recall per class" \
         "exit $rc" "$(cat "$tmp/out")" "$(cat "$tmp/err")" "expected:" "$expected_classes"
fi

# 6b precision and recall where they differ: the three digits (0, 1, 0)
# with the first 0 labelled 1 — true 1 predicted 0 once
sed '1s/,0$/,1/' "$tmp/rows65.csv" > "$tmp/mislabelled.csv"
"$cli" eval "$tmp/m.cnvm" --csv "$tmp/mislabelled.csv" > "$tmp/out6b" 2> "$tmp/err"
rc=$?
if [[ $rc -eq 0 ]] && [[ "$(tail -n 2 "$tmp/out6b")" == "class 0 precision 0.5000 recall 1.0000
class 1 precision 1.0000 recall 0.5000" ]]; then
  ok "eval: precision is per predicted class, recall per true class"
else
  not_ok "eval: precision is per predicted class, recall per true class" "exit $rc" "$(cat "$tmp/out6b" "$tmp/err")"
fi

# 7 eval agrees with train about the accuracy
if [[ "$(head -n 1 "$tmp/out")" == "$(sed 's/^test //' "$tmp/train.out")" ]]; then
  ok "eval reports the accuracy train reported"
else
  not_ok "eval reports the accuracy train reported" "$(head -n 1 "$tmp/out")" "$(cat "$tmp/train.out")"
fi

# 8, 9 classify, with and without labels
for kind in 65 64; do
  "$cli" classify "$tmp/m.cnvm" "$tmp/rows$kind.csv" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  # 3 lines of "class p0 p1", probabilities summing to 1, and the class the
  # argmax; the digits are 0, 1, 0 and a zero-or-one model gets them right
  if [[ $rc -eq 0 ]] && [[ $(wc -l < "$tmp/out") -eq 3 ]] \
     && awk 'NF != 3 || $1 !~ /^[01]$/ || ($2 + $3 - 1) ^ 2 > 1e-6 \
             || ($1 == 0 && $2 < $3) || ($1 == 1 && $3 < $2) { bad = 1 } END { exit bad }' "$tmp/out" \
     && [[ "$(cut -d' ' -f1 "$tmp/out" | tr -d '\n')" == "010" ]]; then
    ok "classify, $kind values a row: class and probabilities per row"
  else
    not_ok "classify, $kind values a row: class and probabilities per row" "exit $rc" "$(cat "$tmp/out")" "$(cat "$tmp/err")"
  fi
done

# 10 classify a bad CSV
"$cli" classify "$tmp/m.cnvm" "$tmp/bad.csv" > "$tmp/out" 2> "$tmp/err"
rc=$?
if [[ $rc -eq 1 ]] && grep -q '^convolve-cli: .*line 2\b' "$tmp/err" && [[ ! -s $tmp/out ]]; then
  ok "classify rejects a value of 17 and names line 2"
else
  not_ok "classify rejects a value of 17 and names line 2" "exit $rc" "$(cat "$tmp/err")" "$(cat "$tmp/out")"
fi

# 11 eval of a truncated model
size=$(stat -c %s "$tmp/m.cnvm")
head -c $((size / 2)) "$tmp/m.cnvm" > "$tmp/cut.cnvm"
"$cli" eval "$tmp/cut.cnvm" > "$tmp/out" 2> "$tmp/err"
rc=$?
if [[ $rc -eq 1 ]] && grep -q '^convolve-cli: .*cut\.cnvm: ..' "$tmp/err" && [[ ! -s $tmp/out ]]; then
  ok "eval of a truncated model fails with a message"
else
  not_ok "eval of a truncated model fails with a message" "exit $rc" "$(cat "$tmp/err")"
fi

# 12 a missing model file
"$cli" classify "$tmp/none.cnvm" "$tmp/rows64.csv" > "$tmp/out" 2> "$tmp/err"
rc=$?
if [[ $rc -eq 1 ]] && grep -q '^convolve-cli: .*none\.cnvm' "$tmp/err"; then
  ok "classify with a missing model fails with a message"
else
  not_ok "classify with a missing model fails with a message" "exit $rc" "$(cat "$tmp/err")"
fi

# Images (issue 10), each told apart by its content, whatever its name: a
# white 0 on black as a PNG called .data, a black 1 on white as a JPEG
# called .csv, and rows64.csv copied to a .png name
convert -size 80x80 xc:black -fill none -stroke white -strokewidth 9 \
        -draw "ellipse 40,40 22,31 0,360" "png:$tmp/zero.data"
convert -size 60x80 xc:white -fill black -draw "rectangle 25,8 35,72" "jpg:$tmp/one.csv"
cp "$tmp/rows64.csv" "$tmp/rows.png"
convert -size 40x40 xc:white -fill black -draw "rectangle 10,10 30,30" "png:$tmp/square.png"
head -c 100 "$tmp/square.png" > "$tmp/cut.png"

# images 1: CSV rows and images mixed, one line each, in argument order
"$cli" classify "$tmp/m.cnvm" "$tmp/rows.png" "$tmp/one.csv" "$tmp/zero.data" "$tmp/rows65.csv" \
  > "$tmp/out" 2> "$tmp/err"
rc=$?
if [[ $rc -eq 0 && ! -s $tmp/err ]] && [[ $(wc -l < "$tmp/out") -eq 8 ]] \
   && awk 'NF != 3 || ($2 + $3 - 1) ^ 2 > 1e-6 { bad = 1 } END { exit bad }' "$tmp/out" \
   && [[ "$(cut -d' ' -f1 "$tmp/out" | tr -d '\n')" == "01010010" ]]; then
  ok "classify takes CSV files and images by content, one line per row or image, in order"
else
  not_ok "classify takes CSV files and images by content, one line per row or image, in order" \
         "exit $rc" "$(cat "$tmp/out")" "$(cat "$tmp/err")"
fi

# images 2: a cut image in the middle: the lines before it stand, it is
# named, nothing after it, exit 1
"$cli" classify "$tmp/m.cnvm" "$tmp/rows64.csv" "$tmp/cut.png" "$tmp/rows65.csv" > "$tmp/out" 2> "$tmp/err"
rc=$?
if [[ $rc -eq 1 ]] && [[ $(wc -l < "$tmp/out") -eq 3 ]] \
   && [[ "$(cut -d' ' -f1 "$tmp/out" | tr -d '\n')" == "010" ]] \
   && grep -q '^convolve-cli: .*cut\.png: ' "$tmp/err" && [[ $(wc -l < "$tmp/err") -eq 1 ]]; then
  ok "classify stops at a bad image, keeps the lines before it and names it"
else
  not_ok "classify stops at a bad image, keeps the lines before it and names it" \
         "exit $rc" "$(cat "$tmp/out")" "$(cat "$tmp/err")"
fi

# images 3: a blank image and a bad CSV after an image, the same way
convert -size 30x30 xc:white "png:$tmp/blank.png"
"$cli" classify "$tmp/m.cnvm" "$tmp/one.csv" "$tmp/blank.png" > "$tmp/out" 2> "$tmp/err"
rc=$?
"$cli" classify "$tmp/m.cnvm" "$tmp/zero.data" "$tmp/bad.csv" > "$tmp/out2" 2> "$tmp/err2"
rc2=$?
if [[ $rc -eq 1 && $rc2 -eq 1 ]] && [[ "$(cut -d' ' -f1 "$tmp/out")" == "1" ]] \
   && grep -q '^convolve-cli: .*blank\.png: .*ink' "$tmp/err" \
   && [[ "$(cut -d' ' -f1 "$tmp/out2")" == "0" ]] \
   && grep -q '^convolve-cli: .*bad\.csv: .*line 2\b' "$tmp/err2"; then
  ok "classify refuses a blank image and a bad CSV after an image, naming them"
else
  not_ok "classify refuses a blank image and a bad CSV after an image, naming them" \
         "exit $rc $rc2" "$(cat "$tmp/out" "$tmp/err" "$tmp/out2" "$tmp/err2")"
fi

# Samples (issue 10): the app's samples file, from a script
store="$tmp/store/samples.csv"
sed '2s/^0,0,0,12,/0,0,0,17,/' "$tmp/rows65.csv" > "$tmp/bad65.csv"

# samples 1: list an empty store, import, list, refuse a bad file whole
"$cli" samples --file "$store" list > "$tmp/out" 2> "$tmp/err"
rc=$?
"$cli" samples --file "$store" import "$tmp/rows65.csv" > "$tmp/out2" 2> "$tmp/err2"
rc2=$?
"$cli" samples --file "$store" import "$tmp/bad65.csv" > "$tmp/out3" 2> "$tmp/err3"
rc3=$?
"$cli" samples --file "$store" list > "$tmp/out4" 2> "$tmp/err4"
rc4=$?
if [[ $rc -eq 0 && ! -s $tmp/out ]] && grep -q ': 0 samples$' "$tmp/err" \
   && [[ $rc2 -eq 0 && "$(cat "$tmp/out2")" == "added 3, 3 in all" ]] \
   && [[ $rc3 -eq 1 && ! -s $tmp/out3 ]] && grep -q '^convolve-cli: .*bad65\.csv: line 2, column 4' "$tmp/err3" \
   && [[ $rc4 -eq 0 && "$(cat "$tmp/out4")" == $'0 0\n1 1\n2 0' ]] && grep -q ': 3 samples$' "$tmp/err4"; then
  ok "samples list and import; a bad file is refused with line and column and adds nothing"
else
  not_ok "samples list and import; a bad file is refused with line and column and adds nothing" \
         "exit $rc $rc2 $rc3 $rc4" "$(cat "$tmp/out2" "$tmp/err3" "$tmp/out4" "$tmp/err4")"
fi

# samples 2: export gives the shipped format back, byte for byte; train
# takes it with --repeat (and refuses --repeat without --csv, or out of range)
"$cli" samples --file "$store" export "$tmp/exported.csv" > "$tmp/out" 2> "$tmp/err"
rc=$?
"$cli" train --preset zero-or-one --epochs 2 --csv "$tmp/exported.csv" --repeat 5 -o "$tmp/rep.cnvm" \
  > "$tmp/out2" 2> "$tmp/err2"
rc2=$?
"$cli" train --preset zero-or-one --repeat 5 -o "$tmp/rep2.cnvm" > /dev/null 2> "$tmp/err3"
rc3=$?
"$cli" train --preset zero-or-one --csv "$tmp/exported.csv" --repeat 101 -o "$tmp/rep3.cnvm" > /dev/null 2> "$tmp/err4"
rc4=$?
if [[ $rc -eq 0 && ! -s $tmp/out ]] && cmp -s "$tmp/exported.csv" "$tmp/rows65.csv" \
   && [[ $rc2 -eq 0 ]] && grep -Pq '^test accuracy: [01]\.\d{4}$' "$tmp/out2" \
   && [[ $rc3 -eq 2 && $rc4 -eq 2 && ! -e $tmp/rep2.cnvm && ! -e $tmp/rep3.cnvm ]] \
   && grep -q '^convolve-cli: --repeat' "$tmp/err3" && grep -q '^convolve-cli: --repeat' "$tmp/err4"; then
  ok "samples export writes the shipped format; train --csv --repeat trains on it"
else
  not_ok "samples export writes the shipped format; train --csv --repeat trains on it" \
         "exit $rc $rc2 $rc3 $rc4" "$(cat "$tmp/err" "$tmp/err2" "$tmp/err3" "$tmp/err4")"
fi

# The lessons (issue 11): invariance and filters.
classic_ids="sobel-x sobel-y prewitt-x prewitt-y laplacian box sharpen gabor-0 gabor-45 gabor-90 gabor-135 identity"
id_pattern="($(tr ' ' '|' <<< "$classic_ids"))"
# the 25 shifts in the documented order: DY outer, DX inner, ascending
expected_shifts=$(for dy in -2 -1 0 1 2; do for dx in -2 -1 0 1 2; do echo "$dx $dy"; done; done)

# lessons 1: the commands are listed
"$cli" --help > "$tmp/out" 2> "$tmp/err"
rc=$?
"$cli" invariance --help > "$tmp/out2" 2> "$tmp/err2"
rc2=$?
if [[ $rc -eq 0 && $rc2 -eq 0 ]] && grep -qw invariance "$tmp/out" && grep -qw filters "$tmp/out" \
   && grep -q -- '--csv' "$tmp/out2"; then
  ok "--help names invariance and filters; invariance --help lists --csv"
else
  not_ok "--help names invariance and filters; invariance --help lists --csv" "exit $rc $rc2" "$(cat "$tmp/out")"
fi

# lessons 2: invariance: 25 lines in order, the 0 0 line is eval's accuracy
"$cli" invariance "$tmp/m.cnvm" > "$tmp/inv" 2> "$tmp/err"
rc=$?
"$cli" eval "$tmp/m.cnvm" > "$tmp/out" 2> /dev/null
if [[ $rc -eq 0 && ! -s $tmp/err ]] && [[ $(wc -l < "$tmp/inv") -eq 25 ]] \
   && ! grep -Pvq '^-?[0-2] -?[0-2] [01]\.\d{4}$' "$tmp/inv" \
   && [[ "$(cut -d' ' -f1,2 "$tmp/inv")" == "$expected_shifts" ]] \
   && [[ "$(grep '^0 0 ' "$tmp/inv" | cut -d' ' -f3)" == "$(head -n 1 "$tmp/out" | cut -d' ' -f2)" ]]; then
  ok "invariance prints 25 shifts, DY outer and DX inner, and 0 0 is eval's accuracy"
else
  not_ok "invariance prints 25 shifts, DY outer and DX inner, and 0 0 is eval's accuracy" \
         "exit $rc" "$(cat "$tmp/inv" "$tmp/err")" "$(head -n 1 "$tmp/out")"
fi

# lessons 3: invariance on a CSV: three digits, so every accuracy is k/3,
# and 0 0 is eval --csv's
"$cli" invariance "$tmp/m.cnvm" --csv "$tmp/rows65.csv" > "$tmp/inv" 2> "$tmp/err"
rc=$?
"$cli" eval "$tmp/m.cnvm" --csv "$tmp/rows65.csv" > "$tmp/out" 2> /dev/null
if [[ $rc -eq 0 ]] && [[ $(wc -l < "$tmp/inv") -eq 25 ]] \
   && ! grep -Pvq '^-?[0-2] -?[0-2] (0\.0000|0\.3333|0\.6667|1\.0000)$' "$tmp/inv" \
   && [[ "$(grep '^0 0 ' "$tmp/inv" | cut -d' ' -f3)" == "$(head -n 1 "$tmp/out" | cut -d' ' -f2)" ]]; then
  ok "invariance --csv: accuracies of three digits, 0 0 is eval --csv's"
else
  not_ok "invariance --csv: accuracies of three digits, 0 0 is eval --csv's" "exit $rc" \
         "$(cat "$tmp/inv" "$tmp/err")" "$(head -n 1 "$tmp/out")"
fi

# lessons 4: invariance usage errors and a bad model
"$cli" invariance > /dev/null 2> "$tmp/err"
rc=$?
"$cli" invariance "$tmp/m.cnvm" --split sideways > /dev/null 2> "$tmp/err2"
rc2=$?
"$cli" invariance "$tmp/cut.cnvm" > "$tmp/out" 2> "$tmp/err3"
rc3=$?
if [[ $rc -eq 2 && $rc2 -eq 2 && $rc3 -eq 1 && ! -s $tmp/out ]] && grep -q '^convolve-cli: missing MODEL' "$tmp/err" \
   && grep -q '^convolve-cli: --split' "$tmp/err2" && grep -q '^convolve-cli: .*cut\.cnvm: ..' "$tmp/err3"; then
  ok "invariance without a model exits 2, with a truncated one 1"
else
  not_ok "invariance without a model exits 2, with a truncated one 1" "exit $rc $rc2 $rc3" \
         "$(cat "$tmp/err" "$tmp/err2" "$tmp/err3")"
fi

# lessons 5: filters: one line per first-layer kernel (zero-or-one: 4)
"$cli" filters "$tmp/m.cnvm" > "$tmp/out" 2> "$tmp/err"
rc=$?
if [[ $rc -eq 0 && ! -s $tmp/err ]] && [[ $(wc -l < "$tmp/out") -eq 4 ]] \
   && ! grep -Pvq "^0 [0-3] $id_pattern -?[01]\.\d{4}\$" "$tmp/out" \
   && [[ "$(cut -d' ' -f2 "$tmp/out" | tr -d '\n')" == "0123" ]] \
   && awk '$4 > 1 || $4 < -1 { bad = 1 } END { exit bad }' "$tmp/out"; then
  ok "filters prints LAYER FILTER CLASSIC SIMILARITY per kernel"
else
  not_ok "filters prints LAYER FILTER CLASSIC SIMILARITY per kernel" "exit $rc" "$(cat "$tmp/out" "$tmp/err")"
fi

# lessons 6: train --freeze-classic keeps the bank, so filters finds each
# classic filter in its own place with similarity 1 (known by construction)
"$cli" train --preset zero-or-one --freeze-classic --epochs 5 -o "$tmp/frozen.cnvm" > "$tmp/train.out" 2> "$tmp/err"
rc=$?
"$cli" filters "$tmp/frozen.cnvm" > "$tmp/out" 2> "$tmp/err2"
rc2=$?
expected_filters=$(f=0; for id in $classic_ids; do echo "0 $f $id 1.0000"; f=$((f + 1)); done)
if [[ $rc -eq 0 && $rc2 -eq 0 ]] && grep -Pq '^test accuracy: [01]\.\d{4}$' "$tmp/train.out" \
   && grep -q '^network conv3x3x12-valid relu pool2 flatten dense2 softmax, layer 0 frozen' "$tmp/err" \
   && [[ "$(cat "$tmp/out")" == "$expected_filters" ]]; then
  ok "train --freeze-classic: the first layer is still the classic bank"
else
  not_ok "train --freeze-classic: the first layer is still the classic bank" "exit $rc $rc2" \
         "$(cat "$tmp/out")" "$(tail -n 3 "$tmp/err")" "$(cat "$tmp/err2")"
fi

# lessons 7: no first layer of 3×3 filters: --freeze-classic is refused
# with the reason, and filters fails on a network without a convolution
"$cli" train --preset zero-or-one --spec dense2 --freeze-classic -o "$tmp/refused.cnvm" > "$tmp/out" 2> "$tmp/err"
rc=$?
"$cli" train --preset zero-or-one --spec dense2 --epochs 1 --no-augment -o "$tmp/dense.cnvm" > /dev/null 2>&1
"$cli" filters "$tmp/dense.cnvm" > "$tmp/out2" 2> "$tmp/err2"
rc2=$?
if [[ $rc -eq 1 && ! -e $tmp/refused.cnvm && ! -s $tmp/out ]] \
   && grep -q '^convolve-cli: --freeze-classic: .*convolution' "$tmp/err" \
   && [[ $rc2 -eq 1 && ! -s $tmp/out2 ]] && grep -q '^convolve-cli: .*no convolution' "$tmp/err2"; then
  ok "--freeze-classic and filters refuse a network without 3×3 first-layer filters"
else
  not_ok "--freeze-classic and filters refuse a network without 3×3 first-layer filters" \
         "exit $rc $rc2" "$(cat "$tmp/err" "$tmp/err2")"
fi

# 13 the deepest network the parser accepts trains, saves and evaluates
# (issue 12: 63 × relu then dense10 trained and saved, then eval refused it)
relu62=$(printf 'relu %.0s' $(seq 62))dense10
"$cli" train --spec "$relu62" --epochs 1 --no-augment -o "$tmp/deep.cnvm" > "$tmp/out" 2> "$tmp/err"
rc=$?
"$cli" eval "$tmp/deep.cnvm" > "$tmp/out2" 2> "$tmp/err2"
rc2=$?
if [[ $rc -eq 0 && $rc2 -eq 0 ]] && head -n 1 "$tmp/out2" | grep -Pq '^accuracy: [01]\.\d{4}$'; then
  ok "a 64-layer network trains, saves and evaluates"
else
  not_ok "a 64-layer network trains, saves and evaluates" "exit $rc, $rc2" "$(cat "$tmp/err" "$tmp/err2")"
fi

# 14 one layer more is refused before anything is written
"$cli" train --spec "relu $relu62" --epochs 1 -o "$tmp/deeper.cnvm" > "$tmp/out" 2> "$tmp/err"
rc=$?
if [[ $rc -eq 1 && ! -e $tmp/deeper.cnvm && ! -s $tmp/out ]] && grep -q 'at most 64' "$tmp/err"; then
  ok "a 65-layer network is refused and nothing is written"
else
  not_ok "a 65-layer network is refused and nothing is written" "exit $rc" "$(cat "$tmp/err")"
fi

# 15 classify checks a label like eval does (issue 12: a 10 passed)
sed '2s/,1$/,10/' "$tmp/rows65.csv" > "$tmp/label10.csv"
"$cli" classify "$tmp/m.cnvm" "$tmp/label10.csv" > "$tmp/out" 2> "$tmp/err"
rc=$?
"$cli" eval "$tmp/m.cnvm" --csv "$tmp/label10.csv" > /dev/null 2> "$tmp/err2"
rc2=$?
if [[ $rc -eq 1 && $rc2 -eq 1 && ! -s $tmp/out ]] \
   && grep -q 'line 2, column 65: label 10 is out of range 0..9' "$tmp/err" \
   && grep -q 'line 2, column 65: label 10 is out of range 0..9' "$tmp/err2"; then
  ok "classify and eval refuse a label of 10 alike"
else
  not_ok "classify and eval refuse a label of 10 alike" "exit $rc, $rc2" "$(cat "$tmp/err" "$tmp/err2")"
fi

# 16 a 100 MB line on standard input is refused at the line limit, before
# the rest of it is read (issue 12: it was copied and split, 2.15 GB)
head -c 100000000 /dev/zero | tr '\0' '1' | "$cli" classify "$tmp/m.cnvm" - > "$tmp/out" 2> "$tmp/err"
rc=${PIPESTATUS[2]}
if [[ $rc -eq 1 && ! -s $tmp/out ]] && grep -q '^convolve-cli: -: line 1 is longer than 4096 bytes' "$tmp/err"; then
  ok "classify refuses a 100 MB line"
else
  not_ok "classify refuses a 100 MB line" "exit $rc" "$(cat "$tmp/err")"
fi

# 17 … and a line of endless fields says so
yes '1,' | tr -d '\n' | head -c 100000000 | "$cli" classify "$tmp/m.cnvm" - > "$tmp/out" 2> "$tmp/err"
rc=${PIPESTATUS[3]}
if [[ $rc -eq 1 && ! -s $tmp/out ]] && grep -q 'line 1: more than 65 values' "$tmp/err"; then
  ok "classify refuses a line of endless fields"
else
  not_ok "classify refuses a line of endless fields" "exit $rc" "$(cat "$tmp/err")"
fi

[[ $n -eq 30 ]] || echo "# ran $n tests, planned 30"
exit $((failed > 0))
