/*
 * Raw terminal bytes to the body of a JSON string, byte for byte what
 * JSON.stringify(new TextDecoder().decode(bytes)) puts between its quotes: invalid UTF-8 becomes
 * U+FFFD per maximal subpart (the WHATWG decoder), valid characters are copied, control
 * characters, quote and backslash are escaped as JSON.stringify escapes them. Doing this here
 * costs the relay well under a millisecond per MB; in JavaScript (decode, stringify, encode) it
 * costs several, on the same two cores the agent and the terminal need.
 */
#include "json_text.h"
#include <stdint.h>
#include <string.h>

static const char replacement[] = "\xEF\xBF\xBD";
static const char hex[] = "0123456789abcdef";

void json_text_init(struct json_text *s) {
  memset(s, 0, sizeof *s);
  s->lower = 0x80;
  s->upper = 0xBF;
}

static size_t put_ascii(unsigned char c, char *out) {
  switch (c) {
  case '"': memcpy(out, "\\\"", 2); return 2;
  case '\\': memcpy(out, "\\\\", 2); return 2;
  case '\b': memcpy(out, "\\b", 2); return 2;
  case '\t': memcpy(out, "\\t", 2); return 2;
  case '\n': memcpy(out, "\\n", 2); return 2;
  case '\f': memcpy(out, "\\f", 2); return 2;
  case '\r': memcpy(out, "\\r", 2); return 2;
  }
  if (c >= 0x20) {
    *out = (char)c;
    return 1;
  }
  memcpy(out, "\\u00", 4);
  out[4] = hex[c >> 4];
  out[5] = hex[c & 15];
  return 6;
}

static void reset(struct json_text *s) {
  s->seen = s->needed = 0;
  s->lower = 0x80;
  s->upper = 0xBF;
}

/* A lead byte: how many continuation bytes follow, and the range the first one must be in. */
static int start_sequence(struct json_text *s, unsigned char c) {
  if (c >= 0xC2 && c <= 0xDF) s->needed = 1;
  else if (c >= 0xE0 && c <= 0xEF) s->needed = 2;
  else if (c >= 0xF0 && c <= 0xF4) s->needed = 3;
  else return 0;
  if (c == 0xE0) s->lower = 0xA0;
  if (c == 0xED) s->upper = 0x9F;
  if (c == 0xF0) s->lower = 0x90;
  if (c == 0xF4) s->upper = 0x8F;
  s->seq[0] = c;
  s->seen = 0;
  return 1;
}

/*
 * Eight bytes at once: a high bit set for each byte below 0x20, from 0x80, '"' or '\\'. Borrows
 * can mark bytes after a marked one too, never before: the lowest mark is the first such byte.
 */
static uint64_t special8(const unsigned char *p) {
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  uint64_t v;
  memcpy(&v, p, 8);
  uint64_t quote = v ^ (0x22 * ones), backslash = v ^ (0x5c * ones);
  uint64_t marks = ((v - 0x20 * ones) & ~v) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | v;
  return marks & highs;
}

size_t json_text_append(struct json_text *s, const unsigned char *in, size_t len, char *out) {
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    /* Runs of plain ASCII are copied eight bytes at a time, up to the first byte that is not. */
    while (s->needed == 0 && i + 8 <= len) {
      uint64_t marks = special8(in + i);
      size_t plain = marks ? (size_t)__builtin_ctzll(marks) / 8 : 8;
      memcpy(out + o, in + i, plain);
      o += plain;
      i += plain;
      if (plain < 8) break;
    }
    if (i == len) break;
    unsigned char c = in[i];
    if (s->needed == 0) {
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') out[o++] = (char)c;
      else if (c < 0x80) o += put_ascii(c, out + o);
      else if (!start_sequence(s, c)) o += (memcpy(out + o, replacement, 3), 3);
      continue;
    }
    if (c < s->lower || c > s->upper) {
      /* The bytes so far are one maximal subpart: one U+FFFD, then c starts afresh. */
      reset(s);
      memcpy(out + o, replacement, 3);
      o += 3;
      i--;
      continue;
    }
    s->lower = 0x80;
    s->upper = 0xBF;
    s->seq[++s->seen] = c;
    if (s->seen == s->needed) {
      memcpy(out + o, s->seq, (size_t)s->needed + 1);
      o += (size_t)s->needed + 1;
      reset(s);
    }
  }
  return o;
}

size_t json_text_finish(struct json_text *s, char *out) {
  if (s->needed == 0) return 0;
  reset(s);
  memcpy(out, replacement, 3);
  return 3;
}
