/* Bytes waiting for a non-blocking fd: the relay's copy for aisess must never hold up the terminal. */
#ifndef AISESS_OUT_QUEUE_H
#define AISESS_OUT_QUEUE_H
#include <stddef.h>

struct out_queue {
  char *data;
  size_t head, len, cap;
};

/* Appends len bytes; 0 on success, -1 when memory ran out (nothing is appended then). */
int out_queue_push(struct out_queue *q, const char *data, size_t len);
/* Writes what the fd takes without blocking; -1 on an error other than EAGAIN. */
int out_queue_write(struct out_queue *q, int fd);
static inline size_t out_queue_pending(const struct out_queue *q) { return q->len - q->head; }

#endif
