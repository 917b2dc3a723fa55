/* Archive search on Pagefind's JavaScript API: query, facet filters, date sort.
   Results are built with textContent, never innerHTML, except Pagefind's <mark>
   highlights, which are rebuilt as elements from the plain excerpt text. */
(function () {
  "use strict";
  const root = document.querySelector(".ba-search");
  if (!root) return;
  const form = root.querySelector("form");
  const input = root.querySelector("input[name=q]");
  const status = root.querySelector(".ba-search__status");
  const list = root.querySelector(".ba-search__results");
  const facets = ["kind", "actor", "event", "outlet", "year"];
  const bundle = new URL(root.dataset.bundle.replace(/\/?$/, "/"), document.baseURI).href;
  let pagefind = null;
  let current = 0;

  function params() {
    return new URLSearchParams(window.location.search);
  }

  function fillFilters(available) {
    const wanted = params();
    for (const name of facets) {
      const select = form.elements[name];
      const values = Object.keys(available[name] || {}).sort((a, b) => name === "year" ? b.localeCompare(a) : a.localeCompare(b));
      for (const value of values) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = value + " (" + available[name][value] + ")";
        select.appendChild(option);
      }
      if (wanted.get(name)) select.value = wanted.get(name);
    }
    if (wanted.get("sort")) form.elements.sort.value = wanted.get("sort");
  }

  function excerpt(html) {
    // Pagefind marks matches with <mark>; keep only those, as elements around text nodes.
    const out = document.createElement("p");
    out.className = "ba-search__excerpt";
    const parts = html.split(/<\/?mark>/);
    parts.forEach(function (part, i) {
      const text = document.createTextNode(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&"));
      if (i % 2 === 1) {
        const mark = document.createElement("mark");
        mark.appendChild(text);
        out.appendChild(mark);
      } else {
        out.appendChild(text);
      }
    });
    return out;
  }

  async function run() {
    const query = input.value.trim();
    const filters = {};
    for (const name of facets) {
      if (form.elements[name].value) filters[name] = form.elements[name].value;
    }
    const sortOrder = form.elements.sort.value;
    const state = new URLSearchParams();
    if (query) state.set("q", query);
    for (const name in filters) state.set(name, filters[name]);
    if (sortOrder) state.set("sort", sortOrder);
    history.replaceState(null, "", state.toString() ? "?" + state.toString() : window.location.pathname);
    const ticket = ++current;
    if (!query && Object.keys(filters).length === 0) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const options = { filters: filters };
    if (sortOrder) options.sort = { date: sortOrder };
    const search = await pagefind.search(query || null, options);
    if (ticket !== current) return;
    const shown = search.results.slice(0, 30);
    const data = await Promise.all(shown.map(function (r) { return r.data(); }));
    if (ticket !== current) return;
    status.textContent = search.results.length + (search.results.length === 1 ? " result" : " results") +
      (search.results.length > shown.length ? ", showing the first " + shown.length : "");
    list.replaceChildren.apply(list, data.map(function (item) {
      const li = document.createElement("li");
      li.className = "ba-search__result";
      const a = document.createElement("a");
      a.href = item.url;
      a.textContent = (item.meta && item.meta.title) || item.url;
      li.appendChild(a);
      const facts = [item.filters && item.filters.kind && item.filters.kind[0], item.meta && item.meta.date, item.meta && item.meta.outlet].filter(Boolean);
      if (facts.length) {
        const meta = document.createElement("span");
        meta.className = "ba-item__meta";
        meta.textContent = facts.join(" · ");
        li.appendChild(meta);
      }
      li.appendChild(excerpt(item.excerpt || ""));
      return li;
    }));
  }

  async function start() {
    try {
      pagefind = await import(bundle + "pagefind.js");
      await pagefind.options({ excerptLength: 24 });
      fillFilters(await pagefind.filters());
    } catch (error) {
      status.textContent = "The search index is missing: build the site with search enabled.";
      return;
    }
    input.value = params().get("q") || "";
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    form.addEventListener("input", run);
    form.addEventListener("change", run);
    run();
    input.focus();
  }
  start();
})();
