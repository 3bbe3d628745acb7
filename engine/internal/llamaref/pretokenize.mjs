// pretokenize.mjs: the pre-tokenizer regexes llama.cpp lists in
// llama-vocab.cpp, run by JavaScript's own regex engine (which, unlike
// Go's, has \p{..} classes and look-ahead), as a reference for the
// hand-written splitters of engine/tokenizer.
//
// Reads {"jobs": [{"regexes": ["..."], "texts": ["..."]}]} on stdin and
// writes {"jobs": [[pieces of text 0, ...], ...]}: each regex in turn
// re-splits every piece the previous ones made, keeping both the matches
// and the text between them, as llama.cpp's unicode_regex_split does.

function split(pieces, source) {
    const re = new RegExp(source, "gu");
    const out = [];
    for (const piece of pieces) {
        re.lastIndex = 0;
        let last = 0;
        for (let m = re.exec(piece); m !== null; m = re.exec(piece)) {
            if (m[0].length === 0) { re.lastIndex++; continue; }
            if (m.index > last) out.push(piece.slice(last, m.index));
            out.push(m[0]);
            last = m.index + m[0].length;
        }
        if (last < piece.length) out.push(piece.slice(last));
    }
    return out;
}

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const {jobs} = JSON.parse(input);
const results = jobs.map(({regexes, texts}) =>
    texts.map((text) => text === "" ? [] : regexes.reduce(split, [text])));
process.stdout.write(JSON.stringify({jobs: results}));
