// Sends one request per token as fast as N concurrent clients can, and reports throughput, latency percentiles
// and failures. Usage: node burst.mjs <base url> <path> <tokens file> <concurrency> <json body>
import { readFileSync } from "node:fs";

const [base, path, tokensFile, concurrencyText, body] = process.argv.slice(2);
const tokens = readFileSync(tokensFile, "utf8").split("\n").filter(Boolean);
const concurrency = Number(concurrencyText);
const latencies = [];
const failures = new Map();
let next = 0;

async function client() {
  for (;;) {
    const i = next++;
    if (i >= tokens.length) return;
    const started = performance.now();
    try {
      const response = await fetch(base + path, {
        method: "PUT",
        headers: { authorization: `Bearer ${tokens[i]}`, "content-type": "application/json" },
        body,
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status !== 200) failures.set(response.status, (failures.get(response.status) ?? 0) + 1);
    } catch (error) {
      failures.set(String(error.cause?.code ?? error.message), (failures.get(String(error.cause?.code ?? error.message)) ?? 0) + 1);
    }
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, client));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = p => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
console.log(JSON.stringify({
  requests: tokens.length, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(tokens.length / seconds),
  p50: Number(at(0.5)), p99: Number(at(0.99)), max: Number(latencies.at(-1).toFixed(1)), failures: Object.fromEntries(failures),
}));
