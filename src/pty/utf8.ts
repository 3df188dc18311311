import { StringDecoder } from 'node:string_decoder';

/** Decodes a byte stream to text for the journal; a character split across chunks stays whole. */
export interface Utf8Stream {
  write(chunk: Buffer): string;
  /** Whatever is left (an incomplete character becomes U+FFFD). */
  end(): string;
}

export function utf8Stream(): Utf8Stream {
  const decoder = new StringDecoder('utf8');
  return {
    write: (chunk) => decoder.write(chunk),
    end: () => decoder.end(),
  };
}
