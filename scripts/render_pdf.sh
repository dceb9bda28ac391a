#!/bin/sh
# Look at the documentation pack as a person would: export a case to HTML, print it to PDF with
# headless Chromium, check that the pages are A4, and render them as PNG to look at.
#
#   scripts/render_pdf.sh [CASE.toml] [OUT_DIR]      (defaults: examples/klar.toml, ./render)
#
# Needs: chromium, poppler-utils (pdfinfo, pdftoppm):  apt-get install -y chromium poppler-utils
# Writes OUT_DIR/<stem>.html, <stem>.pdf and <stem>-<page>.png. Nothing is fetched from the
# network: the HTML is self-contained and Chromium runs with a throw-away profile.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
case_file=${1:-"$here/examples/klar.toml"}
out_dir=${2:-render}
as_of=${AS_OF:-2026-11-22}
python=${PYTHON:-"$here/.venv/bin/python"}
[ -x "$python" ] || python=python3
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "chromium is not installed (apt-get install -y chromium poppler-utils)" >&2
    exit 2
fi

mkdir -p "$out_dir"
stem=$(basename "$case_file" .toml)
html="$out_dir/$stem.html"
pdf="$out_dir/$stem.pdf"
"$python" -m fleksjob_tui export "$case_file" --format html -o "$html" --as-of "$as_of"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
html_abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-pdf-header-footer --user-data-dir="$profile" \
    --print-to-pdf="$pdf" "file://$html_abs" 2>/dev/null

size=$(pdfinfo "$pdf" | sed -n 's/^Page size: *//p')
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
echo "$pdf: $pages page(s), $size"
case "$size" in
    *"(A4)"*) ;;
    *) echo "not A4: $size" >&2; exit 1 ;;
esac
pdftoppm -png -r "${DPI:-80}" "$pdf" "$out_dir/$stem"
ls "$out_dir/$stem"-*.png
