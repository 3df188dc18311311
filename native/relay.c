/*
 * aisess-relay: copies a pty master's output to the user's terminal and to aisess.
 *
 * Node pays an event-loop turn per pty read (at most 4 KB each), which caps a pass-through written
 * in JavaScript well below script(1). This loop does what script(1) does and hands aisess a copy of
 * the output through a socket it reads in large chunks.
 *
 *   usage: aisess-relay SENTINEL
 *   fd 0  the pty master (shared with aisess, which writes the keys and resizes)
 *   fd 1  the user's terminal
 *   fd 3  the copy for aisess, as the body of a JSON string (json_text.c: the form the journal
 *         stores, so node never decodes or escapes a byte), in batches: a copy per read would
 *         cost node the very event-loop turn per 4 KB this relay exists to save. A batch goes
 *         once output pauses for 1 ms, once its oldest byte is 20 ms old, or at 1 MB, so the
 *         journal's timing stays within a few ms (20 at most, in a flood). Queued in memory
 *         while aisess is busy (a GC pause, a git call), so the terminal never waits for the
 *         recording; no byte is dropped.
 *   fd 4  commands from aisess, one byte each:
 *           'd'  the agent exited: the SENTINEL will come through the pty after its last byte;
 *                cut it out, pass everything before it, then exit 0 (a whole SENTINEL is cut
 *                out and ends the relay even before 'd' arrives: nobody else knows it)
 *           'r'  the terminal was put back into raw mode (after Ctrl-Z, fg): turn output
 *                processing off again, as the first thing before any more output
 *           'f'  send the copy of everything shown so far now, then one NUL byte (never in a
 *                JSON string's body): aisess knows what was on screen when it asked (pausing)
 *         End of file on fd 4 means aisess is gone: exit.
 *
 * Exit: 0 after the sentinel or when the pty ends, 1 when aisess stops reading the copy,
 * 2 on bad usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "json_text.h"
#include "out_queue.h"

enum { MASTER = 0, TERMINAL = 1, COPY = 3, CONTROL = 4 };
#define BUF_SIZE 65536
#define BATCH_BYTES (1 << 20)
#define QUIET_NS 1000000L
#define MAX_AGE_NS 20000000L

static const char *sentinel;
static size_t sentinel_len;
static int draining;
static int terminal_ok = 1;
/* Bytes at the end of the last read that may be the start of the sentinel (draining only). */
static char held[256];
static size_t held_len;
static char batch[BATCH_BYTES + JSON_TEXT_MAX(BUF_SIZE + sizeof held)];
static size_t batch_len;
static struct json_text text;
static long long batch_since;
static struct out_queue copy_queue;
/* Beyond this much unsent copy, wait for aisess rather than grow without end. */
#define QUEUE_LIMIT (256u << 20)

/* What `stty -opost -inlcr -igncr` does; node's raw mode leaves these on. Same set as aisess's own
   stty call, so whichever of the two writes last, the terminal ends up the same. */
static void raw_output(void) {
  struct termios t;
  if (!isatty(TERMINAL) || tcgetattr(TERMINAL, &t) != 0) return;
  t.c_oflag &= ~OPOST;
  t.c_iflag &= ~(INLCR | IGNCR);
  tcsetattr(TERMINAL, TCSANOW, &t);
}

/* Writes all of buf; waits out EAGAIN (the fd may be non-blocking). -1 on any other error. */
static int write_all(int fd, const char *buf, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, buf, len);
    if (n > 0) {
      buf += n;
      len -= (size_t)n;
    } else if (n < 0 && errno == EAGAIN) {
      struct pollfd p = { .fd = fd, .events = POLLOUT };
      poll(&p, 1, -1);
    } else if (n < 0 && errno != EINTR) {
      return -1;
    }
  }
  return 0;
}

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Hands what the copy fd takes now; aisess gone (EPIPE) ends the relay. */
static void send_queued(void) {
  if (out_queue_write(&copy_queue, COPY) != 0) exit(1);
}

static void send_batch(void) {
  if (batch_len == 0) return;
  if (out_queue_pending(&copy_queue) + batch_len > QUEUE_LIMIT || out_queue_push(&copy_queue, batch, batch_len) != 0) {
    /* Out of room: wait for aisess to catch up instead. */
    send_queued();
    fcntl(COPY, F_SETFL, fcntl(COPY, F_GETFL) & ~O_NONBLOCK);
    if (out_queue_write(&copy_queue, COPY) != 0 || write_all(COPY, batch, batch_len) != 0) exit(1);
    fcntl(COPY, F_SETFL, fcntl(COPY, F_GETFL) | O_NONBLOCK);
  }
  batch_len = 0;
  send_queued();
}

