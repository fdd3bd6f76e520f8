/* hsdt: Vietnamese search for the school website, over hsdt's static index in <site>/chi-muc/
 * (laid out by hsdt.site.search.bundle; the terms are those of hsdt.site.search.terms, whose
 * functions this script mirrors: words, foldWord, the term kinds and the FNV-1a file choice).
 *
 * A classic script served as a file (the site's Content Security Policy allows no inline
 * script). It lives at <site>/assets/hsdt/hsdt-search.js and finds the index relative to its
 * own URL, so the site works under any sub-path. The search box goes into the element with
 * data-hsdt-search if the page has one (a search page; ?q= fills it), else into Material's
 * header, else atop the body.
 *
 * A query's words must all be on a page (folded: no diacritics, đ → d), the last one possibly
 * still being typed (a prefix; one letter after other words narrows nothing yet); pages with
 * the query's accented spelling, its words side by
 * side, or its words in the title rank first. Only the few files holding the query's terms are
 * fetched, then the page list of the results shown and their texts (for the excerpts).
 * Results are built as DOM nodes from text, never as HTML.
 */
(() => {
  "use strict";
  const script = document.currentScript;
  const INDEX = new URL("../../chi-muc/", script ? script.src : document.baseURI).href;
  const FORMAT = 1;
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

  // hsdt.site.search.terms: words (letters and digits, NFC, lower case, at most max_word long)
  // and their folded forms (NFD, marks dropped, đ → d, NFC).
  let maxWord = 40;
  const words = (q) =>
    (q.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).filter((w) => w.length <= maxWord);
  const foldWord = (w) => w.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").normalize("NFC");
  // A word as the excerpt compares it: folded, lower case, letters and digits only.
  const fold = (w) =>
    String(w)
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, "");

  const encoder = new TextEncoder();
  const shardOf = (term, shards) => {
    let h = 0x811c9dc5;
    for (const byte of encoder.encode(term)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
    return h % shards;
  };

  // Every file of the index is gzip-compressed; a server may send it decompressed already.
  const fetchBytes = async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  };

  let manifest = null;
  const index = () => {
    manifest ??= fetch(`${INDEX}hsdt-index.json`).then(async (response) => {
      if (!response.ok) throw new Error(`hsdt-index.json: ${response.status}`);
      const m = await response.json();
      const count = (v) => Number.isInteger(v) && v >= 0;
      if (m.format !== FORMAT || !count(m.pages) || !(m.shards >= 1) || !(m.block >= 1)) {
        throw new Error("hsdt-index.json: unknown format");
      }
      maxWord = count(m.max_word) ? m.max_word : maxWord;
      return m;
    });
    manifest.catch(() => {
      manifest = null; // asked again by the next query
    });
    return manifest;
  };

  const readVarint = (bytes, at) => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(byte & 0x80)) return [value, at];
    }
  };
  const decoder = new TextDecoder();
  // A term file: term → its pages as a bitmap (one bit a page).
  const shards = new Map();
  const shard = (m, n) => {
    if (!shards.has(n)) {
      shards.set(
        n,
        fetchBytes(`${INDEX}t/${n}.gz`).then((bytes) => {
          const entries = new Map();
          let at = 0;
          while (at < bytes.length) {
            let size;
            [size, at] = readVarint(bytes, at);
            const term = decoder.decode(bytes.subarray(at, at + size));
            at += size;
            const kind = bytes[at];
            [size, at] = readVarint(bytes, at + 1);
            entries.set(term, [kind, bytes.subarray(at, at + size)]);
            at += size;
          }
          return entries;
        }).catch((error) => {
          shards.delete(n); // fetched again by the next query
          throw error;
        }),
      );
    }
    return shards.get(n);
  };
  const bitmapOf = (m, kind, data) => {
    if (kind === 2) return data;
    const bits = new Uint8Array((m.pages + 7) >> 3);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const width = kind === 0 ? 2 : 4;
    for (let at = 0; at + width <= data.byteLength; at += width) {
      const page = width === 2 ? view.getUint16(at, true) : view.getUint32(at, true);
      if (page < m.pages) bits[page >> 3] |= 1 << (page & 7);
    }
    return bits;
  };
  const lookup = async (m, terms) => {
    const found = new Map();
    await Promise.all(
      terms.map(async (term) => {
        const entry = (await shard(m, shardOf(term, m.shards))).get(term);
        found.set(term, entry ? bitmapOf(m, entry[0], entry[1]) : null);
      }),
    );
    return found;
  };
  const has = (bits, page) => bits !== null && (bits[page >> 3] >> (page & 7)) & 1;

  // The ranked page numbers of a query (hsdt.site.search.terms for the term kinds).
  const rank = async (typed) => {
    const m = await index();
    const spelt = words(typed);
    if (!spelt.length) return { m, pages: [] };
    const folded = spelt.map(foldWord);
    const last = folded.length - 1;
    const prefix = folded[last].length >= m.prefix_min;
    const terms = new Set(folded.map((f) => `w:${f}`));
    if (prefix) terms.add(`p:${folded[last]}`);
    spelt.forEach((w, i) => (w !== folded[i] ? terms.add(`e:${w}`) : null));
    for (let i = 0; i < last; i++) terms.add(`b:${folded[i]} ${folded[i + 1]}`);
    folded.forEach((f) => terms.add(`t:${f}`));
    const bits = await lookup(m, [...terms]);
    // A last word too short to be a prefix, after other words, is a word just begun: it
    // narrows nothing yet (it still ranks a page that has it as a whole word).
    const required = !prefix && last > 0 ? last - 1 : last;
    let candidates = null;
    for (let i = 0; i <= required; i++) {
      let own = bits.get(`w:${folded[i]}`);
      if (i === last && prefix) {
        const more = bits.get(`p:${folded[last]}`);
        if (more) own = own ? own.map((byte, at) => byte | more[at]) : more;
      }
      if (!own) return { m, pages: [] };
      candidates = candidates ? candidates.map((byte, at) => byte & own[at]) : own.slice();
    }
    const scored = [];
    for (let page = 0; page < m.pages; page++) {
      if (!has(candidates, page)) continue;
      let score = 0;
      spelt.forEach((w, i) => {
        if (w !== folded[i] && has(bits.get(`e:${w}`), page)) score += 100;
        if (has(bits.get(`t:${folded[i]}`), page)) score += 3;
      });
      if ((prefix || required < last) && has(bits.get(`w:${folded[last]}`), page)) score += 20;
      for (let i = 0; i < last; i++) {
        if (has(bits.get(`b:${folded[i]} ${folded[i + 1]}`), page)) score += 10;
      }
      scored.push([score, page]);
    }
    scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    return { m, pages: scored.map(([, page]) => page) };
  };

  // Page lists: page number → [address relative to the site, title, text file].
  const blocks = new Map();
  const pageOf = async (m, page) => {
    const n = Math.floor(page / m.block);
    if (!blocks.has(n)) {
      blocks.set(
        n,
        fetchBytes(`${INDEX}p/${n}.gz`)
          .then((bytes) => JSON.parse(decoder.decode(bytes)))
          .catch((error) => {
            blocks.delete(n); // fetched again by the next query
            throw error;
          }),
      );
    }
    const listed = await blocks.get(n);
    const entry = Array.isArray(listed) ? listed[page % m.block] : null;
    return Array.isArray(entry) && entry.every((v) => typeof v === "string") ? entry : null;
  };

  const el = (tag, className, content) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  };

  // The excerpt is cut from the page's whole text, around the query's words (the phrase
  // first): text nodes only.
  const excerptNode = (content, queryWords) => {
    const words = String(content).split(/\s+/).filter(Boolean);
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
      // The last word may still be being typed: it is matched as a prefix.
      const hit = wanted.includes(key) || (last !== "" && key.startsWith(last));
      p.appendChild(hit ? el("mark", "", word) : document.createTextNode(word));
    });
    if (start > 0) p.prepend(document.createTextNode("… "));
    if (start + EXCERPT_WORDS < words.length) p.appendChild(document.createTextNode(" …"));
    return p;
  };

  // The site may be served under a sub-path (a GitHub Pages project site: /<repository>/):
  // addresses are relative to the site's root, the folder above chi-muc/, and must stay in it.
  const SITE = new URL("../", INDEX);
  const inSite = (address) => {
    if (typeof address !== "string" || address.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(address)) {
      return null;
    }
    try {
      const resolved = new URL(address, SITE);
      return resolved.origin === SITE.origin && resolved.pathname.startsWith(SITE.pathname)
        ? resolved
        : null;
    } catch {
      return null;
    }
  };

  // A page's whole text (v/<name>.gz); without it the excerpt is the title.
  const pageText = async (name) => {
    if (!/^[0-9a-f]{1,64}$/.test(name)) return undefined;
    try {
      return decoder.decode(await fetchBytes(`${INDEX}v/${name}.gz`));
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
  const find = (typed, stale) => {
    const run = queue.then(async () => (stale() ? null : rank(typed)));
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
    const stale = () => input.value.trim() !== typed;
    let found;
    let shown;
    try {
      found = await find(typed, stale);
      if (found === null || stale()) return; // a newer query superseded it
      const entries = await Promise.all(found.pages.slice(0, MAX_RESULTS).map((n) => pageOf(found.m, n)));
      shown = entries
        .map((entry) => (entry ? [entry, inSite(entry[0])] : [null, null]))
        .filter(([, url]) => url !== null);
    } catch {
      // No index (nothing published yet) or it failed to load: the browser has logged why.
      panel.replaceChildren(el("p", "hsdt-search__status", text.failed));
      panel.dataset.query = typed;
      panel.hidden = false;
      return;
    }
    if (stale()) return;
    const texts = await Promise.all(shown.map(([entry]) => pageText(entry[2])));
    if (stale()) return;
    const queryWords = words(typed);
    const items = shown.map(([entry, url], i) => {
      const li = el("li", "hsdt-search__result");
      const a = li.appendChild(el("a", "hsdt-search__title", entry[1] || entry[0]));
      a.href = url.href;
      li.appendChild(excerptNode(texts[i] ?? entry[1], queryWords));
      return li;
    });
    const count = found.pages.length;
    const status = el("p", "hsdt-search__status", count ? text.count(count) : text.none(typed));
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

  window.hsdtSearch = Object.freeze({ words, foldWord, fold, shardOf });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
