set -x
IMG=lbchaos/base:0e6786f583b2
docker network create --label lbchaos.helper=h28 --ipv6 --subnet fd00:28::/64 --subnet 172.30.28.0/24 h28cap
docker run -d --name h28ka --label lbchaos.helper=h28 --network h28cap --cap-add NET_ADMIN --cap-add NET_RAW \
  --sysctl net.ipv6.conf.all.disable_ipv6=0 -v $PWD/keepalived.conf:/etc/keepalived/keepalived.conf:ro \
  --entrypoint sh $IMG -c 'sleep 60'
docker exec h28ka sh -c 'ip -6 addr; ip -6 route'
docker exec -d h28ka sh -c 'timeout 15 tcpdump -i eth0 -n -U -w /tmp/cap.pcap "ip6 proto 112 or icmp6" 2>/tmp/td.err'
sleep 1
docker exec -d h28ka sh -c 'keepalived -n -l -D -f /etc/keepalived/keepalived.conf >/tmp/ka.log 2>&1'
sleep 8
docker exec h28ka sh -c 'ip -6 addr show dev eth0; cat /tmp/ka.log | head -60'
sleep 7
docker exec h28ka sh -c 'tcpdump -r /tmp/cap.pcap -n -vv -x 2>&1 | head -150'
docker cp h28ka:/tmp/cap.pcap /tmp/h28/cap.pcap
docker rm -f h28ka
docker network rm h28cap
