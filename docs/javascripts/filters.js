// @ts-check
// Catalog tables with facets (macros/templates/table.html): the filter checkboxes, hidden
// without JavaScript (shown from the first paint where it runs, inert until set up here), show
// only the rows that carry every checked tag.

/** @param {HTMLElement} box  a .sd-table */
function enhanceTable(box) {
  /** @type {HTMLFieldSetElement | null} */
  const fieldset = box.querySelector(".sd-filter");
  if (!fieldset || box.dataset.enhanced) return;
  box.dataset.enhanced = "true";
  const rows = [.../** @type {NodeListOf<HTMLTableRowElement>} */ (box.querySelectorAll("tbody tr"))];
  const count = /** @type {HTMLElement} */ (fieldset.querySelector(".sd-filter__count"));
  const apply = () => {
    const checked = /** @type {NodeListOf<HTMLInputElement>} */ (fieldset.querySelectorAll("input:checked"));
    const wanted = [...checked].map((el) => el.value);
    let shown = 0;
    for (const row of rows) {
      const tags = (row.dataset.tags || "").split("|");
      const visible = wanted.every((tag) => tags.includes(tag));
      row.hidden = !visible;
      shown += Number(visible);
    }
    count.textContent = wanted.length ? `${shown} of ${rows.length} rows match.` : "";
  };
  fieldset.addEventListener("change", apply);
  fieldset.hidden = false;
  fieldset.inert = false; // shown from the first paint (sysdesign.css), usable from now on
}

function enhancePage() {
  for (const box of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".sd-table"))) {
    enhanceTable(box);
  }
}

function subscribe() {
  if (window.document$) window.document$.subscribe(enhancePage);
  else enhancePage();
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe);
else subscribe();
