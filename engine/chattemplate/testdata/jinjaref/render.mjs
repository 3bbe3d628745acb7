// Renders chat templates with @huggingface/jinja for Hearth's tests.
// Input (stdin): a JSON array of {"template": string, "context": object}.
// Output (stdout): a JSON array of {"output": string} or {"error": string}.
import { Template } from "@huggingface/jinja";

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const cases = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const results = cases.map(({ template, context }) => {
  try {
    const t = new Template(template);
    return { output: t.render(context) };
  } catch (e) {
    return { error: String(e.message || e) };
  }
});
process.stdout.write(JSON.stringify(results));
