/**
 * Serving a 50 MB report to 10 readers at once: bytes are streamed from PostgreSQL chunk by chunk, so the process's
 * memory should grow by a few chunks per reader, not a file per reader. Prints throughput, the rise in resident
 * memory and heap over the idle process, and checks every reader got the same bytes.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDocumentStore, migrateDocuments } from '@cspr/documents';
import { createTestDatabase } from '@cspr/testing';

const SIZE = 50 * 1024 * 1024;
const READERS = 10;
const db = await createTestDatabase({ maxConnections: READERS + 2 });
try {
  await migrateDocuments(db.sql);
  const store = createDocumentStore(db.sql);
  const head = Buffer.from('%PDF-1.7\n% bench\n');
  async function* file() {
    yield head;
    const block = Buffer.alloc(1024 * 1024, 0x20);
    for (let sent = head.length; sent < SIZE; sent += block.length)
      yield block.subarray(0, Math.min(block.length, SIZE - sent));
  }
  const stored = await store.store(file());
  const server = createServer(async (_req, res) => {
    res.writeHead(200, { 'content-type': stored.mediaType, 'content-length': stored.size });
    for await (const chunk of store.read(stored.sha256))
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 20);
  const started = performance.now();
  const digests = await Promise.all(
    Array.from({ length: READERS }, async () => {
      const response = await fetch(url);
      const hash = createHash('sha256');
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
      return hash.digest('hex');
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  server.close();
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(
    `documents: ${READERS} readers × ${mb(SIZE)} MB in ${seconds.toFixed(1)} s (${mb((SIZE * READERS) / seconds)} MB/s)`,
  );
  console.log(
    `  resident memory ${mb(before.rss)} → peak ${mb(peakRss)} MB (+${mb(peakRss - before.rss)}); heap ${mb(before.heapUsed)} → peak ${mb(peakHeap)} MB`,
  );
  console.log(`  every reader got the stored bytes: ${digests.every((d) => d === stored.sha256) ? 'yes' : 'NO'}`);
  // Held whole, ten readers would need ten files (500 MB); the readers here run in the same process, so their own
  // buffers are in the figure too.
  const goal = (SIZE * READERS) / 5;
  console.log(
    `  goal: rise below a fifth of the files served (${mb(goal)} MB): ${peakRss - before.rss < goal ? 'met' : 'MISSED'}`,
  );
} finally {
  await db.drop();
}
