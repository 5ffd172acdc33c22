#!/bin/sh
# Builds (or finds) the artifacts of one emulated test host: a Debian kernel, an initramfs holding busybox and
# the kernel modules the host needs, and for arm64 a Debian arm64 userland with a JRE. Everything comes from
# Debian's archive through apt-get; the result lives in a cache outside the repository, in a directory named
# by a digest of the package versions and of these scripts, so that a new package version or a changed script
# builds a new set instead of reusing a stale one. Prints the directory on stdout; progress goes to stderr.
set -eu
arch=${1:?usage: prepare.sh x86_64|aarch64}
here=$(cd "$(dirname "$0")" && pwd)
cache=${TENDER_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tender/hosts}

say() { echo "tender-host: $*" >&2; }
die() { say "$*"; exit 1; }

case $arch in
x86_64) deb=amd64; modules="virtio_pci virtio_console 9pnet_virtio 9p overlay tun veth kvm kvm_amd sch_netem"
        userland="busybox-static" ;;
aarch64) deb=arm64; modules="virtio_pci virtio_console 9pnet_virtio 9p overlay tun veth virtio_net"
        # What bin/tender needs on an arm64 host, a shell and a JRE, and what the network tests run beside it:
        # ip and tc (namespaces, TAPs, netem), ping, dig and dnsmasq (the resolver's upstream).
        userland="busybox-static dash coreutils openjdk-17-jre-headless iproute2 iputils-ping bind9-dnsutils dnsmasq-base"
        # The shared libraries those programs load (what ldd lists for them), not their packages' whole
        # dependency closure (debconf, perl, ...), which nothing here runs.
        netlibs="libacl1 libattr1 libpcre2-8-0 libselinux1 bind9-libs libbpf1 libbsd0 libcap2 libcom-err2 libdbus-1-3 libelf1 libfstrm0 libgcrypt20 libgmp10
            libgpg-error0 libgssapi-krb5-2 libhogweed6 libicu72 libidn2-0 libjansson4 libjemalloc2 libjson-c5
            libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 liblmdb0 liblz4-1 liblzma5 libmaxminddb0 libmd0
            libmnl0 libnetfilter-conntrack3 libnettle8 libnfnetlink0 libnftables1 libnftnl11 libnghttp2-14
            libprotobuf-c1 libssl3 libsystemd0 libunistring2 libuv1 libxml2 libxtables12 libzstd1" ;;
*) die "unknown architecture '$arch' (x86_64 or aarch64)" ;;
esac

command -v apt-get >/dev/null || die "apt-get is needed to fetch the host's kernel (a Debian system)"
if [ "$deb" != "$(dpkg --print-architecture)" ] && ! dpkg --print-foreign-architectures | grep -qx "$deb"; then
    say "adding the $deb architecture to dpkg and updating the package lists"
    dpkg --add-architecture "$deb"
    apt-get update -q >&2
fi

# The kernel is the one linux-image-$deb (the metapackage) points at today.
kernel=$(apt-cache depends "linux-image-$deb:$deb" 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -n1)
if [ -z "$kernel" ]; then
    say "no linux-image-$deb in the package lists; running apt-get update"
    apt-get update -q >&2
    kernel=$(apt-cache depends "linux-image-$deb:$deb" | sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -n1)
fi
[ -n "$kernel" ] || die "cannot find Debian's linux-image-$deb package"

# Every package of the host. The arm64 userland is what busybox and the JVM need to run (java's own libraries
# and libjvm's), not the JRE package's whole dependency closure (fonts, CUPS, ...), which a headless tender
# never loads.
packages="$kernel $userland"
[ "$arch" = aarch64 ] && packages="$packages libc6 libgcc-s1 libstdc++6 zlib1g $netlibs"
# One apt-cache call for all of them: name, architecture, version and SHA-256 of the candidate of each.
qualified=""
for p in $packages; do qualified="$qualified $p:$deb"; done
# shellcheck disable=SC2086 # one word per package
pins=$(apt-cache show --no-all-versions $qualified 2>/dev/null | awk '
    /^Package: / { p = $2 } /^Architecture: / { a = $2 } /^Version: / { v = $2 }
    /^SHA256: / { print p, a, v, $2 }' | sort -u)
for p in $packages; do
    printf '%s\n' "$pins" | grep -q "^$p " || die "package $p is not in the package lists"
done
case $arch in
x86_64) cc=${HOSTCC:-cc} ;;
aarch64) cc=aarch64-linux-gnu-gcc ;;
esac
command -v "$cc" >/dev/null || die "$cc not found (it builds the host's kvm-smoke; apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross)"
key=$( (printf '%s\n' "$pins"; "$cc" --version | head -n1; cat "$here/prepare.sh" "$here/init.sh" "$here/kvm-smoke.c") \
    | sha256sum | cut -c1-16)
dir=$cache/$arch/$key
if [ -f "$dir/complete" ] && (cd "$dir" && sha256sum --quiet -c complete >/dev/null 2>&1); then
    echo "$dir"
    exit 0
