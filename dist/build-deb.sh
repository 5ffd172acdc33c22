#!/bin/sh
# Assembles the Debian package target/tender_VERSION_all.deb from the built checkout (run by Maven in the
# package phase of this module, after cli). Usage: build-deb.sh MAVEN_VERSION JAVA
#
# Layout: /usr/lib/tender holds bin/ and cli/target/ as in a checkout, so bin/tender finds tender.jar and
# JNA's native code exactly as it does there; /usr/bin/tender and the solo5-* names are links to it.
set -eu
maven_version=$1
java=$2
here=$(cd "$(dirname "$0")" && pwd)
top=$here/..
out=$here/target
root=$out/deb-root
# Debian orders "~" before anything, so 0.1.0~SNAPSHOT comes before the release 0.1.0.
version=$(printf '%s' "$maven_version" | sed 's/-/~/g')

rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/usr/lib/tender/bin" "$root/usr/lib/tender/cli/target" "$root/usr/bin" \
    "$root/usr/share/man/man1" "$root/usr/share/bash-completion/completions" "$root/lib/systemd/system" \
    "$root/usr/share/doc/tender"

install -m 0755 "$top/bin/tender" "$root/usr/lib/tender/bin/tender"
install -m 0644 "$top/bin/tender-jvm" "$root/usr/lib/tender/bin/tender-jvm"
install -m 0644 "$top/cli/target/tender.jar" "$root/usr/lib/tender/cli/target/tender.jar"
cp -R "$top/cli/target/jna-native" "$root/usr/lib/tender/cli/target/"
for name in tender solo5-hvt solo5-hvt-debug solo5-spt solo5-elftool; do
    ln -s ../lib/tender/bin/tender "$root/usr/bin/$name"
done

# Man pages and bash completion from the picocli model; the unit template for the packaged launcher and
# Debian's default Java.
gen=$out/generated
rm -rf "$gen"
"$java" -cp "$top/cli/target/tender.jar" dev.tender.cli.DocGen "$gen"
for page in "$gen"/man1/*.1; do
    gzip -9n < "$page" > "$root/usr/share/man/man1/${page##*/}.gz"
done
install -m 0644 "$gen/bash-completion/tender" "$root/usr/share/bash-completion/completions/tender"
"$java" -cp "$top/cli/target/tender.jar" dev.tender.cli.Main systemd template --launcher=/usr/bin/tender \
    --java=/usr/lib/jvm/default-java/bin/java > "$root/lib/systemd/system/tender@.service"
chmod 0644 "$root/lib/systemd/system/tender@.service"
gzip -9n < "$top/README.md" > "$root/usr/share/doc/tender/README.md.gz"
cat > "$root/usr/share/doc/tender/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: tender
Comment: built from the tender sources; JNA (jna.jar inside tender.jar and its native code) is
 licensed under the Apache License 2.0 or the LGPL 2.1, picocli and Jackson under the Apache License 2.0.
EOF

size=$(du -sk "$root/usr" "$root/lib" | awk '{ s += $1 } END { print s }')
cat > "$root/DEBIAN/control" <<EOF
Package: tender
Version: $version
Architecture: all
Maintainer: tender developers <tender@localhost>
Installed-Size: $size
Depends: default-jre-headless (>= 2:1.17)
Recommends: iproute2
Suggests: systemd
Section: admin
Priority: optional
Homepage: https://github.com/Solo5/solo5
Description: Solo5 unikernel tender and launcher in Java
 tender runs Solo5 unikernels: hvt images on Linux/KVM and spt images as
 seccomp-sandboxed processes, as drop-in replacements for solo5-hvt, solo5-spt
 and solo5-elftool (same options, messages and exit codes). It also installs
 unikernels as systemd services (tender@NAME.service) and operates them
 (tender ps, logs, start, stop, restart, update).
EOF
# Reproducible: every file dated to the last commit, the archive members in a fixed order (dpkg-deb sorts).
stamp=$(git -C "$top" log -1 --format=%ct 2>/dev/null || echo 0)
find "$root" -exec touch -h -d "@$stamp" {} +
SOURCE_DATE_EPOCH=$stamp dpkg-deb --root-owner-group -Zxz --build "$root" "$out/tender_${version}_all.deb" >/dev/null
echo "dist/build-deb.sh: $out/tender_${version}_all.deb"
