// Greedy generations and logits from llama.cpp (node-llama-cpp) for Hearth's
// model tests. Input (stdin), JSON:
//   {"jobs": [{"model": path, "prompt": [token ids, BOS included] or "text": string,
//              "generate": n, "logits": path or "", "vocab": n,
//              "stepwise": bool, "top": k, "contextSize": n, "threads": n,
//              "kvType": "Q8_0" or absent}]}
// For each job: the n tokens llama.cpp's greedy decoding produces after the
// prompt, and, when "logits" names a file, the raw logits at every position
// of prompt+generated (evaluated again as one batch, teacher-forced, or one
// token at a time with "stepwise": true), written
// there as little-endian float32, position after position, vocab values each;
// with "top": k, only the k largest logits of each position, as k pairs of
// (int32 token id, float32 logit), largest first.
// With "kvType", the KV cache holds keys and values of that type (llama.cpp's
// -ctk/-ctv), with flash attention, which llama.cpp needs for a quantized V.
// A "text" is tokenized by llama.cpp (special tokens parsed) after a BOS.
// Output (stdout), JSON: {"results": [{"prompt": [...], "tokens": [...]}]}.
import fs from "node:fs";
import { getLlama } from "node-llama-cpp";

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const { jobs } = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const llama = await getLlama({ gpu: false, build: "never", logLevel: "error" });
const models = new Map();
async function model(path) {
  if (!models.has(path)) models.set(path, await llama.loadModel({ modelPath: path, gpuLayers: 0 }));
  return models.get(path);
}

async function generate(seq, prompt, n) {
  const out = [];
  if (n <= 0) return out;
  for await (const t of seq.evaluate(prompt, { temperature: 0 })) {
    out.push(t);
    if (out.length >= n) break;
  }
  return out;
}

async function logits(seq, tokens, vocab, path, stepwise, top) {
  await seq.clearHistory();
  const want = top > 0 ? { filter: { tokens: [], includeTop: top } } : true;
  const input = tokens.map((t) => [t, { generateNext: { token: true, logits: want, options: { temperature: 0 } } }]);
  let res = [];
  if (stepwise) {
    for (const item of input) res.push(...(await seq.controlledEvaluate([item])));
  } else {
    res = await seq.controlledEvaluate(input);
  }
  const width = top > 0 ? 2 * top : vocab;
  const buf = new Float32Array(tokens.length * width);
  const ids = new Int32Array(buf.buffer);
  for (let i = 0; i < tokens.length; i++) {
    const m = res[i]?.next?.logits;
    const n = top > 0 ? top : vocab;
    if (!m || m.size !== n) throw new Error(`position ${i}: ${m ? m.size : 0} logits, want ${n}`);
    let k = 0;
    for (const [id, v] of m) {
      if (top > 0) {
        ids[i * width + 2 * k] = id;
        buf[i * width + 2 * k + 1] = v;
      } else {
        buf[i * width + id] = v;
      }
      k++;
    }
  }
  fs.writeFileSync(path, Buffer.from(buf.buffer));
}

const results = [];
for (const job of jobs) {
  const m = await model(job.model);
  const vocab = job.vocab;
  const kv = job.kvType
    ? { flashAttention: true, experimentalKvCacheKeyType: job.kvType, experimentalKvCacheValueType: job.kvType }
    : { flashAttention: false };
  const ctx = await m.createContext({
    contextSize: job.contextSize, threads: job.threads || 1, batchSize: job.contextSize, ...kv,
  });
  const seq = ctx.getSequence();
  const prompt = job.text != null ? [m.tokens.bos, ...m.tokenize(job.text, true)] : job.prompt;
  const gen = await generate(seq, prompt, job.generate);
  if (job.logits) await logits(seq, [...prompt, ...gen], vocab, job.logits, job.stepwise, job.top || 0);
  results.push({ prompt, tokens: gen });
  await ctx.dispose();
}
process.stdout.write(JSON.stringify({ results }));
await llama.dispose();
