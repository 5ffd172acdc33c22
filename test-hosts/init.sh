#!/bin/busybox sh
# init of an emulated test host. Loads the modules the host needs, mounts the root file system shared by the
# machine running QEMU (read-only, over virtio-9p) with tmpfs where a system writes, mounts the project
# read-write at the same path as outside, then starts the command agent (tender.mode=agent) or a shell on the
# console (tender.mode=shell). tender.overlay=1 puts a tmpfs layer over the shared root (the arm64 userland,
# which has no directory for the project). Powers the machine off when that ends.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /modules/order); do insmod "/modules/$m.ko" || echo "init: insmod $m failed" >&2; done

mode=agent project="" overlay=0
for word in $(cat /proc/cmdline); do
    case $word in
    tender.mode=*) mode=${word#*=} ;;
    tender.project=*) project=${word#*=} ;;
    tender.overlay=*) overlay=${word#*=} ;;
    esac
done

r=/newroot
opts=trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose
if [ "$overlay" = 1 ]; then
    # A writable tmpfs layer over the shared root, where the project's mount point can be made.
    mkdir -p /lower /layer
    mount -t 9p -o $opts rootfs /lower || { echo "init: no root file system" >&2; poweroff -f; }
    mount -t tmpfs tmpfs /layer
    mkdir -p /layer/upper /layer/work
    mount -t overlay -o lowerdir=/lower,upperdir=/layer/upper,workdir=/layer/work overlay $r \
        || { echo "init: no overlay root" >&2; poweroff -f; }
else
    mount -t 9p -o $opts rootfs $r || { echo "init: no root file system" >&2; poweroff -f; }
fi
mount -t proc proc $r/proc
mount -t sysfs sys $r/sys
mount -t devtmpfs dev $r/dev
mkdir -p $r/dev/pts $r/dev/shm
mount -t devpts devpts $r/dev/pts
# (/root stays as shared: the Maven repository the tests' class path names is there.)
for d in /tmp /run /dev/shm /var/tmp /var/lib /var/log /var/cache /etc/netns; do
    [ -d $r$d ] && mount -t tmpfs tmpfs $r$d
done
chmod 1777 $r/tmp $r/dev/shm $r/var/tmp 2>/dev/null
mount -t cgroup2 cgroup2 $r/sys/fs/cgroup 2>/dev/null
mkdir -p $r/run/netns
if [ -n "$project" ]; then
    mkdir -p "$r$project" 2>/dev/null
    mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 project "$r$project" || echo "init: cannot mount the project at $project" >&2
fi
# One VM held open for the host's lifetime (kvm-smoke --hold): KVM then enables virtualisation on the CPUs once,
# not at every tender's start and exit.
kvm-smoke --hold &
# A task stuck for 30 s is reported on the console.
echo 30 > /proc/sys/kernel/hung_task_timeout_secs 2>/dev/null
hostname tender-host
ip link set lo up

port=""
for p in /sys/class/virtio-ports/*; do
    [ "$(cat "$p/name" 2>/dev/null)" = tender.ctl ] && port=/dev/${p##*/}
done
# switch_root makes the shared root the root of the first mount namespace (not just this process's, as chroot
# would): tools that enter other mount namespaces, such as nsenter into a systemd-nspawn container, rely on it.
# When the agent or the shell ends, the machine powers off at once (sysrq o).
off='sync; echo o > /proc/sysrq-trigger; sleep 60'
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=${TERM:-linux}
if [ "$mode" = shell ]; then
    echo "tender test host $(uname -m); the project is at $project; 'exit' powers the host off"
    exec switch_root $r /bin/sh -c "cd \"\$0\"; setsid -c /bin/sh -i; $off" "$project"
fi
[ -n "$port" ] || { echo "init: no tender.ctl port" >&2; poweroff -f; }
exec switch_root $r /bin/sh -c "/bin/sh \"\$0/test-hosts/agent.sh\" \"\$1\"; $off" "$project" "$port"
