// Benchmark (label benchmark, not in CI): the web survey's load on a slow phone network. In one
// run, under chromium's "Slow 3G" profile, it loads /s/VINDELN-2025 in fresh contexts and
// reports the time and compressed bytes until the first question shows and until the
// WebAssembly model has arrived, against a baseline measured the same way in the same run: a
// minimal page of the same server (/healthz) under the same profile, i.e. what any page costs
// on that network. Figures are medians of five loads each.
//
// Environment (tests/browser/CMakeLists.txt): as the browser tests, and TD_WEB_DIR.
import fs from 'node:fs';
import path from 'node:path';
import { artifactDir, launchBrowser, startDemoServer, stopAll } from './harness.mjs';
import { CODE, SLOW_3G, measureLoad, webDir } from './web-survey-support.mjs';

const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const ctx = await startDemoServer({
  name: 'bench-web-survey', user: 'samordnare', password: 'Vindeln-bench-2025', responsesPerWave: 20, dashboardDir: webDir,
});
const browser = await launchBrowser();
try {
  const runs = { baseline: [], survey: [], surveyFast: [] };
  for (let i = 0; i < RUNS; i += 1) {
    runs.baseline.push(await measureLoad(browser, `${ctx.base}/healthz`, { network: SLOW_3G, readySelector: 'body' }));
    runs.survey.push(await measureLoad(browser, `${ctx.base}/s/${CODE}`, { network: SLOW_3G, readySelector: '#q-q_trygg_dag-title', wasm: true }));
    runs.surveyFast.push(await measureLoad(browser, `${ctx.base}/s/${CODE}`, { readySelector: '#q-q_trygg_dag-title', wasm: true }));
  }
  const base = median(runs.baseline.map((r) => r.firstMs));
  const first = median(runs.survey.map((r) => r.firstMs));
  const model = median(runs.survey.map((r) => r.wasmMs));
  const report = {
    profile: 'Slow 3G (2000 ms latency, 50 kB/s each way)',
    baseline_page_ms: Math.round(base),
    first_question_ms: Math.round(first),
    first_question_ratio: +(first / base).toFixed(2),
    first_question_bytes: median(runs.survey.map((r) => r.firstBytes)),
    first_question_budget_bytes: 150 * 1024,
    wasm_arrived_ms: Math.round(model),
    wasm_ratio: +(model / base).toFixed(2),
    wasm_bytes: median(runs.survey.map((r) => r.wasmBytes)),
    wasm_budget_bytes: 250 * 1024,
    unthrottled_first_question_ms: Math.round(median(runs.surveyFast.map((r) => r.firstMs))),
    files_before_first_question: runs.survey[0].firstFiles,
  };
  fs.mkdirSync(artifactDir, { recursive: true });
  fs.writeFileSync(path.join(artifactDir, 'bench-web-survey.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
} finally {
  await stopAll({ browser, ...ctx });
}
