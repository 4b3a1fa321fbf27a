#!/usr/bin/env bash
# Fetches the Zipkin server (the trace backend of the local mall: it stores the spans of the Node
# services and of daprd, answers the query API the tracing test reads and serves the trace UI) from
# Maven Central with Maven, and caches it by version: $GOMALL_CACHE_DIR/zipkin/<version>/zipkin.jar.
# Prints its path. Needs a Java 17+ runtime (Debian's default-jre-headless, installed when missing).
source "$(dirname "$0")/lib/common.sh"

VERSION="$(tr -d '[:space:]' <"$REPO_ROOT/tools/zipkin/VERSION")"
out="$GOMALL_CACHE_DIR/zipkin/$VERSION/zipkin.jar"
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock 9
if ! command -v java >/dev/null; then
  ensure_debian_packages zipkin default-jre-headless
fi
if [ ! -s "$out" ]; then
  command -v mvn >/dev/null || ensure_debian_packages zipkin maven
  step "Fetching the Zipkin server $VERSION from Maven Central (first time only; cached in $(dirname "$out"))"
  with_progress "mvn dependency:copy zipkin-server $VERSION" "$GOMALL_CACHE_DIR/logs/zipkin-fetch.log" \
    mvn -B -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    "-Dartifact=io.zipkin:zipkin-server:$VERSION:jar:exec" "-DoutputDirectory=$(dirname "$out")" \
    -Dmdep.stripVersion=true -Dmdep.stripClassifier=true
  mv "$(dirname "$out")/zipkin-server.jar" "$out"
fi
echo "$out"
