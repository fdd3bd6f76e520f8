/* hsdt: the archive's language switch. Pages of the archive carry each label twice
 * (<span class="hsdt-vi">, <span class="hsdt-en">, see hsdt.site.html); this script sets
 * data-hsdt-lang="en" on <html> when the visitor chose English, and the stylesheet shows that
 * language's labels. The records themselves are in Vietnamese and stay so. The choice is kept
 * in localStorage; the switch is a button in Material's header (else atop the body), shown only
 * on pages that have labels in two languages. A classic script served as a file (the site's
 * Content Security Policy allows no inline script); it builds its button from text, never HTML.
 */
(() => {
  "use strict";
  const KEY = "hsdt-lang";
  const root = document.documentElement;
  const read = () => {
    try {
      return localStorage.getItem(KEY) === "en" ? "en" : "vi";
    } catch {
      return "vi";
    }
  };
  const apply = (lang) => {
    if (lang === "en") root.dataset.hsdtLang = "en";
    else delete root.dataset.hsdtLang;
  };
  apply(read());

  const start = () => {
    if (!document.querySelector(".hsdt-en")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "hsdt-lang";
    const label = () => {
      const english = root.dataset.hsdtLang === "en";
      button.textContent = english ? "Tiếng Việt" : "English";
      button.lang = english ? "vi" : "en";
      button.setAttribute("aria-pressed", english ? "true" : "false");
    };
    label();
    button.addEventListener("click", () => {
      const next = root.dataset.hsdtLang === "en" ? "vi" : "en";
      try {
        localStorage.setItem(KEY, next);
      } catch {
        // private mode: the choice lasts for this page only
      }
      apply(next);
      label();
    });
    const header = document.querySelector(".md-header__inner");
    if (header) header.appendChild(button);
    else document.body.prepend(button);
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
