/*
 * test_net_2if: test_net serving two devices, "service0" (10.0.0.2) and
 * "service1" (10.1.0.2). See test_net.c.
 */
#define NET_TWO_INTERFACES
#include "../test_net/test_net.c"
