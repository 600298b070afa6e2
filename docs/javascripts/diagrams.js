// @ts-check
// Diagrams open full size in GLightbox (zoom and pan), loaded on the first click only.
// Each diagram (macros/diagram_hooks.py) is a link to a standalone copy of its SVG: without
// JavaScript, or if GLightbox cannot load, the link opens that file and the browser zooms it.

const assets = new URL("../assets/", import.meta.url);
/** @type {Promise<NonNullable<Window["GLightbox"]>> | null} */
let loading = null;

/** @returns {Promise<NonNullable<Window["GLightbox"]>>} */
function loadGLightbox() {
  if (window.GLightbox) return Promise.resolve(window.GLightbox);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("stylesheets/glightbox.min.css", assets).href;
      document.head.append(css);
      const script = document.createElement("script");
      script.src = new URL("javascripts/glightbox.min.js", assets).href;
      script.onload = () => {
        if (window.GLightbox) resolve(window.GLightbox);
        else { loading = null; reject(new Error("GLightbox did not load")); }
      };
      script.onerror = () => { loading = null; reject(new Error("GLightbox did not load")); };
      document.head.append(script);
    });
  }
  return loading;
}

/** @param {HTMLAnchorElement} link  a diagram's link to its standalone SVG */
function open(link) {
  loadGLightbox().then((GLightbox) => {
    const svg = link.querySelector("svg");
    const box = GLightbox({
      elements: [{ href: link.href, type: "image", alt: svg ? svg.getAttribute("aria-label") : "" }],
      zoomable: true,
      draggable: true,
      touchNavigation: true,
      openEffect: "fade",
      closeEffect: "fade",
    });
    box.on("close", () => {
      setTimeout(() => box.destroy(), 0);
      link.focus();
    });
    box.open();
  }, () => { window.location.href = link.href; });
}

// Capture phase: before Material's instant navigation looks at the click.
document.addEventListener("click", (event) => {
  /** @type {HTMLAnchorElement | null} */
  const link = event.target instanceof Element ? event.target.closest("a.sd-diagram__open") : null;
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  event.stopPropagation();
  open(link);
}, true);
