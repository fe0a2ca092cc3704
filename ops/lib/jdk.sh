# Sourced (bash) by ops/wharf, ops/test, ops/local-cluster, the bench scripts and the released
# client's bin/wharf: finds a Java that can run Wharf and picks the JVM flags its version takes.
#
#   jdk_find jdk|jre   sets and exports JAVA_HOME, sets JAVA (the java binary) and JAVA_FEATURE
#                      (21, 25, ...); "jdk" also needs javac (building), "jre" only java (running).
#                      Prints one sentence naming what is missing and returns 1 when nothing fits.
#   jdk_flags          sets the array JDK_FLAGS for $JAVA_FEATURE.
#
# Order: JAVA_HOME, then `java` on PATH, then the usual install folders (the newest there).
# Too old ones are skipped, not fatal: Debian's default java is 17 on many machines.

# Wharf compiles with --release 21 (pom.xml maven.compiler.release) and runs on 21 or newer.
JDK_MIN_FEATURE=21

# The feature release (8, 17, 21, 25, ...) of the java binary $1, or nothing if it does not run.
jdk_feature() {
  local version
  version=$("$1" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -1)
  case "$version" in
    "") return 1 ;;
    1.*) version=${version#1.}; echo "${version%%[!0-9]*}" ;;   # 1.8.0_392 -> 8
    *) echo "${version%%[!0-9]*}" ;;                             # 21.0.5, 25, 26-ea -> 21, 25, 26
  esac
}

# The Java homes in the usual install folders (Debian/Ubuntu/Fedora packages, the Temurin
# image, sdkman, IntelliJ's downloads, macOS).
# WHARF_JDK_SEARCH (globs, space-separated) replaces the list, e.g. to test what happens without.
jdk_known_homes() {
  local home
  local search="${WHARF_JDK_SEARCH-/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* $HOME/.sdkman/candidates/java/* $HOME/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home}"
  for home in $search; do
    if [ -x "$home/bin/java" ] && [ ! -L "$home" ]; then echo "$home"; fi
  done
  return 0
}

jdk_find() {
  local need="${1:-jdk}" home java feature seen=() best_home="" best_feature=0
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if java=$(command -v java 2>/dev/null); then
    java=$(readlink -f "$java")
    candidates+=("${java%/bin/java}")
  fi
  # The explicit choices (JAVA_HOME, PATH) win in that order; among the install folders the newest.
  for home in "${candidates[@]}"; do
    if feature=$(jdk_usable "$home" "$need"); then
      jdk_take "$home" "$feature"; return 0
    fi
    seen+=("$home (${feature:-no java})")
  done
  while IFS= read -r home; do
    if feature=$(jdk_usable "$home" "$need"); then
      if [ "$feature" -gt "$best_feature" ]; then best_home=$home; best_feature=$feature; fi
    else
      seen+=("$home (${feature:-no java})")
    fi
  done < <(jdk_known_homes)
  if [ -n "$best_home" ]; then
    jdk_take "$best_home" "$best_feature"; return 0
  fi
  local what="a JDK" ; [ "$need" = jre ] && what="a Java runtime"
  echo "wharf: needs $what $JDK_MIN_FEATURE or newer, and found none (looked at JAVA_HOME, java on PATH and /usr/lib/jvm/*${seen:+; found only: ${seen[*]}}): install one, e.g. Temurin $JDK_MIN_FEATURE or 25, and set JAVA_HOME to it." >&2
  return 1
}

# Prints the feature release of the Java at home $1 when it fits need $2; else prints what it
# is ("17", "no javac") and returns 1.
jdk_usable() {
  local home="$1" need="$2" feature
  [ -x "$home/bin/java" ] || { echo "no java"; return 1; }
  feature=$(jdk_feature "$home/bin/java") || { echo "java does not run"; return 1; }
  if [ "$feature" -lt "$JDK_MIN_FEATURE" ]; then echo "$feature"; return 1; fi
  if [ "$need" = jdk ] && [ ! -x "$home/bin/javac" ]; then echo "$feature without javac"; return 1; fi
  echo "$feature"
}

jdk_take() {
  export JAVA_HOME="$1"
  JAVA="$1/bin/java"
  JAVA_FEATURE="$2"
}

jdk_flags() {
  # Kafka and Lucene use native access (the FFM API); allowed quietly on every supported JDK.
  JDK_FLAGS=(--enable-native-access=ALL-UNNAMED)
  # JEP 471 (JDK 23) added this option and JDK 24 warns when sun.misc.Unsafe's memory access is
  # used (Kafka's and Netty's dependencies do); before 23 the option does not exist and the JVM
  # refuses to start with it.
  if [ "${JAVA_FEATURE:-0}" -ge 23 ]; then
    JDK_FLAGS+=(--sun-misc-unsafe-memory-access=allow)
  fi
}

