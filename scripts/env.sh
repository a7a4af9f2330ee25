# Shared by ./jasyncio, ./run-tests and the benchmark scripts: finds a JDK 25 (the
# machine's default java may be older) and Maven, or stops with what to install.
# Sourced, not run.

jasyncio_java_major() {
    # Prints the feature version of the JDK at $1 (e.g. 25), or nothing.
    local home="$1" v=""
    if [ -f "$home/release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" | head -n1)
    fi
    if [ -z "$v" ] && [ -x "$home/bin/java" ]; then
        v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
    fi
    printf '%s' "$v"
}

jasyncio_find_jdk() {
    local candidate major
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* \
            "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(jasyncio_java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
            printf '%s' "$candidate"
            return 0
        fi
    done
    if command -v javac >/dev/null 2>&1; then
        candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
        major=$(jasyncio_java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
            printf '%s' "$candidate"
            return 0
        fi
    fi
    return 1
}

jasyncio_setup() {
    local jdk
    if ! jdk=$(jasyncio_find_jdk); then
        echo "jasyncio needs a JDK 25 or newer, and none was found (looked at JAVA_HOME, /usr/lib/jvm," >&2
        echo "/opt/java, SDKMAN and the java on PATH; the default java here is $(java -version 2>&1 | head -n1 || echo 'missing'))." >&2
        echo "Install one, for example Eclipse Temurin 25 (https://adoptium.net, Debian/Ubuntu package" >&2
        echo "temurin-25-jdk) or 'sdk install java 25-tem', or point JAVA_HOME at it." >&2
        exit 2
    fi
    export JAVA_HOME="$jdk"
    if ! command -v mvn >/dev/null 2>&1; then
        echo "jasyncio builds with Apache Maven 3.8 or newer, which is not on PATH." >&2
        echo "Install it (Debian/Ubuntu: apt-get install maven; or https://maven.apache.org/download.cgi)." >&2
        exit 2
    fi
    # Maven's own libraries touch sun.misc.Unsafe; JDK 25 warns about it on every run.
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
}

# The flags every JVM running jasyncio needs (docs/jvm-flags.md says why).
JASYNCIO_JVM_FLAGS="--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED --enable-native-access=ALL-UNNAMED"
