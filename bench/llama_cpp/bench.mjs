// llama.cpp on the demo model's GGUF, through node-llama-cpp's prebuilt binaries (bench only).
//
// Time to first token and decode tokens/s for one prompt, one thread, greedy, as JSON. The prompt is the
// exact text Kollega's model receives for bench/real_model.py's summary (its messages through the GGUF's
// chat template), so both engines see the same tokens.
//
//   node bench/llama_cpp/bench.mjs [--runs 3] [--cap 128] [--threads 1]
//       asks bench/real_model.py (--print-prompt) for the GGUF path and the prompt, runs, prints one JSON object.
//   node bench/llama_cpp/bench.mjs --serve --model FILE [--threads 1]
//       for bench/real_model.py: prints {"ready": ...}, then answers each stdin line {"prompt", "cap"} with
//       one JSON line, so that runs can be interleaved with Kollega's.
import { execFileSync } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { parseArgs } from "node:util";
import { getLlama, LlamaLogLevel } from "node-llama-cpp";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const { values: args } = parseArgs({
  options: {
    serve: { type: "boolean", default: false },
    model: { type: "string" },
    runs: { type: "string", default: "3" },
    cap: { type: "string", default: "128" },
    threads: { type: "string", default: "1" },
    "context-size": { type: "string", default: "2048" },
  },
});
const threads = Number(args.threads);

async function load(modelPath) {
  // build: "never" keeps to the prebuilt CPU binary: building llama.cpp from source is what this avoids.
  const llama = await getLlama({ gpu: false, build: "never", maxThreads: threads, logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: Number(args["context-size"]), threads, sequences: 1 });
  return { llama, model, context, sequence: context.getSequence() };
}

// One greedy answer from an empty KV cache: request to first token (prefill and the first sample), then the
// decode rate over the tokens after it. Stops at an end-of-generation token or at cap tokens.
async function run(engine, prompt, cap) {
  const { model, sequence } = engine;
  await sequence.clearHistory();
  // CPU time of this process beside wall time: on a shared machine it is far less noisy.
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  const started = performance.now();
  const cpuStarted = cpu();
  const tokens = model.tokenize(prompt, true);
  let first = null;
  let cpuFirst = null;
  let n = 0;
  for await (const token of sequence.evaluate(tokens, { temperature: 0 })) {
    if (model.isEogToken(token)) break;
    n += 1;
    if (first === null) {
      first = performance.now();
      cpuFirst = cpu();
    }
    if (n >= cap) break;
  }
  const end = performance.now();
  const cpuEnd = cpu();
  first ??= end;
  cpuFirst ??= cpuEnd;
  return {
    ttft: (first - started) / 1000,
    decode: (n - 1) / Math.max(1e-9, (end - first) / 1000),
    cpu_ttft: cpuFirst - cpuStarted,
    cpu_decode: (n - 1) / Math.max(1e-9, cpuEnd - cpuFirst),
    tokens: n,
    prompt_tokens: tokens.length,
    total: (end - started) / 1000,
  };
}

function info(engine) {
  return { engine: "llama.cpp", binding: "node-llama-cpp", llama_cpp_release: engine.llama.llamaCppRelease?.release,
           threads: engine.context.currentThreads, gguf: path.basename(engine.model.filename ?? "") };
}

if (args.serve) {
  if (!args.model) throw new Error("--serve needs --model FILE");
  const engine = await load(args.model);
  console.log(JSON.stringify({ ready: true, ...info(engine) }));
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const request = JSON.parse(line);
    console.log(JSON.stringify(await run(engine, request.prompt, request.cap)));
  }
  await engine.llama.dispose();
} else {
  const python = path.join(repo, ".venv", "bin", "python");
  const job = JSON.parse(execFileSync(python, [path.join(repo, "bench", "real_model.py"), "--print-prompt"],
                                      { encoding: "utf8" }));
  const engine = await load(args.model ?? job.gguf);
  const cap = Number(args.cap);
  await run(engine, job.prompt, cap); // warm-up
  const runs = [];
  for (let i = 0; i < Number(args.runs); i += 1) runs.push(await run(engine, job.prompt, cap));
  console.log(JSON.stringify({ ...info(engine), cap, runs }, null, 2));
  await engine.llama.dispose();
}