# Maven 3.9's own Guice calls sun.misc.Unsafe too: on JDK 24+ it warns at every ./mvnw run.
jdk_maven_opts() {
  if [ "${JAVA_FEATURE:-0}" -ge 23 ]; then
    export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow${MAVEN_OPTS:+ $MAVEN_OPTS}"
  fi
}

# JDK 25+ (JEP 483, 514, 515): an AOT cache makes the node's start-up cheaper (classes already
# parsed, linked and initialised, method profiles already gathered). Sets the array AOT_FLAGS:
#
#   jdk_aot_flags DIR ROLE JAR JVM_FLAGS...
#
# The cache is DIR/wharf-ROLE-KEY.aot, KEY a hash of the JDK build, JAR's bytes, the size and
# time of every jar beside it in lib/ (the class path the manifest names) and the JVM flags
# (also those in JDK_JAVA_OPTIONS and JAVA_TOOL_OPTIONS: a cache recorded with JFR on, for
# one, is refused without it): a rebuilt jar, another JDK or other flags get a new key, so a cache is only ever offered to the
# JVM it was made for (the JVM itself also checks the class path and refuses, with a warning,
# a cache that does not match; it then starts without one).
# - a cache for this key exists: -XX:AOTCache=it;
# - none: this start records one (-XX:AOTCacheOutput, JDK 25's one-step workflow): the JVM writes
#   it when it exits normally (SIGTERM), through a child JVM, into a name of its own
#   (…aot.PID.part); the next start renames it into place once that PID is gone. A killed
#   recording start leaves no cache, or a partial one the JVM refuses: either way a later start
#   records again.
# Nothing below JDK 25, nothing with WHARF_AOT=0, and nothing if DIR cannot be written.
jdk_aot_flags() {
  local dir="$1" role="$2" jar="$3"; shift 3
  AOT_FLAGS=()
  [ "${WHARF_AOT:-1}" != 0 ] && [ "${JAVA_FEATURE:-0}" -ge 25 ] || return 0
  mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || return 0
  local key part pid
  # (Every step may fail quietly: ops/wharf runs under set -e, and a cache is never worth a failed start.)
  key=$( { cat "$JAVA_HOME/release" 2>/dev/null || true; stat -c '%s %Y' "$JAVA_HOME/lib/modules" 2>/dev/null || true
           sha256sum "$jar" 2>/dev/null || true; stat -c '%n %s %Y' "$(dirname "$jar")"/lib/*.jar 2>/dev/null || true
           printf '%s\n' "$@" "${JDK_JAVA_OPTIONS:-}" "${JAVA_TOOL_OPTIONS:-}"; } | sha256sum | cut -c1-16)
  local cache="$dir/wharf-$role-$key.aot"
  # Recordings whose JVM is gone: this key's becomes the cache, older keys' are dropped.
  for part in "$dir"/wharf-*.aot.*.part; do
    [ -e "$part" ] || continue
    pid=${part%.part}; pid=${pid##*.}
    kill -0 "$pid" 2>/dev/null && continue
    # Two starts at once may both get here: the loser's mv or rm finds nothing, which is fine.
    if [ "$part" = "$cache.$pid.part" ] && [ ! -e "$cache" ] && [ -s "$part" ]; then
      mv -f "$part" "$cache" 2>/dev/null || true
    else
      rm -f "$part" "$part.config" 2>/dev/null || true
    fi
  done
  # A recording killed before it wrote anything leaves only its (empty) configuration file.
  for part in "$dir"/wharf-*.aot.*.part.config; do
    [ -e "$part" ] || continue
    pid=${part%.part.config}; pid=${pid##*.}
    kill -0 "$pid" 2>/dev/null || rm -f "$part" 2>/dev/null || true
  done
  # Caches of other keys belong to jars or JDKs no longer here.
  for part in "$dir"/wharf-"$role"-*.aot; do
    if [ -e "$part" ] && [ "$part" != "$cache" ]; then rm -f "$part" 2>/dev/null || true; fi
  done
  if [ -s "$cache" ]; then
    AOT_FLAGS=(-XX:AOTCache="$cache")
  else
    # ops/wharf execs the JVM, so this shell's PID is the JVM's.
    AOT_FLAGS=(-XX:AOTCacheOutput="$cache.$$.part")
  fi
  # Errors (a cache refused) stay in the log; warnings are noise: a recording names every
  # generated proxy class it skips, and a JDK 25 cache warns about a few method adapters.
  AOT_FLAGS+=(-Xlog:aot*=error)
}
