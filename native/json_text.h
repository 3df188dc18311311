/* Terminal output as the journal stores it: the body of a JSON string. */
#ifndef AISESS_JSON_TEXT_H
#define AISESS_JSON_TEXT_H
#include <stddef.h>

/* Decoder state carried across reads: a character split between two reads stays whole. */
struct json_text {
  unsigned char seq[4];
  unsigned char seen, needed, lower, upper;
};

/* The most bytes json_text_append writes for len input bytes (plus a pending character). */
#define JSON_TEXT_MAX(len) (6 * (len) + 12)

void json_text_init(struct json_text *s);
/* Appends the escaped text of in[0..len) to out; returns the bytes written. */
size_t json_text_append(struct json_text *s, const unsigned char *in, size_t len, char *out);
/* End of the stream: a character left incomplete becomes U+FFFD. Returns the bytes written. */
size_t json_text_finish(struct json_text *s, char *out);

#endif
