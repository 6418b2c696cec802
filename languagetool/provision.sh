#!/bin/sh
# Put the pinned LanguageTool (languagetool/pom.xml) into the cache directory
# followup-lint reads at run time. Called by `make setup`; safe to re-run:
# when the directory already holds the jars of this exact pom, nothing happens.
#
#   languagetool/provision.sh [DIR]
#
# DIR defaults to $FOLLOWUP_LINT_LANGUAGETOOL_DIR, else
# ${XDG_CACHE_HOME:-$HOME/.cache}/followup-lint/languagetool-6.6 (the same path
# platformdirs gives the linter). Needs Maven and network access to Maven
# Central, once; the linter itself never downloads anything.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
pom="$here/pom.xml"
version=6.6
dir=${1:-${FOLLOWUP_LINT_LANGUAGETOOL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/followup-lint/languagetool-$version}}
stamp="$dir/.followup-lint-stamp"
want="languagetool $version pom $(sha256sum "$pom" | cut -d' ' -f1)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "LanguageTool $version: already in $dir"
    exit 0
fi
if ! command -v mvn >/dev/null 2>&1; then
    echo "languagetool/provision.sh: Maven (mvn) is needed once to fetch LanguageTool $version from Maven Central; install it (apt-get install maven) and re-run make setup" >&2
    exit 1
fi
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
    echo "languagetool/provision.sh: warning: no java on PATH; grammar checks need Java 17+ at run time" >&2
fi

echo "LanguageTool $version: fetching jars from Maven Central into $dir"
mkdir -p "$(dirname "$dir")"
tmp=$(mktemp -d "$dir.tmp.XXXXXX")
trap 'rm -rf "$tmp" "$tmp.mvn.log"' EXIT
log="$tmp.mvn.log"
if ! mvn -q -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies \
        -DoutputDirectory="$tmp" -DincludeScope=runtime -Dmdep.overWriteReleases=true >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "languagetool/provision.sh: Maven could not fetch LanguageTool $version (see above)" >&2
    exit 1
fi
rm -f "$log"
for jar in languagetool-server-$version.jar language-en-$version.jar languagetool-core-$version.jar; do
    if [ ! -f "$tmp/$jar" ]; then
        echo "languagetool/provision.sh: $jar missing after Maven ran" >&2
        exit 1
    fi
done
printf '%s\n' "$want" > "$tmp/.followup-lint-stamp"
rm -rf "$dir"
mv "$tmp" "$dir"
trap - EXIT
echo "LanguageTool $version: $(ls "$dir" | wc -l) jars in $dir"
