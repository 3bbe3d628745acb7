// tokenize.mjs: llama.cpp's tokenizer, through node-llama-cpp, as the test
// reference for engine/tokenizer.
//
// Reads a JSON request on stdin:
//   {"models": [{"path": "x.gguf", "texts": ["..."], "size": 32000}]}
// and writes one JSON object to stdout: per model llama.cpp's BOS/EOS/EOT
// ids (-1 where node-llama-cpp reports none), whether it adds BOS/EOS, and
// per text the tokens without and with special-token parsing
// (llama_tokenize, add_special false) and their llama_detokenize
// (remove_special false, unparse_special false). With "size" > 0 it also
// lists, for ids below size, the detokenization of each single token
// (without and with special tokens shown) and the ids llama.cpp treats as
// end-of-generation and as control tokens.
//
// The vocabulary is loaded through the addon's AddonModel directly:
// LlamaModel.loadModel first sizes GPU offloading and takes seconds more.
import {getLlama, LlamaLogLevel} from "node-llama-cpp";

const CONTROL = 1 << 3; // LLAMA_TOKEN_ATTR_CONTROL

async function readStdin() {
    let data = "";
    process.stdin.setEncoding("utf8");
    for await (const chunk of process.stdin) data += chunk;
    return data;
}

async function load(llama, path) {
    const model = new llama._bindings.AddonModel(path, {
        addonExports: llama._bindings, vocabOnly: true, gpuLayers: 0, useMmap: true, checkTensors: false,
    });
    if (!await model.init()) throw new Error(`llama.cpp could not load ${path}`);
    return model;
}

function encode(model, text) {
    const plain = Array.from(model.tokenize(text, false));
    const special = Array.from(model.tokenize(text, true));
    return {
        plain,
        special,
        decoded: model.detokenize(Uint32Array.from(plain), false),
        decodedSpecial: model.detokenize(Uint32Array.from(special), false),
    };
}

function vocabulary(model, size, out) {
    out.pieces = [];
    out.specialPieces = [];
    out.eog = [];
    out.control = [];
    for (let id = 0; id < size; id++) {
        out.pieces.push(model.detokenize(Uint32Array.from([id]), false));
        out.specialPieces.push(model.detokenize(Uint32Array.from([id]), true));
        if (model.isEogToken(id)) out.eog.push(id);
        if (model.getTokenAttributes(id) & CONTROL) out.control.push(id);
    }
}

async function run(llama, job) {
    const model = await load(llama, job.path);
    try {
        const out = {
            bos: model.tokenBos(), eos: model.tokenEos(), eot: model.eotToken(),
            addBos: model.shouldPrependBosToken(), addEos: model.shouldAppendEosToken(),
            texts: (job.texts ?? []).map((text) => encode(model, text)),
        };
        if (job.size > 0) vocabulary(model, job.size, out);
        return out;
    } finally {
        await model.dispose();
    }
}

const request = JSON.parse(await readStdin());
const llama = await getLlama({gpu: false, build: "never", logLevel: LlamaLogLevel.error});
const models = [];
for (const job of request.models) models.push(await run(llama, job));
await llama.dispose();
process.stdout.write(JSON.stringify({models}), () => process.exit(0));
