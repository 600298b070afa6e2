// Onward links: keep the "open the next calculator prefilled" links under the capacity
// widget (servers, cache, shards, and the cost of it all) in step with its live results.
// The form dispatches `sd:result` (detail = the run() result, values in base units) every
// time it recomputes; the links were built with the default results, so the page works
// without JavaScript.

const ROUND = (value) => String(Math.round(value));

// For each onward calculator: its prefilled inputs from a capacity result.
const ONWARD = {
  servers: ({ outputs }) => ({
    peak_qps: ROUND(outputs.peak_read_qps.value + outputs.peak_write_qps.value),
  }),
  cache: ({ outputs }) => ({
    read_qps: ROUND(outputs.read_qps.value),
    // egress ÷ reads is the response size (it defaults to the record size)
    object_size: ROUND(outputs.read_qps.value > 0
      ? outputs.egress.value / outputs.read_qps.value : 0),
  }),
  shards: ({ outputs }) => ({
    storage_total: ROUND(outputs.storage_total.value),
    write_qps: ROUND(outputs.peak_write_qps.value),
  }),
  // the bill: same inputs as the build-time link (inter-zone = ingress copied to 2 replicas)
  cost: ({ inputs, outputs }) => ({
    dau: ROUND(inputs.dau),
    peak_qps: `${ROUND(outputs.peak_read_qps.value + outputs.peak_write_qps.value)}/s`,
    storage: `${ROUND(outputs.storage_total.value)}B`,
    egress: `${ROUND(outputs.egress.value)}B/s`,
    inter_zone: `${ROUND(outputs.ingress.value * 2)}B/s`,
  }),
};

document.addEventListener("sd:result", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.dataset.calc !== "capacity") return;
  for (const link of document.querySelectorAll("a[data-onward]")) {
    const build = ONWARD[link.dataset.onward];
    if (!build) continue;
    const url = new URL(link.href, document.baseURI);
    url.search = new URLSearchParams(build(event.detail)).toString();
    link.href = url.toString();
  }
});

// The command line under a calculator (macros/render.py cli_line): the same command for the
// form's current inputs, quoted as sysdesign_core/cli.py quotes them.
function shellWord(text) {
  return text && /^[A-Za-z0-9.%]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

document.addEventListener("sd:result", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.calc) return;
  for (const code of document.querySelectorAll(`code[data-cli="${form.dataset.calc}"]`)) {
    const words = [`sysdesign ${form.dataset.calc}`];
    for (const field of form.querySelectorAll("input[name], select[name]")) {
      const text = field.value.trim();
      if (text) words.push(`--${field.name.replace(/_/g, "-")} ${shellWord(text)}`);
    }
    if (code.hasAttribute("data-json")) words.push("--json");
    code.textContent = words.join(" ");
  }
});
