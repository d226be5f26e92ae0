#!/bin/sh
# VRRPv3 over IPv6 between keepalived 2.2.7 (lb1) and the java agent (lb2) on one Docker IPv6
# network, by hand: V6A is the agent's (priority 200 against 100), V6B keepalived's (200 against
# 100). Run from this directory under the shared lock:
#   flock /tmp/lbchaos-docker.lock sh run.sh NODE_IMAGE AGENTS_JAR > run.log 2>&1
# The network is --internal (no way out; IPv6 multicast still flows, Docker 20.10 writes no
# ip6tables rules); containers have NET_ADMIN + NET_RAW, not privileged.
set -x
IMG=$1
JAR=$(readlink -f "$2")
H=h31v6
docker network create --internal --label lbchaos.helper=$H --ipv6 --subnet fd00:31::/64 \
  --subnet 172.30.31.0/24 $H
for n in 1 2; do
  docker run -d --name $H-lb$n --hostname lb$n --label lbchaos.helper=$H --network $H \
    --cap-add NET_ADMIN --cap-add NET_RAW --sysctl net.ipv6.conf.all.disable_ipv6=0 \
    --sysctl net.ipv6.conf.default.disable_ipv6=0 \
    -v $PWD/keepalived-lb$n.conf:/etc/keepalived/keepalived.conf:ro -v $JAR:/mnt/agents.jar:ro \
    --entrypoint sh $IMG -c 'sleep 120'
done
docker exec $H-lb1 sh -c 'keepalived --version 2>&1 | head -1; ip -6 addr show dev eth0'
docker exec -d $H-lb1 sh -c 'timeout 40 tcpdump -i eth0 -n -U -w /tmp/cap.pcap "ip6 proto 112 or icmp6" 2>/tmp/td.err'
sleep 1
docker exec -d $H-lb2 sh -c '/opt/java/bin/java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -jar /mnt/agents.jar vrrp --config /etc/keepalived/keepalived.conf --name lb2 >/tmp/agent.log 2>&1'
docker exec -d $H-lb1 sh -c 'keepalived -n -l -D -f /etc/keepalived/keepalived.conf >/tmp/ka.log 2>&1'
sleep 12
echo "=== after 12 s: addresses"
docker exec $H-lb1 sh -c 'ip -6 addr show dev eth0 | grep -E "fd00:31::(100|200)"'
docker exec $H-lb2 sh -c 'ip -6 addr show dev eth0 | grep -E "fd00:31::(100|200)"'
echo "=== killing the java agent"
docker exec $H-lb2 sh -c 'date +%s.%N; pkill -KILL -x java || kill -KILL $(pidof java)'
sleep 6
echo "=== 6 s after the kill: addresses"
docker exec $H-lb1 sh -c 'ip -6 addr show dev eth0 | grep -E "fd00:31::(100|200)"'
echo "=== keepalived log"
docker exec $H-lb1 sh -c 'cat /tmp/ka.log'
echo "=== agent events"
docker exec $H-lb2 sh -c 'cat /tmp/agent.log'
sleep 1
echo "=== capture"
docker exec $H-lb1 sh -c 'pkill tcpdump; sleep 1; tcpdump -r /tmp/cap.pcap -n -tt -v 2>&1 | head -400'
docker cp $H-lb1:/tmp/cap.pcap ./cap.pcap
docker rm -f $H-lb1 $H-lb2
docker network rm $H
