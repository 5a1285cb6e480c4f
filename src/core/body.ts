/**
 * A response body read from its stream with a size cap: the bytes, or undefined as soon as more
 * than `maxBytes` arrived (the stream is then cancelled, so nothing more is downloaded). A
 * `Content-Length` can lie or be absent; the stream cannot. Shared by the status feeds' fetcher
 * and the DoH fetcher.
 */
export async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  return bytes;
}
