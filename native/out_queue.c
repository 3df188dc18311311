#include "out_queue.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int out_queue_push(struct out_queue *q, const char *data, size_t len) {
  if (q->head > 0 && q->head == q->len) q->head = q->len = 0;
  if (q->len + len > q->cap) {
    /* Move the unsent part to the front before growing: the queue is usually near empty. */
    memmove(q->data, q->data + q->head, q->len - q->head);
    q->len -= q->head;
    q->head = 0;
  }
  if (q->len + len > q->cap) {
    size_t cap = q->cap ? q->cap : 1 << 20;
    while (cap < q->len + len) cap *= 2;
    char *grown = realloc(q->data, cap);
    if (!grown) return -1;
    q->data = grown;
    q->cap = cap;
  }
  memcpy(q->data + q->len, data, len);
  q->len += len;
  return 0;
}

int out_queue_write(struct out_queue *q, int fd) {
  while (q->head < q->len) {
    ssize_t n = write(fd, q->data + q->head, q->len - q->head);
    if (n > 0) q->head += (size_t)n;
    else if (n < 0 && errno == EAGAIN) return 0;
    else if (n < 0 && errno != EINTR) return -1;
  }
  return 0;
}