static void emit(const char *buf, size_t len) {
  if (len == 0) return;
  /* The terminal can hang up while the agent still writes: keep recording what it says. */
  if (terminal_ok && write_all(TERMINAL, buf, len) != 0) terminal_ok = 0;
  if (batch_len == 0) batch_since = now_ns();
  batch_len += json_text_append(&text, (const unsigned char *)buf, len, batch + batch_len);
  if (batch_len >= BATCH_BYTES || now_ns() - batch_since >= MAX_AGE_NS) send_batch();
}

static void mark_shown(void) {
  send_batch();
  if (out_queue_push(&copy_queue, "", 1) != 0) exit(1);
  send_queued();
}

static _Noreturn void finish(int status) {
  batch_len += json_text_finish(&text, batch + batch_len);
  send_batch();
  fcntl(COPY, F_SETFL, fcntl(COPY, F_GETFL) & ~O_NONBLOCK);
  send_queued();
  exit(status);
}

/* Longest proper prefix of the sentinel that buf ends with. */
static size_t partial_suffix(const char *buf, size_t len) {
  size_t max = len < sentinel_len - 1 ? len : sentinel_len - 1;
  for (size_t n = max; n > 0; n--) {
    if (memcmp(buf + len - n, sentinel, n) == 0) return n;
  }
  return 0;
}

static int read_commands(void);

/*
 * Passes a chunk on, cutting the sentinel out; once it has gone by, the relay is done. Only aisess
 * knows the random sentinel and writes it after the agent exited, so a whole one needs no command.
 * A chunk that ends with the start of it may have the rest in the next read: only then must the
 * relay know whether aisess said 'd'. aisess sends 'd' before the sentinel, so a chunk holding part
 * of the sentinel was read after 'd' was sent, and looking for commands now cannot miss it.
 */
static void relay_chunk(char *buf, size_t len) {
  /* held fits in front of buf: the caller reads into buf + sizeof held. */
  buf -= held_len;
  memcpy(buf, held, held_len);
  len += held_len;
  held_len = 0;
  char *at = memmem(buf, len, sentinel, sentinel_len);
  if (at) {
    emit(buf, (size_t)(at - buf));
    emit(at + sentinel_len, len - (size_t)(at - buf) - sentinel_len);
    finish(0);
  }
  size_t partial = partial_suffix(buf, len);
  if (partial && !draining && !read_commands()) finish(0);
  held_len = draining ? partial : 0;
  memcpy(held, buf + len - held_len, held_len);
  emit(buf, len - held_len);
}

/* Reads every pending command. Returns 0 once aisess has gone away. */
static int read_commands(void) {
  char cmd[64];
  for (;;) {
    ssize_t n = read(CONTROL, cmd, sizeof cmd);
    if (n == 0) return 0;
    if (n < 0) return errno == EAGAIN || errno == EINTR;
    for (ssize_t i = 0; i < n; i++) {
      if (cmd[i] == 'd') draining = 1;
      else if (cmd[i] == 'r') raw_output();
      else if (cmd[i] == 'f') mark_shown();
    }
  }
}

int main(int argc, char **argv) {
  if (argc != 2 || strlen(argv[1]) < 8 || strlen(argv[1]) >= sizeof held) return 2;
  sentinel = argv[1];
  sentinel_len = strlen(sentinel);
  /* aisess decides when the session ends: signals aimed at its process group must not cut the
     recording short. A dead aisess shows up as end of file on CONTROL or EPIPE on COPY. */
  signal(SIGPIPE, SIG_IGN);
  signal(SIGHUP, SIG_IGN);
  signal(SIGINT, SIG_IGN);
  signal(SIGQUIT, SIG_IGN);
  signal(SIGTERM, SIG_IGN);
  fcntl(CONTROL, F_SETFL, fcntl(CONTROL, F_GETFL) | O_NONBLOCK);
  fcntl(COPY, F_SETFL, fcntl(COPY, F_GETFL) | O_NONBLOCK);
  json_text_init(&text);
  raw_output();

  static char space[sizeof held + BUF_SIZE];
  char *buf = space + sizeof held;
  struct pollfd fds[3] = { { .fd = MASTER, .events = POLLIN }, { .fd = CONTROL, .events = POLLIN }, { .fd = COPY } };
  for (;;) {
    struct timespec quiet = { 0, QUIET_NS };
    fds[2].events = out_queue_pending(&copy_queue) ? POLLOUT : 0;
    int ready = ppoll(fds, 3, batch_len ? &quiet : NULL, NULL);
    if (ready < 0 && errno != EINTR) finish(1);
    if (ready <= 0) {
      send_batch();
      continue;
    }
    if (fds[2].revents) send_queued();
    /* Commands first: 'r' must take effect before the output that follows it. */
    if (fds[1].revents && !read_commands()) finish(0);
    if (!fds[0].revents) continue;
    ssize_t n = read(MASTER, buf, BUF_SIZE);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    /* EIO: no slave side is open any more, nothing else can arrive. */
    if (n <= 0) break;
    relay_chunk(buf, (size_t)n);
  }
  emit(held, held_len);
  finish(0);
}
