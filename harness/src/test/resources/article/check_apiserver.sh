#!/bin/sh

VIP=192.168.122.211
LB_BINDED_PORT=80

errorExit() {
    echo "*** $*" 1>&2
    exit 1
}


#if the VIP is associated with the interface of this loadbalancer node, then it means this is a VRRP master loadbalancer
# so from here, the backend applications should be accissible via VIP
if ip addr | grep -q $VIP; then
    curl --silent --max-time 2  $VIP:$LB_BINDED_PORT/ -o /dev/null || errorExit "Error GET to $VIP on $LB_BINDED_PORT"
fi
