/* Prints the constants and struct ifreq layout tender's TapIoctl uses: "name value" per line. */
#include <linux/ethtool.h>
#include <linux/if_tun.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#define NUM(n) printf("%s %lu\n", #n, (unsigned long)(n))

int main(void)
{
    NUM(TUNSETIFF);
    NUM(TUNGETIFF);
    NUM(SIOCGIFFLAGS);
    NUM(SIOCGIFMTU);
    NUM(SIOCETHTOOL);
    NUM(IFF_TAP);
    NUM(IFF_NO_PI);
    NUM(IFF_UP);
    NUM(IFF_RUNNING);
    NUM(ETHTOOL_SGSO);
    NUM(ETHTOOL_SGRO);
    NUM(AF_INET);
    NUM(SOCK_DGRAM);
    NUM(SOCK_CLOEXEC);
    NUM(IFNAMSIZ);
    printf("ifreq %zu\n", sizeof(struct ifreq));
    printf("ifreq.flags %zu\n", offsetof(struct ifreq, ifr_flags));
    printf("ifreq.mtu %zu\n", offsetof(struct ifreq, ifr_mtu));
    printf("ifreq.data %zu\n", offsetof(struct ifreq, ifr_data));
    printf("ethtool_value %zu\n", sizeof(struct ethtool_value));
    printf("ethtool_value.data %zu\n", offsetof(struct ethtool_value, data));
    return 0;
}
