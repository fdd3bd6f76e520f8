/* hsdt: Vietnamese search for the school website, over the Pagefind bundle in <site>/pagefind/.
 *
 * The bundle may be in parts (pagefind/hsdt-parts.json names the others), merged on first use.
 *
 * A classic script served as a file (the site's Content Security Policy allows no inline script;
 * Pagefind's WebAssembly needs 'wasm-unsafe-eval' in script-src). It lives at
 * <site>/assets/hsdt/hsdt-search.js and finds the bundle relative to its own URL, so the site
 * works under any sub-path. The search box goes into the element with data-hsdt-search if the
 * page has one (a search page; ?q= fills it), else into Material's header, else atop the body.
 *
 * Queries are spelt as the index is (hsdt.site.search.fold.mark_d): NFC, đ/Đ as d/D + U+0335,
 * so "do dung" and "đồ dùng" both find "đồ dùng", the latter ranked exact; every text shown goes
 * back to đ/Đ. Results are built as DOM nodes from text, never as HTML.
 */
(() => {
  "use strict";
  const script = document.currentScript;
  const BUNDLE = new URL("../../pagefind/", script ? script.src : document.baseURI).href;
  const MARK = "\u0335";
  const MAX_RESULTS = 10;
  const EXCERPT_WORDS = 24;
  const DEBOUNCE_MS = 150;
  const LABELS = {
    vi: {
      label: "Tìm kiếm",
      placeholder: "Tìm hồ sơ (gõ không dấu cũng được)",
      count: (n) => `${n} kết quả`,
      none: (q) => `Không tìm thấy kết quả cho “${q}”`,
      failed: "Chưa có chỉ mục tìm kiếm: trang web chưa công bố hồ sơ nào, hoặc không tải được",
    },
    en: {
      label: "Search",
      placeholder: "Search records (accents optional)",
      count: (n) => `${n} result${n === 1 ? "" : "s"}`,
      none: (q) => `No results for “${q}”`,
      failed: "No search index: nothing is published yet, or it could not be loaded",
    },
  };
  const lang = (document.documentElement.lang || "vi").toLowerCase().startsWith("en") ? "en" : "vi";
  const text = LABELS[lang];

  const toIndex = (q) => q.normalize("NFC").replace(/đ/g, `d${MARK}`).replace(/Đ/g, `D${MARK}`);
  const unmark = (s) => String(s).replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ");

  // A big site's index is in parts (hsdt.site.search.index): the first is the bundle itself,
  // hsdt-parts.json lists the others, merged so that one query searches them all, and the ids
  // of the pages that only carry the site's vocabulary into each part (never shown).
  const parts = async () => {
    const response = await fetch(`${BUNDLE}hsdt-parts.json`);
    if (!response.ok) throw new Error(`hsdt-parts.json: ${response.status}`);
    const listed = await response.json();
    const names = Array.isArray(listed.parts) ? listed.parts : [];
    return {
      more: names.filter((p) => typeof p === "string" && /^part-\d+\/$/.test(p)),
      hidden: new Set(Array.isArray(listed.hidden) ? listed.hidden : []),
    };
  };

  let engine = null;
  let hidden = new Set();
  const pagefind = () => {
    engine ??= Promise.all([import(`${BUNDLE}pagefind.js`), parts()]).then(async ([pf, listed]) => {
      // On the page's thread: no worker script to load, every request is the page's.
      await pf.options({ noWorker: true });
      await Promise.all(listed.more.map((part) => pf.mergeIndex(`${BUNDLE}${part}`)));
      hidden = listed.hidden;
      return pf;
    });
    return engine;
  };

  const el = (tag, className, content) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  };

  // A word as the index folds it: no diacritics, đ → d, lower case, letters and digits only.
  const fold = (w) =>
    unmark(w)
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, "");
  const wordsOf = (q) => q.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];

  // The excerpt is cut from the page's text here, around the query's words (the phrase first):
  // text nodes only, đ shown as đ, and Pagefind's escaping of < and > never shown.
  const excerptNode = (content, queryWords) => {
    const words = unmark(content).split(/\s+/).filter(Boolean);
    const keys = words.map(fold);
    const wanted = queryWords.map(fold);
    const last = wanted.length ? wanted[wanted.length - 1] : "";
    let at = -1;
    for (let i = 0; at < 0 && i + wanted.length <= keys.length; i++) {
      if (wanted.every((w, j) => keys[i + j] === w)) at = i;
    }
    if (at < 0) at = keys.findIndex((k) => wanted.includes(k));
    const start = Math.max(0, Math.min(at - 8, words.length - EXCERPT_WORDS));
    const p = el("p", "hsdt-search__excerpt");
    words.slice(start, start + EXCERPT_WORDS).forEach((word, i) => {
      if (i) p.appendChild(document.createTextNode(" "));
      const key = keys[start + i];
      // The last word may still be being typed: Pagefind matches it as a prefix, so do we.
      const hit = wanted.includes(key) || (last !== "" && key.startsWith(last));
      p.appendChild(hit ? el("mark", "", word) : document.createTextNode(word));
    });
    if (start > 0) p.prepend(document.createTextNode("… "));
    if (start + EXCERPT_WORDS < words.length) p.appendChild(document.createTextNode(" …"));
    return p;
  };

  // The index holds each word of a page once (hsdt.site.search.compact), so its content does
  // not read as the page does: the page's whole text is beside the index, gzip-compressed, at
  // hsdt-text/<page URL>/van-ban.gz. A server that sends it already decompressed works too;
  // without it the excerpt falls back to the index's content.
  // The site may be served under a sub-path (a GitHub Pages project site: /<repository>/).
  // Pagefind puts it before the pages' paths (its baseUrl is the folder above pagefind/), so a
  // result's URL is an absolute path on this server; it must lie inside the site, and the path
  // after the site's root is where the page's text is beside the index.
  const SITE = new URL("../", BUNDLE);
  const inSite = (data) => {
    const url = data && data.url;
    if (typeof url !== "string" || !url.startsWith("/") || url.startsWith("//")) return null;
    try {
      const resolved = new URL(unmark(url), SITE);
      return resolved.origin === SITE.origin && resolved.pathname.startsWith(SITE.pathname)
        ? resolved
        : null;
    } catch {
      return null;
    }
  };

  const TEXTS = `${BUNDLE}hsdt-text/`;
  const TEXT_FILE = "van-ban.gz";
  const pageText = async (page) => {
    try {
      const path = page.pathname.slice(SITE.pathname.length);
      const response = await fetch(`${TEXTS}${path}${TEXT_FILE}`);
      if (!response.ok) return undefined;
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return await new Response(stream).text();
    } catch {
      return undefined;
    }
  };

  const build = (host) => {
    const form = el("form", "hsdt-search");
    form.setAttribute("role", "search");
    const id = "hsdt-search-input";
    const label = form.appendChild(el("label", "hsdt-search__label", text.label));
    label.htmlFor = id;
    const input = form.appendChild(el("input", "hsdt-search__input"));
    Object.assign(input, { id, type: "search", name: "q", autocomplete: "off", placeholder: text.placeholder });
    input.spellcheck = false;
    const panel = form.appendChild(el("div", "hsdt-search__results"));
    panel.hidden = true;
    panel.setAttribute("aria-live", "polite");
    host.appendChild(form);
    return { form, input, panel };
  };

  // One search at a time; one superseded while it waited is not run (show drops its results).
  let queue = Promise.resolve();
  const find = (pf, typed, stale) => {
    const run = queue.then(async () => {
      if (stale()) return [];
      const { results } = await pf.search(toIndex(typed));
      return hidden.size ? results.filter((r) => !hidden.has(r.id)) : results;
    });
    queue = run.catch(() => {});
    return run;
  };

  const show = async ({ input, panel }, query) => {
    const typed = query.trim();
    if (!typed) {
      panel.hidden = true;
      panel.replaceChildren();
      return;
    }
    const words = wordsOf(typed);
    let found;
    try {
      const pf = await pagefind();
      found = await find(pf, typed, () => input.value.trim() !== typed);
    } catch {
      // No bundle (nothing published yet) or it failed to load: the browser has logged why.
      panel.replaceChildren(el("p", "hsdt-search__status", text.failed));
      panel.dataset.query = typed;
      panel.hidden = false;
      return;
    }
    if (input.value.trim() !== typed) return; // a newer query superseded it
    const datas = await Promise.all(found.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (input.value.trim() !== typed) return;
    const shown = datas.map((data) => [data, inSite(data)]).filter(([, page]) => page !== null);
    const texts = await Promise.all(shown.map(([, page]) => pageText(page)));
    if (input.value.trim() !== typed) return;
    const items = [];
    for (const [data, page] of shown) {
      const li = el("li", "hsdt-search__result");
      const a = li.appendChild(el("a", "hsdt-search__title", unmark(data.meta?.title || data.url)));
      a.href = page.href;
      li.appendChild(excerptNode(texts[items.length] ?? data.content, words));
      items.push(li);
    }
    const status = el(
      "p",
      "hsdt-search__status",
      found.length ? text.count(found.length) : text.none(typed),
    );
    const list = el("ol", "hsdt-search__list");
    list.replaceChildren(...items);
    panel.replaceChildren(status, list);
    panel.dataset.query = typed; // what the results are for (tests and styles can wait on it)
    panel.hidden = false;
  };

  const start = () => {
    const page = document.querySelector("[data-hsdt-search]");
    const host = page || document.querySelector(".md-header__inner") || document.body;
    const ui = build(host);
    if (!page && host === document.body) host.prepend(ui.form);
    ui.form.addEventListener("submit", (event) => {
      event.preventDefault();
      show(ui, ui.input.value);
    });
    let typing = 0;
    ui.input.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => show(ui, ui.input.value), DEBOUNCE_MS);
    });
    ui.input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") ui.panel.hidden = true;
    });
    document.addEventListener("click", (event) => {
      if (!page && !ui.form.contains(event.target)) ui.panel.hidden = true;
    });
    const initial = page ? new URLSearchParams(location.search).get("q") : null;
    if (initial) {
      ui.input.value = initial;
      show(ui, initial);
    }
  };

  window.hsdtSearch = Object.freeze({ toIndex, unmark, fold });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
