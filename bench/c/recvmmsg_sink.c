/*
 * recvmmsg_sink: the machine's limit for receiving UDP datagrams on one socket and one thread.
 *
 * Binds 127.0.0.1:PORT with the daemon's receive buffer (4 MiB unless given), then reads datagrams in batches of
 * 64 with recvmmsg(2) and only counts them: no parsing, no hand-off, nothing that ImeiGuard must do beyond
 * receiving. Stops IDLE_MS after the last datagram once at least one arrived, or after MAX_SECONDS in any case.
 * Prints one line: received=N first_to_last_seconds=T drops=D, where D is the socket's own drop counter
 * (SO_MEMINFO, SK_MEMINFO_DROPS: datagrams the kernel discarded because the receive buffer was full).
 *
 * Build: gcc -O2 -Wall -o recvmmsg_sink recvmmsg_sink.c
 * Usage: recvmmsg_sink PORT MAX_SECONDS [IDLE_MS] [RCVBUF_BYTES]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define SLOT 2048

#ifndef SO_MEMINFO
#define SO_MEMINFO 55
#endif

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s PORT MAX_SECONDS [IDLE_MS] [RCVBUF_BYTES]\n", argv[0]);
        return 2;
    }

    int port = atoi(argv[1]);
    double max_seconds = atof(argv[2]);
    double idle_seconds = (argc > 3 ? atof(argv[3]) : 1000.0) / 1000.0;
    int rcvbuf = argc > 4 ? atoi(argv[4]) : 4 * 1024 * 1024;
    if (port <= 0 || port > 65535 || max_seconds <= 0 || max_seconds > 600) {
        fprintf(stderr, "bad PORT or MAX_SECONDS (1..600)\n");
        return 2;
    }

    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        perror("socket");
        return 1;
    }

    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    struct timeval tv = {0, 100 * 1000}; /* wake every 100 ms to check the clocks */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("bind");
        return 1;
    }

    static char buffers[BATCH][SLOT];
    struct iovec iov[BATCH];
    struct mmsghdr msgs[BATCH];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < BATCH; i++) {
        iov[i].iov_base = buffers[i];
        iov[i].iov_len = SLOT;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }

    fprintf(stderr, "listening on 127.0.0.1:%d\n", port);
    fflush(stderr);

    unsigned long long received = 0;
    double start = now_seconds(), first = 0, last = 0;
    for (;;) {
        int n = recvmmsg(fd, msgs, BATCH, MSG_WAITFORONE, NULL);
        double t = now_seconds();
        if (n > 0) {
            if (received == 0)
                first = t;
            received += (unsigned long long)n;
            last = t;
        } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            perror("recvmmsg");
            break;
        }

        if (t - start >= max_seconds || (received > 0 && t - last >= idle_seconds))
            break;
    }

    uint32_t meminfo[SK_MEMINFO_VARS];
    socklen_t len = sizeof meminfo;
    memset(meminfo, 0, sizeof meminfo);
    unsigned long drops = 0;
    if (getsockopt(fd, SOL_SOCKET, SO_MEMINFO, meminfo, &len) == 0 && len > SK_MEMINFO_DROPS * sizeof(uint32_t))
        drops = meminfo[SK_MEMINFO_DROPS];

    printf("received=%llu first_to_last_seconds=%.3f drops=%lu\n", received, received ? last - first : 0.0, drops);
    close(fd);
    return 0;
}
