/* Archive search on Pagefind's JavaScript API: query, facet filters, date sort.
   Results are built with textContent, never innerHTML, except Pagefind's <mark>
   highlights, which are rebuilt as elements from the plain excerpt text.

   A large archive is indexed in parts (site_builder/search.py): the main bundle
   holds the undated pages, each part a run of dated pages, oldest part first, as
   listed in parts.json. The parts are merged into the main index (mergeIndex),
   which adds up results and filter counts across them. A part ranks a date sort
   only among its own pages, so a date-sorted search is read part by part, in
   date order, each part picked out by the filter every part is tagged with.

   Filter counts follow the query: after each search every option shows how many of
   its results it would keep. Actors and events are typed into inputs with a list of
   suggestions; a month range filters briefings by their month. A query without
   results suggests actor, event and outlet names and aliases close in spelling, read
   from the open data files (data/*.json). */
(function () {
  "use strict";
  const root = document.querySelector(".ba-search");
  if (!root) return;
  const form = root.querySelector("form");
  const input = root.querySelector("input[name=q]");
  const status = root.querySelector(".ba-search__status");
  const list = root.querySelector(".ba-search__results");
  const chosen = ["kind", "outlet", "year"];  // <select> filters
  const typed = ["actor", "event"];  // typed into an <input> with a <datalist>
  const facets = chosen.concat(typed);
  const suggestBox = root.querySelector(".ba-search__suggest");
  const namesBase = new URL(root.dataset.names.replace(/\/?$/, "/"), document.baseURI).href;
  let available = {};
  let names = null;
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

  function sortedValues(name, counts) {
    return Object.keys(counts[name] || {}).sort(function (a, b) {
      return name === "year" ? b.localeCompare(a) : a.localeCompare(b);
    });
  }

  function optionsOf(name) {
    if (typed.includes(name)) return Array.from(document.getElementById("ba-" + name + "-list").options);
    return Array.from(form.elements[name].options).slice(1);  // the first is "Any"
  }

  function fillFilters(all) {
    available = all;
    const wanted = params();
    for (const name of facets) {
      const holder = typed.includes(name) ? document.getElementById("ba-" + name + "-list") : form.elements[name];
      for (const value of sortedValues(name, all)) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = value + " (" + all[name][value] + ")";
        holder.appendChild(option);
      }
      if (wanted.get(name)) form.elements[name].value = wanted.get(name);
    }
    for (const name of ["sort", "from", "to"]) {
      if (wanted.get(name)) form.elements[name].value = wanted.get(name);
    }
  }

  function showCounts(counts) {
    // Each option shows how many of the current results it would keep.
    for (const name of facets) {
      for (const option of optionsOf(name)) {
        option.textContent = option.value + " (" + ((counts[name] || {})[option.value] || 0) + ")";
      }
    }
  }

  function known(name, value) {
    // The filter value a typed entry stands for: exact, else the one spelled the same ignoring case.
    const values = Object.keys(available[name] || {});
    if (values.includes(value)) return value;
    const lower = value.toLowerCase();
    return values.find(function (v) { return v.toLowerCase() === lower; }) || null;
  }

  function monthsInRange(from, to) {
    return Object.keys(available.month || {}).filter(function (m) {
      return (!from || m >= from) && (!to || m <= to);
    });
  }

  function plain(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function distance(a, b) {
    // Optimal string alignment distance: edits, with a swap of neighbours counted as one.
    const d = [];
    for (let i = 0; i <= a.length; i++) d.push([i]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }

  async function loadNames() {
    if (names) return names;
    names = [];
    for (const kind of ["actors", "events", "outlets"]) {
      try {
        const response = await fetch(namesBase + kind + ".json");
        if (!response.ok) continue;
        const data = await response.json();
        for (const record of data[kind] || []) {
          names.push({ name: record.name, spellings: [record.name].concat(record.aliases || [], record.names || []) });
        }
      } catch (error) {
        // No open data next to the search page (another engine built the site): no suggestions.
      }
    }
    return names;
  }

  function allowed(word) {
    return word.length <= 3 ? 0 : word.length <= 5 ? 1 : 2;
  }

  async function suggest(query) {
    // Names and aliases close in spelling to the whole query or to one of its words.
    const words = plain(query).split(/[^a-z0-9]+/).filter(function (w) { return w.length >= 4; });
    const whole = plain(query).trim();
    const found = [];
    for (const entry of await loadNames()) {
      let best = Infinity;
      for (const spelling of entry.spellings) {
        const text = plain(spelling);
        if (Math.abs(text.length - whole.length) <= 2) {
          const d = distance(whole, text);
          if (d <= allowed(whole)) best = Math.min(best, d);
        }
        for (const part of text.split(/[^a-z0-9]+/)) {
          for (const word of words) {
            if (Math.abs(part.length - word.length) > 2) continue;
            const d = distance(word, part);
            if (d <= allowed(word)) best = Math.min(best, d + 0.5);
          }
        }
      }
      if (best < Infinity) found.push([best, entry.name]);
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1].localeCompare(b[1]); });
    return Array.from(new Set(found.map(function (f) { return f[1]; }))).slice(0, 6);
  }

  async function showSuggestions(query, ticket) {
    const close = await suggest(query);
    if (ticket !== current || !close.length) return;
    const links = close.map(function (name) {
      const a = document.createElement("a");
      a.href = "?q=" + encodeURIComponent(name);
      a.textContent = name;
      return a;
    });
    suggestBox.replaceChildren(document.createTextNode("Did you mean: "));
    links.forEach(function (a) { suggestBox.appendChild(a); });
    suggestBox.hidden = false;
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
    const state = new URLSearchParams();
    if (query) state.set("q", query);
    let unknown = null;
    for (const name of facets) {
      const value = form.elements[name].value.trim();
      if (!value) continue;
      state.set(name, value);
      const match = typed.includes(name) ? known(name, value) : value;
      if (match) filters[name] = match;
      else unknown = "No " + name + " called “" + value + "” in the archive; pick one from the list.";
    }
    const from = form.elements.from.value;
    const to = form.elements.to.value;
    if (from) state.set("from", from);
    if (to) state.set("to", to);
    const sortOrder = form.elements.sort.value;
    if (sortOrder) state.set("sort", sortOrder);
    history.replaceState(null, "", state.toString() ? "?" + state.toString() : window.location.pathname);
    const ticket = ++current;
    suggestBox.hidden = true;
    suggestBox.replaceChildren();
    if (from || to) {
      const months = monthsInRange(from, to);
      if (!months.length) unknown = "No briefing between these months.";
      else filters.month = { any: months };
    }
    if (unknown) {
      list.replaceChildren();
      status.textContent = unknown;
      showCounts({});
      return;
    }
    if (!query && Object.keys(filters).length === 0) {
      list.replaceChildren();
      status.textContent = "";
      showCounts(available);
      return;
    }
    const options = { filters: filters };
    if (sortOrder) options.sort = { date: sortOrder };
    const search = await pagefind.search(query || null, options);
    if (ticket !== current) return;
    showCounts(search.filters || {});
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
    if (!total && query) showSuggestions(query, ticket);
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
    form.addEventListener("input", function (event) {
      // A typed actor or event searches once it names one (or is cleared); "change" covers the rest.
      const field = event.target;
      if (!typed.includes(field.name) || !field.value.trim() || known(field.name, field.value.trim())) run();
    });
    form.addEventListener("change", run);
    run();
    input.focus();
  }
  start();
})();
