#!/usr/bin/env bash
# The Debian package, checked with Debian's own tools and then used as a journalist would:
# installed with apt, run from the PATH and from its desktop entry, upgraded over a library with
# stories and photos, and removed, leaving the stories alone.
#
#   tests/package/run.sh NEW.deb OLD.deb
#
# NEW is the package under test; OLD is a package with a lower version number (scripts/package.sh
# --version). Installs packages system-wide: run it as root on a machine meant for it (CI).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
new=$(realpath "$1")
old=$(realpath "$2")

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }
field() { dpkg-deb --field "$1" "$2"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DEBIAN_FRONTEND=noninteractive

version=$(field "$new" Version)
workspace_version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
[[ "$version" == "$workspace_version" ]] || fail "the package is $version, the workspace $workspace_version"
dpkg --compare-versions "$(field "$old" Version)" lt "$version" || fail "OLD.deb is not older than NEW.deb"

echo "== the package: dpkg-deb --info and --contents"
dpkg-deb --info "$new"
[[ "$(field "$new" Package)" == byline ]] || fail "the package is not called byline"
contents=$(dpkg-deb --contents "$new" | awk '{print $6}' | sed 's|^\./||; s|^|/|')
icon_sizes=(16 24 32 48 64 128 256 512)
expected=(
  /usr/bin/byline-app
  /usr/bin/byline
  /usr/share/applications/Byline.desktop
  /usr/share/metainfo/org.byline.desk.metainfo.xml
  /usr/share/doc/byline/THIRD-PARTY-NOTICES
  /usr/share/doc/byline/copyright
  /usr/share/byline/gazetteer/places.txt
  /usr/share/byline/gazetteer/regions.txt
  /usr/share/byline/gazetteer/COPYING.regions
  /usr/share/byline/gazetteer/demonyms.txt
  /usr/share/byline/gazetteer/LICENSE.demonyms.md
)
for tag in en-US en-GB fr es de ar; do
  expected+=("/usr/share/byline/dictionaries/$tag/$tag.aff" "/usr/share/byline/dictionaries/$tag/COPYING")
done
# English's word lists (SCOWL's variants), with SCOWL's licence where the dictionary's differs.
expected+=("/usr/share/byline/dictionaries/en-US/en-US.words" "/usr/share/byline/dictionaries/en-GB/en-GB.words")
expected+=("/usr/share/byline/dictionaries/en-GB/COPYING.words")
for size in "${icon_sizes[@]}"; do
  expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/byline-app.png")
done
for path in "${expected[@]}"; do
  grep -qxF "$path" <<<"$contents" || fail "the package lacks $path"
done
pass "the package holds the app, the command line, the desktop entry, ${#icon_sizes[@]} icon sizes, AppStream metadata, the dictionaries, the gazetteer and the notices"

dpkg-deb -x "$new" "$work/root"
for size in "${icon_sizes[@]}"; do
  file "$work/root/usr/share/icons/hicolor/${size}x${size}/apps/byline-app.png" | grep -q "$size x $size" \
    || fail "the ${size}x${size} icon is not ${size} pixels square"
done
for bin in byline byline-app; do
  file "$work/root/usr/bin/$bin" | grep -q ", stripped" || fail "/usr/bin/$bin keeps its symbols"
done
grep -q "serde" "$work/root/usr/share/doc/byline/THIRD-PARTY-NOTICES" || fail "the notices do not name the Rust crates"
pass "icons at their sizes, binaries stripped"

echo "== desktop-file-validate and appstreamcli validate --no-net"
desktop=$work/root/usr/share/applications/Byline.desktop
desktop-file-validate "$desktop"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/org.byline.desk.metainfo.xml"
grep -q '<launchable type="desktop-id">Byline.desktop</launchable>' "$work/root/usr/share/metainfo/org.byline.desk.metainfo.xml" \
  || fail "the AppStream metadata does not launch the desktop entry"
grep -q "<release version=\"$version\"" "$work/root/usr/share/metainfo/org.byline.desk.metainfo.xml" \
  || fail "the AppStream metadata does not list release $version"
pass "desktop entry and AppStream metadata are valid"

echo "== Depends against dpkg-shlibdeps"
mkdir -p "$work/root/debian"
printf 'Source: byline\n\nPackage: byline\nArchitecture: any\n' >"$work/root/debian/control"
found=$(cd "$work/root" && dpkg-shlibdeps -O usr/bin/byline-app usr/bin/byline 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
depends=$(field "$new" Depends)
echo "dpkg-shlibdeps: $found"
echo "Depends:        $depends"
IFS=',' read -ra needed <<<"$found"
IFS=',' read -ra declared <<<"$depends"
trim() { sed 's/^ *//; s/ *$//' <<<"$1"; }
for dep in "${needed[@]}"; do
  dep=$(trim "$dep")
  printf '%s\n' "${declared[@]}" | sed 's/^ *//; s/ *$//' | grep -qxF "$dep" || fail "Depends lacks '$dep'"
done
names=$(printf '%s\n' "${needed[@]}" | sed 's/^ *//; s/ .*//')
for dep in "${declared[@]}"; do
  name=$(trim "$dep" | sed 's/ .*//')
  grep -qxF "$name" <<<"$names" || fail "Depends names '$name', which no binary in the package links"
done
pass "Depends is what the binaries link"

echo "== install the older package, and write stories with it"
# From a machine without Byline: one installed already (a run stopped halfway) goes first.
if dpkg-query -W byline >/dev/null 2>&1; then apt-get remove -y byline >/dev/null; fi
apt-get install -y "$old" >"$work/apt-old.log" || { cat "$work/apt-old.log"; fail "apt could not install $old"; }
[[ "$(dpkg-query -W -f '${Version}' byline)" == "$(field "$old" Version)" ]] || fail "the older package is not installed"
# A journalist's session: their own home, the PATH the desktop gives, the default library.
home=$work/home
mkdir -p "$home"
# A command as a user with home folder $1 runs it from a desktop: a clean environment, the PATH.
as_user_of() { local h=$1; shift; env -i HOME="$h" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "$@"; }
as_user() { as_user_of "$home" "$@"; }
# Every file under a folder (or those `find` picks with the extra arguments), by content.
hashes() { local dir=$1; shift; (cd "$dir" && find . -type f "$@" -exec sha256sum {} + | sort); }
library=$home/.local/share/byline/Library
as_user byline --version
as_user byline list >/dev/null
[[ -f "$library/library.sqlite" ]] || fail "byline did not make its default library in $library"
story=$(as_user byline import "$repo/tests/fixtures/stories/arab-league-is-coalition.corrected.txt" | tail -1)
as_user byline attach "$story" "$repo/tests/fixtures/photos/cp.jpg" --lead >/dev/null
as_user byline new --headline "Floods close the coast road" >/dev/null
before=$(as_user byline list)
echo "$before"
[[ $(wc -l <<<"$before") -eq 3 ]] || fail "the library does not list its three stories"
photos_before=$(hashes "$library/originals")
pass "the older package's byline made a library with stories and photos"

echo "== upgrade to the package under test"
apt-get install -y "$new" >"$work/apt-new.log" || { cat "$work/apt-new.log"; fail "apt could not upgrade to $new"; }
[[ "$(dpkg-query -W -f '${Version}' byline)" == "$version" ]] || fail "the upgrade did not install $version"
as_user byline --version | grep -qF "$version" || fail "byline --version does not say $version"
[[ "$(as_user byline list)" == "$before" ]] || fail "the library lists other stories after the upgrade"
[[ "$(hashes "$library/originals")" == "$photos_before" ]] \
  || fail "the photos changed in the upgrade"
pass "upgraded: the same stories and photos"

echo "== a library from an earlier schema is migrated after a verified backup"
home2=$work/home2
old_library=$home2/.local/share/byline/Library
mkdir -p "$(dirname "$old_library")"
cp -r tests/fixtures/libraries/schema-8 "$old_library"
schema_of() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("pragma user_version").fetchone()[0])' "$1"; }
from=$(schema_of "$old_library/library.sqlite")
listed=$(as_user_of "$home2" byline list)
echo "$listed"
for headline in "AL Secretary-General calls for international efforts to eliminate IS" "Photo captions" "Floods close the coast road"; do
  grep -qF "$headline" <<<"$listed" || fail "the migrated library lost '$headline'"
done
to=$(schema_of "$old_library/library.sqlite")
if (( to > from )); then
  backup=$(ls "$old_library"/backups/before-upgrade-v"$from"-*.sqlite 2>/dev/null | head -1)
  [[ -n "$backup" ]] || fail "schema $from -> $to without a backup first"
  python3 - "$backup" "$from" <<'PY' || fail "the backup made before the upgrade is not whole"
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
assert db.execute("pragma integrity_check").fetchone()[0] == "ok", "integrity"
assert db.execute("pragma user_version").fetchone()[0] == int(sys.argv[2]), "schema"
assert db.execute("select count(*) from stories").fetchone()[0] == 3, "stories"
PY
  pass "schema $from -> $to, after a whole backup at schema $from ($backup)"
else
  pass "the schema-$from library opens unchanged (this version writes schema $to)"
fi

echo "== a library from a newer Byline is refused and left as it is"
newer=$work/newer
cp -r "$old_library" "$newer"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("pragma user_version=%d" % (int(sys.argv[2])+1)); c.commit()' \
  "$newer/library.sqlite" "$to"
hash_before=$(hashes "$newer")
if refusal=$(as_user_of "$home2" byline --library "$newer" list 2>&1); then
  fail "byline opened a library from a newer version"
fi
echo "$refusal"
grep -qi "newer" <<<"$refusal" || fail "the refusal does not say the library is newer: $refusal"
[[ "$(hashes "$newer")" == "$hash_before" ]] || fail "the refused library was changed"
pass "refused with a clear message, nothing changed"

echo "== the installed app, started from its desktop entry, shows the library"
exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -1)
app=$(command -v "${exec_line%% *}") || fail "the desktop entry's Exec ($exec_line) is not on the PATH"
(
  cd tests/e2e
  [[ -d node_modules ]] || npm ci --ignore-scripts --no-audit --no-fund
  BYLINE_APP="$app" BYLINE_CLI=/usr/bin/byline BYLINE_PACKAGE_LIBRARY="$library" BYLINE_PACKAGE_VERSION="$version" \
    xvfb-run -a -s "-screen 0 1280x800x24" node --test --test-concurrency=1 package/
)
pass "the installed app opened the upgraded library"

echo "== remove the package: the stories stay"
hash_library=$(hashes "$library" -name '*.sqlite')
apt-get remove -y byline >"$work/apt-remove.log" || { cat "$work/apt-remove.log"; fail "apt could not remove byline"; }
for path in /usr/bin/byline /usr/bin/byline-app /usr/share/applications/Byline.desktop; do
  [[ ! -e "$path" ]] || fail "$path is still there after removal"
done
[[ "$(hashes "$library" -name '*.sqlite')" == "$hash_library" ]] \
  || fail "removing the package changed the library"
[[ "$(hashes "$library/originals")" == "$photos_before" ]] \
  || fail "removing the package changed the photos"
pass "removed; the library and its photos are untouched"

echo
echo "package tests passed"
