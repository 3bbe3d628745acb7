// Embedding throughput of llama.cpp (node-llama-cpp's embedding context,
// CPU) for Hearth's benchmark. Input (stdin), JSON:
//   {"model": path, "chunks": [[token ids]...], "contextSize": n, "threads": n}
// It embeds one chunk to warm up, then every chunk, one getEmbeddingFor call
// each (the embedding context evaluates one sequence at a time), and reports
// {"seconds": s, "tokens": n} for the timed part.
import { getLlama } from "node-llama-cpp";

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const job = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const llama = await getLlama({ gpu: false, build: "never", logLevel: "error" });
const model = await llama.loadModel({ modelPath: job.model, gpuLayers: 0 });
const ctx = await model.createEmbeddingContext({
  contextSize: job.contextSize, batchSize: job.contextSize, threads: job.threads,
});
await ctx.getEmbeddingFor(job.chunks[0]);
let tokens = 0;
const t0 = performance.now();
for (const c of job.chunks) {
  await ctx.getEmbeddingFor(c);
  tokens += c.length;
}
const t1 = performance.now();
process.stdout.write(JSON.stringify({ seconds: (t1 - t0) / 1000, tokens }));
await ctx.dispose();
await model.dispose();
await llama.dispose();
