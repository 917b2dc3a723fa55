/* Archive search on Pagefind's JavaScript API: query, facet filters, date sort.
   Results are built with textContent, never innerHTML, except Pagefind's <mark>
   highlights, which are rebuilt as elements from the plain excerpt text.

   A large archive is indexed in parts (site_builder/search.py): the main bundle
   holds the undated pages, each part a run of dated pages, oldest part first, as
   listed in parts.json. The parts are merged into the main index (mergeIndex),
   which adds up results and filter counts across them. A part ranks a date sort
   only among its own pages, so a date-sorted search is read part by part, in
   date order, each part picked out by the filter every part is tagged with. */
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
  const shownMax = 30;
  const excerptLength = 24;
  const partFilter = "part";  // set on every page of a merged part; not offered as a facet
  let pagefind = null;
  let parts = [];
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

  async function byDate(query, options, counts) {
    // The parts hold consecutive date ranges, so the date order is each part's own order, one part
    // after the other; only the parts with results are searched, and only until the page is full.
    const order = parts.map(function (part, i) { return String(i); });
    if (options.sort.date === "desc") order.reverse();
    const results = [];
    for (const id of order) {
      if (!counts[id]) continue;
      const filters = Object.assign({}, options.filters);
      filters[partFilter] = id;
      const one = await pagefind.search(query || null, { filters: filters, sort: options.sort });
      results.push.apply(results, one.results);
      if (results.length >= shownMax) break;
    }
    return results;
  }

  async function mergeParts() {
    // parts.json is written with the index; a bundle without it (Pagefind run by hand) has no parts.
    // It is revalidated on every visit, as Pagefind does with its own entry file, so that a new
    // build's parts are never read from an old list.
    let listing = null;
    try {
      const response = await fetch(bundle + "parts.json", { cache: "no-cache" });
      if (response.ok) listing = await response.json();
    } catch (error) {
      listing = null;
    }
    const found = (listing && Array.isArray(listing.parts)) ? listing.parts : [];
    // The site's root, as the main bundle derives it, so that every result URL has the same form.
    const baseUrl = new URL("../", bundle).pathname;
    await Promise.all(found.map(function (part, i) {
      const tag = {};
      tag[partFilter] = String(i);
      return pagefind.mergeIndex(new URL(part.path, bundle).href,
        { baseUrl: baseUrl, excerptLength: excerptLength, mergeFilter: tag });
    }));
    return found;
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
    let ranked = search.results;
    let total = search.results.length;
    if (sortOrder && parts.length) {
      // The main bundle has no date sort, so it returns its pages unsorted: they are left out, as
      // one index leaves out pages without a date. The parts' counts give the total.
      const counts = (search.filters && search.filters[partFilter]) || {};
      total = Object.keys(counts).reduce(function (sum, id) { return sum + counts[id]; }, 0);
      ranked = await byDate(query, options, counts);
      if (ticket !== current) return;
    }
    const shown = ranked.slice(0, shownMax);
    const data = await Promise.all(shown.map(function (r) { return r.data(); }));
    if (ticket !== current) return;
    status.textContent = total + (total === 1 ? " result" : " results") +
      (total > shown.length ? ", showing the first " + shown.length : "");
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
      await pagefind.options({ excerptLength: excerptLength });  // merged parts take their options in mergeIndex
      parts = await mergeParts();
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
