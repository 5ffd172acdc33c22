#!/bin/sh
# The command agent of an emulated test host. It talks to the test JVM over one virtio-serial port, a line
# per message:
#   in:  START id dir      run "$dir/cmd" (a shell script) with stdin from /dev/null, stdout in "$dir/out",
#                          stderr in "$dir/err"; "$dir" is on the project share, so the caller reads both live
#        SIGNAL id name    send signal NAME to that process
#        STOP              power the host off
#   out: READY arch        once, when the agent is ready for commands
#        PID id pid        the process started
#        EXIT id status    it ended with that status (128+N when killed by signal N)
# Every process keeps its own line of output whole: each message is one short write to the port.
port=$1
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
exec 3<>"$port"
mkdir -p /run/agent
echo "READY $(uname -m)" >&3
while read -r verb id arg <&3; do
    case $verb in
    START)
        (
            sh "$arg/cmd" </dev/null >"$arg/out" 2>"$arg/err" 3>&- &
            pid=$!
            echo "$pid" > "/run/agent/$id"
            echo "PID $id $pid" >&3
            wait "$pid"
            status=$?
            rm -f "/run/agent/$id"
            echo "EXIT $id $status" >&3
        ) &
        ;;
    SIGNAL)
        [ -f "/run/agent/$id" ] && kill -s "$arg" "$(cat "/run/agent/$id")"
        ;;
    STOP)
        break
        ;;
    esac
done