fi
[ -d "$dir" ] && say "cache $dir is incomplete or altered; rebuilding it"
rm -rf "$dir"
mkdir -p "$dir/debs"
work=$dir/work
mkdir -p "$work"

say "building the $arch test host in $dir ($(printf '%s\n' "$pins" | wc -l) packages)"
cd "$dir/debs"
# Architecture-independent packages are named without the architecture qualifier.
specs=$(printf '%s\n' "$pins" | awk -v deb="$deb" '{ print ($2 == deb ? $1 ":" $2 : $1) "=" $3 }')
say "  fetching $(printf '%s\n' "$specs" | wc -l) packages with apt-get download"
# shellcheck disable=SC2086 # one word per package
apt-get download -q $specs >/dev/null 2>"$work/apt.err" || { cat "$work/apt.err" >&2; die "apt-get download failed"; }
while read -r p a v sha; do
    f=$(ls ./"${p}_"*"_$a.deb")
    got=$(sha256sum "$f" | cut -d' ' -f1)
    [ "$sha" = "$got" ] || die "$f: SHA-256 $got does not match the archive's $sha"
done <<END
$pins
END
say "  verified the SHA-256 of every package"
rm -f "$work/apt.err"

say "  unpacking"
mkdir -p "$work/rootfs"
for f in ./*.deb; do dpkg-deb -x "$f" "$work/rootfs"; done
kver=$(ls "$work/rootfs/lib/modules")
cp "$work/rootfs/boot/vmlinuz-$kver" "$dir/vmlinuz"

# Initramfs: busybox, the modules in dependency order, and init.
initrd=$work/initrd
mkdir -p "$initrd/bin" "$initrd/modules" "$initrd/proc" "$initrd/sys" "$initrd/dev" "$initrd/newroot"
cp "$work/rootfs/bin/busybox" "$initrd/bin/busybox"
cp "$here/init.sh" "$initrd/init"
"$cc" -static -O2 -Wall -Wextra -Werror -o "$initrd/bin/kvm-smoke" "$here/kvm-smoke.c" \
    || die "cannot build kvm-smoke for $arch"
chmod 755 "$initrd/init" "$initrd/bin/busybox"
moddir=$work/rootfs/lib/modules/$kver
order=$initrd/modules/order
: > "$order"
module_file() { find "$moddir" -name "$1.ko" -o -name "$(echo "$1" | tr _ -).ko" | head -n1; }
add_module() {                                  # (sh functions share variables: none is kept across the recursion)
    grep -qx "$1" "$order" && return 0
    [ -n "$(module_file "$1")" ] || return 0    # built into this kernel
    for d in $(strings -a "$(module_file "$1")" | sed -n 's/^depends=//p' | tr ',' ' '); do add_module "$d"; done
    cp "$(module_file "$1")" "$initrd/modules/$1.ko"
    echo "$1" >> "$order"
}
for m in $modules; do add_module "$m"; done
(cd "$initrd" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -9n) > "$dir/initrd.img"

if [ "$arch" = aarch64 ]; then
    # The userland is the root file system the host mounts (read-only, over 9p).
    mv "$work/rootfs" "$dir/rootfs"
    rm -rf "$dir/rootfs/boot" "$dir/rootfs/lib/modules" "$dir/rootfs/usr/lib/modules"
    # Debian's busybox runs its own applets before anything on PATH, whenever it starts a program: under its
    # shell, or its `timeout`, `ip` and `ping` would be busybox's, which know no network namespaces and no flood
    # ping. So /bin/sh is dash and coreutils provide `timeout` and the rest; busybox fills in only what is
    # missing (mount, ip's helpers, poweroff, ...).
    ln -sf dash "$dir/rootfs/bin/sh"
    for a in mount umount ip ping kill sleep cat ls mkdir rm cp mv ln chmod timeout env sed grep tr head \
             tail wc dd sha256sum uname poweroff setsid chroot id date find xargs test printf echo; do
        for d in bin sbin usr/bin usr/sbin; do [ -e "$dir/rootfs/$d/$a" ] && continue 2; done
        ln -sf busybox "$dir/rootfs/bin/$a"
    done
    java=$(find "$dir/rootfs/usr/lib/jvm" -path '*/bin/java' | head -n1)
    [ -n "$java" ] || die "no java in the arm64 userland"
    mkdir -p "$dir/rootfs/usr/bin"
    ln -sf "${java#"$dir/rootfs"}" "$dir/rootfs/usr/bin/java"
    mkdir -p "$dir/rootfs/proc" "$dir/rootfs/sys" "$dir/rootfs/dev" "$dir/rootfs/tmp" "$dir/rootfs/run"
    # No package's maintainer scripts ran, so the user and group databases are the minimum: root (dnsmasq and
    # the JVM look it up).
    printf 'root:x:0:0:root:/root:/bin/sh\n' > "$dir/rootfs/etc/passwd"
    printf 'root:x:0:\n' > "$dir/rootfs/etc/group"
fi
rm -rf "$work" "$dir/debs"
printf '%s\n' "$pins" > "$dir/packages"
(cd "$dir" && sha256sum vmlinuz initrd.img packages > complete)
say "test host $arch ready"
echo "$dir"
