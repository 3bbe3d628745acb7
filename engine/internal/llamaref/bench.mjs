// Speed of llama.cpp (node-llama-cpp, CPU) for Hearth's benchmarks.
// Input (stdin), JSON: {"model": path, "vocab": n, "prompt": n, "generate": n, "threads": n,
// "kvType": "Q8_0" or absent (a quantized KV cache, with flash attention)}
// It evaluates a prompt of n tokens (token ids cycling through the
// vocabulary, after BOS) as one batch, then decodes greedily, and reports
// {"prefillSeconds": s, "decodeSeconds": s, "generated": n}.
import { getLlama } from "node-llama-cpp";

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const job = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const llama = await getLlama({ gpu: false, build: "never", logLevel: "error" });
const model = await llama.loadModel({ modelPath: job.model, gpuLayers: 0 });
const kv = job.kvType
  ? { flashAttention: true, experimentalKvCacheKeyType: job.kvType, experimentalKvCacheValueType: job.kvType }
  : { flashAttention: false };
const ctx = await model.createContext({
  contextSize: job.prompt + job.generate + 8, threads: job.threads,
  batchSize: Math.max(job.prompt, 32), ...kv,
});
const seq = ctx.getSequence();
const prompt = [model.tokens.bos];
for (let i = 1; i < job.prompt; i++) prompt.push(3 + ((i * 7919) % (job.vocab - 3)));

const t0 = performance.now();
await seq.evaluateWithoutGeneratingNewTokens(prompt);
const t1 = performance.now();
let n = 0;
for await (const _ of seq.evaluate([3], { temperature: 0 })) {
  if (++n >= job.generate) break;
}
const t2 = performance.now();
process.stdout.write(JSON.stringify({ prefillSeconds: (t1 - t0) / 1000, decodeSeconds: (t2 - t1) / 1000, generated: n }));
await ctx.dispose();
await llama.dispose();
