// @ts-check
// Onward links: keep the "open the next calculator prefilled" links under the capacity
// widget (servers, cache, shards, and the cost of it all) in step with its live results.
// Once typing pauses, the form dispatches `sd:links`; its `onward` field holds each next
// calculator's inputs, computed by sysdesign_core.onward, exact and in the site's notation:
// the same function the build used for the links, so the page works without JavaScript and
// the figures never pass on rounded. Neither these links nor the command line below follow
// every keystroke: they are out of the reader's sight while typing, and each costs the page a
// style and layout pass (measured, bench/browser.py (c)).

document.addEventListener("sd:links", (event) => {
  const form = event.target;
  const onward = (event.detail && event.detail.onward) || {};
  if (!(form instanceof HTMLFormElement) || !Object.keys(onward).length) return;
  for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll("a[data-onward]"))) {
    const inputs = onward[link.dataset.onward || ""];
    if (!inputs) continue;
    const url = new URL(link.href, document.baseURI);
    url.search = new URLSearchParams(inputs).toString();
    link.href = url.toString();
  }
});

// The command line under a calculator (macros/render.py cli_line): the same command for the
// form's inputs of its latest result, quoted as sysdesign_core/cli.py quotes them.
/** @param {string} text */
function shellWord(text) {
  return text && /^[A-Za-z0-9.%]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

document.addEventListener("sd:links", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.calc) return;
  for (const code of document.querySelectorAll(`code[data-cli="${form.dataset.calc}"]`)) {
    const words = [`sysdesign ${form.dataset.calc}`];
    const fields = /** @type {NodeListOf<HTMLInputElement | HTMLSelectElement>} */ (
      form.querySelectorAll("input[name], select[name]"));
    for (const field of fields) {
      const text = field.value.trim();
      if (text) words.push(`--${field.name.replace(/_/g, "-")} ${shellWord(text)}`);
    }
    if (code.hasAttribute("data-json")) words.push("--json");
    code.textContent = words.join(" ");
  }
});
