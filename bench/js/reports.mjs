// Rapporteurs at the end of a session block: each signs in and opens their session's report page (not timed), then all
// submit their key takeaways at once from N concurrent clients (timed). Reports throughput, latency percentiles and failures.
// With a spread of S seconds, each submits at a random moment within those S seconds (as at the end of a session block,
// when 300 rapporteurs submit "within the same minute"); with 0, all at once from N concurrent clients (the worst case).
// Usage: node reports.mjs <base url> <rapporteurs file: "email session-key" per line> <password> <concurrency> <spread seconds>
import { readFileSync } from "node:fs";

const [base, file, password, concurrencyText, spreadText = "0"] = process.argv.slice(2);
const spread = Number(spreadText);
const rapporteurs = readFileSync(file, "utf8").split("\n").filter(Boolean).map(l => { const [email, key] = l.split(" "); return { email, key }; });
const concurrency = Number(concurrencyText);

function keep(jar, response) {
  for (const c of response.headers.getSetCookie()) { const [pair] = c.split(";"); const i = pair.indexOf("="); jar.set(pair.slice(0, i), pair.slice(i + 1)); }
}
const cookie = jar => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
const token = html => /name="__RequestVerificationToken" type="hidden" value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*name="__RequestVerificationToken"/.exec(html)?.[1];

async function prepare(r) {
  r.jar = new Map();
  let response = await fetch(`${base}/account/sign-in`, { redirect: "manual" });
  keep(r.jar, response);
  const form = new URLSearchParams({ Email: r.email, Password: password, __RequestVerificationToken: token(await response.text()) });
  response = await fetch(`${base}/account/sign-in`, { method: "POST", redirect: "manual", headers: { cookie: cookie(r.jar), "content-type": "application/x-www-form-urlencoded" }, body: form });
  keep(r.jar, response);
  await response.arrayBuffer();
  if (response.status !== 302) throw new Error(`sign-in of ${r.email}: ${response.status}`);
  response = await fetch(`${base}/igf2022/sessions/${r.key}/report`, { redirect: "manual", headers: { cookie: cookie(r.jar) } });
  keep(r.jar, response);
  if (response.status !== 200) throw new Error(`report page of ${r.key}: ${response.status}`);
  r.token = token(await response.text());
}

// Sign-ins hash a password each: a few at a time, before the clock starts.
for (let i = 0; i < rapporteurs.length; i += 8) await Promise.all(rapporteurs.slice(i, i + 8).map(prepare));

const latencies = [];
const failures = new Map();
let next = 0;
async function submit(r) {
    const body = new URLSearchParams({
      "Form.Takeaway1": `Connectivity must reach the last mile (${r.key}).`, "Form.Takeaway2": "Data governance needs every stakeholder at the table.",
      "Form.Action1": "Fund community networks.", "Form.Action1For": "Governments", __RequestVerificationToken: r.token,
    });
    const started = performance.now();
    try {
      const response = await fetch(`${base}/igf2022/sessions/${r.key}/report?handler=SubmitTakeaways`, {
        method: "POST", redirect: "manual", headers: { cookie: cookie(r.jar), "content-type": "application/x-www-form-urlencoded" }, body,
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status !== 302) failures.set(response.status, (failures.get(response.status) ?? 0) + 1);
    } catch (error) {
      const k = String(error.cause?.code ?? error.message);
      failures.set(k, (failures.get(k) ?? 0) + 1);
    }
}
async function client() {
  for (let r; (r = rapporteurs[next++]);) await submit(r);
}
const started = performance.now();
if (spread > 0) {
  // A fixed pseudo-random sequence, so two runs send at the same moments.
  let seed = 2022;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  await Promise.all(rapporteurs.map(r => new Promise(done => setTimeout(() => submit(r).then(done), random() * spread * 1000))));
} else {
  await Promise.all(Array.from({ length: concurrency }, client));
}
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = p => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
console.log(JSON.stringify({
  submissions: rapporteurs.length, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(rapporteurs.length / seconds),
  p50: Number(at(0.5)), p99: Number(at(0.99)), max: Number(latencies.at(-1).toFixed(1)), failures: Object.fromEntries(failures),
}));
