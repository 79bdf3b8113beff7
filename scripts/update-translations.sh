#!/usr/bin/env bash
# Refresh the English message catalog and compile it.
#
#   scripts/update-translations.sh
#
# 1. makemessages -l en: collects every msgid from src/fating (all apps' .py, .html and .txt files)
#    into src/fating/locale/en/LC_MESSAGES/django.po. Existing translations are kept (msgmerge);
#    new strings get an empty msgstr, changed strings may come back marked "#, fuzzy".
# 2. Prints how many entries are untranslated or fuzzy, and lists them. Both fall back to the
#    Chinese source text at run time until someone translates them and removes the fuzzy flag.
# 3. Checks placeholders (msgfmt --check-format) and compiles django.mo.
#
# Environment: PYTHON (default: .venv/bin/python of this checkout).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
PKG="$ROOT/src/fating"
PO="$PKG/locale/en/LC_MESSAGES/django.po"

# Only makemessages/compilemessages run; no database or secrets are needed.
export SECRET_KEY="${SECRET_KEY:-translations-only-not-a-secret}"
export FATING_AUDIT_KEYS="${FATING_AUDIT_KEYS:-i18n:translations-only-audit-key-not-a-secret}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-fating.settings}"

for tool in msgfmt msgattrib; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (install GNU gettext)" >&2; exit 1; }
done

# Run from src/fating: makemessages only scans the current directory, and with no app-level
# locale/ directories every string lands in settings.LOCALE_PATHS[0] = src/fating/locale.
# (Running compilemessages from the repository root would also recompile the .po files it
# finds inside .venv, so it runs from here as well.)
cd "$PKG"
mkdir -p "$PKG/locale"
"$PYTHON" "$ROOT/manage.py" makemessages -l en \
    --ignore 'static/vendor/*' --ignore '*/tests/*' --ignore 'tests/*' \
    -e html,py,txt

[ -f "$PO" ] || { echo "error: $PO was not written" >&2; exit 1; }

# Obsolete (#~) entries are not counted. The header entry (msgid "") is never fuzzy-counted.
untranslated="$(msgattrib --untranslated --no-obsolete --no-wrap "$PO" | grep -c '^msgid ' || true)"
fuzzy="$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$PO" | grep -c '^msgid ' || true)"
# msgattrib output repeats the header entry whenever it prints anything.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
total="$(msgattrib --no-obsolete --no-wrap "$PO" | grep -c '^msgid ' || true)"
total=$((total - 1))

echo "English catalog: $total entries, $untranslated untranslated, $fuzzy fuzzy"
if [ "$untranslated" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "Needs attention (untranslated or fuzzy):"
    { msgattrib --untranslated --no-obsolete --no-wrap "$PO"; msgattrib --only-fuzzy --no-obsolete --no-wrap "$PO"; } \
        | grep '^msgid "..*"' | sed 's/^/  /' || true
fi

msgfmt --check-format --check-header -o /dev/null "$PO"
"$PYTHON" "$ROOT/manage.py" compilemessages -l en
echo "Compiled ${PO%.po}.mo"
