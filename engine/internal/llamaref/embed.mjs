// Embeddings from llama.cpp (node-llama-cpp's LlamaEmbeddingContext) for
// Hearth's embedding-model tests. Input (stdin), JSON:
//   {"jobs": [{"model": path, "texts": [strings], "contextSize": n, "threads": n}]}
// Each text is tokenized as getEmbeddingFor tokenizes it (no special-token
// parsing, then the BOS/CLS and EOS/SEP the vocabulary asks for) and its
// embedding computed by getEmbeddingFor on those tokens: llama.cpp's pooled
// vector, not normalized.
// Output (stdout), JSON: {"results": [{"tokens": [[ids]...], "vectors": [[floats]...]}]}.
import { getLlama } from "node-llama-cpp";

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const { jobs } = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const llama = await getLlama({ gpu: false, build: "never", logLevel: "error" });
const results = [];
for (const job of jobs) {
  const model = await llama.loadModel({ modelPath: job.model, gpuLayers: 0 });
  const ctx = await model.createEmbeddingContext({
    contextSize: job.contextSize, batchSize: job.contextSize, threads: job.threads || 1,
  });
  const out = { tokens: [], vectors: [] };
  for (const text of job.texts) {
    const tokens = model.tokenize(text, false);
    ctx._prepareInput(tokens);
    const emb = await ctx.getEmbeddingFor(tokens);
    out.tokens.push(tokens.map(Number));
    out.vectors.push(Array.from(emb.vector));
  }
  results.push(out);
  await ctx.dispose();
  await model.dispose();
}
await llama.dispose();
process.stdout.write(JSON.stringify({ results }), () => process.exit(0));
