#!/usr/bin/env bash
# bench-docs: keyword-indexing throughput of Hearth and recoll, side by side,
# on the documentation Debian installs (issue #14, "Measure on real data").
#
#   make bench-docs                  # or: scripts/bench-docs.sh [HEARTH_BIN]
#
# It installs the doc packages and recollcmd (apt-get, with sudo when not
# root), copies the corpus into one folder (so both tools read the same
# bytes and the changed-file step touches a copy, never /usr/share), and
# for each tool reports: files/s and MB/s of the first index, peak RSS,
# index size on disk, the time of a re-scan with nothing changed, and the
# time from one file changing to it being found by a search. Hearth runs
# only when HEARTH_BIN has the `docs` commands. Not part of `make test`.
#
# Environment: BENCH_DOCS_DIR (work folder, default a new temp folder; the
# corpus copy is kept there between runs), BENCH_DOCS_SKIP_INSTALL=1,
# BENCH_DOCS_ONLY=hearth|recoll (run one side only; recoll takes about
# 20 minutes on 2 cores).
set -euo pipefail

HEARTH_BIN=${1:-${HEARTH_BIN:-}}
WORK=${BENCH_DOCS_DIR:-$(mktemp -d /tmp/bench-docs.XXXXXX)}
CORPUS=$WORK/corpus
PKGS="recollcmd poppler-utils python3.11-doc r-doc-pdf gnuplot-doc octave-doc asymptote-doc texlive-latex-base-doc"
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
mkdir -p "$WORK"
RESULTS=$WORK/results.md

install() {
	local missing=""
	for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
	[ -z "$missing" ] && return
	echo "Installing:$missing"
	$SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends $missing
}

# copy_corpus copies /usr/share/doc (python3.11-doc's HTML, gnuplot-doc,
# octave-doc, asymptote-doc, and TeX Live's PDFs under texlive-doc) and
# R's PDF manuals (/usr/share/R/doc) into $CORPUS. Symlinks stay links:
# Debian links whole folders (python3.11-dev -> python3.11,
# texmf-dist/doc -> texlive-doc), and following them would index the
# same files two or three times.
copy_corpus() {
	[ -f "$WORK/.corpus-done" ] && return
	rm -rf "$CORPUS"; mkdir -p "$CORPUS/doc" "$CORPUS/R-doc"
	cp -a /usr/share/doc/. "$CORPUS/doc/"
	[ -d /usr/share/R/doc ] && cp -a /usr/share/R/doc/. "$CORPUS/R-doc/"
	chmod -R u+rw "$CORPUS"
	touch "$WORK/.corpus-done"
}

# timed CMD...: runs CMD under GNU time; sets SECS and RSS_KB.
timed() {
	local tf; tf=$(mktemp)
	/usr/bin/time -f "%e %M" -o "$tf" "$@" >>"$WORK/log" 2>&1
	read -r SECS RSS_KB <"$tf"; rm -f "$tf"
}

# change_file appends a fresh word to one HTML file of the corpus; echoes the word.
change_file() {
	local f word
	f=$(find "$CORPUS" -name '*.html' -size +2k | sort | head -1)
	word="zqx$(date +%s%N | tail -c 9)"
	echo "<p>$word</p>" >>"$f"
	echo "$word"
}

row() { printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$@" | tee -a "$RESULTS"; }

bench_recoll() {
	local conf=$WORK/recoll
	rm -rf "$conf"; mkdir -p "$conf"
	# recollindex lowers its own priority by default (idxniceprio); Hearth
	# runs at normal priority, so recoll does too.
	printf 'topdirs = %s\nloglevel = 1\nidxflushmb = 50\nidxniceprio = 0\n' "$CORPUS" >"$conf/recoll.conf"
	timed recollindex -c "$conf"
	local first=$SECS rss=$RSS_KB
	local size; size=$(du -sb "$conf" | cut -f1)
	timed recollindex -c "$conf"
	local rescan=$SECS
	local word start found
	word=$(change_file); start=$(date +%s.%N)
	recollindex -c "$conf" >>"$WORK/log" 2>&1
	recollq -c "$conf" -b "$word" 2>/dev/null | grep -q . && found=1 || found=0
	local changed; changed=$(printf '%.2f' "$(echo "$(date +%s.%N) - $start" | bc)")
	[ "$found" = 1 ] || changed="$changed (not found!)"
	row "recoll $(dpkg-query -W -f '${Version}' recollcmd)" "$first" "$(rate "$FILES" "$first")" "$(rate "$((BYTES / 1000000))" "$first")" "$((rss / 1024))" "$((size / 1000000))" "$rescan" "$changed"
}

bench_hearth() {
	if [ -z "$HEARTH_BIN" ] || ! "$HEARTH_BIN" docs --help >/dev/null 2>&1; then
		echo "Hearth: skipped (no hearth binary with \`docs\` commands; pass one as HEARTH_BIN)" | tee -a "$RESULTS"
		return
	fi
	export HEARTH_HOME=$WORK/hearth-home HEARTH_PASSPHRASE=bench-docs
	rm -rf "$HEARTH_HOME"
	timed "$HEARTH_BIN" docs add "$CORPUS"
	local first=$SECS rss=$RSS_KB
	local size; size=$(du -sb "$HEARTH_HOME" | cut -f1)
	timed "$HEARTH_BIN" docs add "$CORPUS"
	local rescan=$SECS
	local word start found
	word=$(change_file); start=$(date +%s.%N)
	"$HEARTH_BIN" docs add "$CORPUS" >>"$WORK/log" 2>&1
	"$HEARTH_BIN" docs search --json "$word" | grep -q '"path"' && found=1 || found=0
	local changed; changed=$(printf '%.2f' "$(echo "$(date +%s.%N) - $start" | bc)")
	[ "$found" = 1 ] || changed="$changed (not found!)"
	row "Hearth ($(basename "$HEARTH_BIN"))" "$first" "$(rate "$FILES" "$first")" "$(rate "$((BYTES / 1000000))" "$first")" "$((rss / 1024))" "$((size / 1000000))" "$rescan" "$changed"
}

rate() { printf '%.1f' "$(echo "scale=3; $1 / $2" | bc)"; }

[ "${BENCH_DOCS_SKIP_INSTALL:-}" = 1 ] || install
copy_corpus
FILES=$(find "$CORPUS" -type f | wc -l)
BYTES=$(du -sb "$CORPUS" | cut -f1)
{
	echo "Corpus: $FILES files, $((BYTES / 1000000)) MB in $CORPUS; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	echo "| indexer | first index s | files/s | MB/s | peak RSS MB | index MB | re-scan s | changed file searchable s |"
	echo "|---|---|---|---|---|---|---|---|"
} | tee "$RESULTS"
[ "${BENCH_DOCS_ONLY:-recoll}" = recoll ] && bench_recoll
[ "${BENCH_DOCS_ONLY:-hearth}" = hearth ] && bench_hearth
echo "Results in $RESULTS; tool output in $WORK/log"
