/**
 * Turns the bytes of a status feed into text. Most feeds are UTF-8, but AWS's public
 * `currentevents` is UTF-16 big-endian with a BOM (`FE FF`), and `TextDecoder('utf-16')` means
 * little-endian, so the encoding is picked from the byte-order mark. Invalid sequences become
 * U+FFFD (never a throw); the BOM itself is not part of the result.
 */

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function decoder(label: 'utf-8' | 'utf-16le' | 'utf-16be'): TextDecoder {
  // ignoreBOM: false → a leading BOM of the chosen encoding is consumed, not returned.
  return new TextDecoder(label, { fatal: false, ignoreBOM: false });
}

/** Detected from the byte-order mark; UTF-8 when there is none. */
export function bomEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]) {
    return 'utf-8';
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

export function decodeBody(bytes: Uint8Array): string {
  return decoder(bomEncoding(bytes)).decode(bytes);
}
