// @ts-check
// Copy buttons: the calculator forms (calculators.js) and the worksheet (worksheet.js) copy a
// link or Markdown with the same helper.

/**
 * Copies `text`, says so on `button` for 2 s (its own label kept across quick repeats), or
 * says `failed` (what to do instead).
 * @param {string} text
 * @param {HTMLElement} button
 * @param {string} [failed]
 * @returns {Promise<void>}
 */
export async function copyText(text, button, failed = "Copy failed: select and copy from the address bar") {
  const original = button.dataset.label || (button.dataset.label = button.textContent || "");
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = failed;
  }
  setTimeout(() => { button.textContent = original; }, 2000);
}
