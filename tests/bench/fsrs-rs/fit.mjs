// fit.mjs CSV ROLLOVER_HOUR UTC_OFFSET_MINUTES SWOT_PARAMS_JSON RUNS
// Fits the review CSV with fsrs-rs (the npm binding's computeParameters,
// with fsrs-rs's defaults: short-term on, one relearning step), timing the
// fit alone (best of RUNS), and scores the defaults, fsrs-rs's weights and
// swot's with fsrs-rs's own evaluator (FSRSBinding.evaluate) on the items
// fsrs-rs built.  Prints one JSON object.
import { readFileSync } from 'node:fs'
import { computeParameters, convertCsvToFsrsItems, FSRSBinding } from '@open-spaced-repetition/binding'

const [file, hour, offset, swotJson, runs] = process.argv.slice(2)
const items = convertCsvToFsrsItems(readFileSync(file), Number(hour), 'UTC', () => Number(offset))
const out = { items: items.length, ms: null, cpu_ms: null, error: null, params: null, eval: {} }
for (let i = 0; i < Number(runs ?? 3); i++) {
  const t0 = performance.now(), c0 = process.cpuUsage()
  try {
    // timeout is how often the binding polls the fit (500 ms by default,
    // which would count against fsrs-rs): 1 ms times the fit itself
    out.params = await computeParameters(items, { enableShortTerm: true, numRelearningSteps: 1, timeout: 1 })
  } catch (e) {
    out.error = String(e.message ?? e)
    break
  }
  const ms = performance.now() - t0, c = process.cpuUsage(c0)
  out.ms = out.ms === null ? ms : Math.min(out.ms, ms)
  const cpu = (c.user + c.system) / 1000
  out.cpu_ms = out.cpu_ms === null ? cpu : Math.min(out.cpu_ms, cpu)
}
const score = (w) => { try { return new FSRSBinding(w).evaluate(items) } catch (e) { return { error: String(e.message ?? e) } } }
out.eval.defaults = score(undefined)
if (out.params) out.eval.fsrs = score(out.params)
if (swotJson) out.eval.swot = score(JSON.parse(swotJson))
console.log(JSON.stringify(out))
