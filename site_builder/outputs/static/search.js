/* Archive search on Pagefind's JavaScript API: query, facet filters, date sort.
   Results are built with textContent, never innerHTML, except Pagefind's <mark>
   highlights, which are rebuilt as elements from the plain excerpt text.

   A large archive is indexed in parts (site_builder/search/): the main bundle
   holds the undated pages, each part a run of dated pages, oldest part first, as
   listed in parts.json. Parts are merged into the main index (mergeIndex) only as
   a query needs them, so that a first query costs the same at any archive size:
   the newest parts holding at most parts.json's first_pages briefings (the oldest
   for an oldest-first sort), then the next ones each time the reader asks for
   more. Filters narrow the parts too: a month range or a year merges only the
   parts of those dates, an actor, event or outlet only the parts that name it, as
   facets.json says; that file, every filter value with its count across the
   archive, is read only once the reader opens the filters or arrives with one set.
   Merged parts add up their results and filter counts. A part ranks a date sort
   only among its own pages, so a date-sorted search is read part by part, in
   date order, each part picked out by the filter every part is tagged with.

   Filter counts follow the query: after each search every option shows how many of
   its results it would keep; while some briefings are not searched yet, a line
   under the status says which were, and offers the rest. Pagefind's filter files
   (a part's name every actor with its pages) are read only once the reader opens
   the filters or arrives with one set, so a plain query reads the words' index
   chunks and its results, no more. Pagefind runs on the page's own thread: its
   web worker would be a second copy of its script to fetch, and a part's search
   takes milliseconds. Actors and events are typed into inputs with a list of
   suggestions; a month range filters briefings by their month. A query without
   results suggests actor, event and outlet names and aliases close in spelling, read
   from the open data files (data/*.json). Results show ten at a time, each fetching its
   fragment as it is shown, and a button shows ten more. */
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
  let available = {};  // filter -> value -> count: the values offered, and how typed names are matched
  let names = null;
  const bundle = new URL(root.dataset.bundle.replace(/\/?$/, "/"), document.baseURI).href;
  const pageSize = 10;  // results shown at once: each costs its fragment, fetched as it is shown
  const excerptLength = 24;
  const partFilter = "part";  // set on every page of a merged part; not offered as a facet
  const more = root.querySelector(".ba-search__more");
  const next = root.querySelector(".ba-search__next");
  const nextButton = next.querySelector("button");
  const filterBox = root.querySelector(".ba-search__filters");
  let pagefind = null;
  let parts = [];  // parts.json's list, oldest first; part.merged holds its mergeIndex once asked for
  let firstPages = Infinity;
  let archiveFilters = null;  // facets.json's filters: value -> [count, bundle numbers...] (0 the main, N part-N)
  let facetsAsked = null;
  let filtersFor = -1;  // how many parts were merged when the merged index's filter files were last loaded
  let countsWanted = false;  // the reader opened the filters or set one: their values and counts are read
  let current = 0;
  let ranked = [];  // the last search's results, in order; shown pageSize at a time
  let rankedTotal = 0;

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

  function setOptions(counts) {
    // Offer every value of counts in each filter, keeping what the reader has chosen.
    available = counts;
    for (const name of facets) {
      const isTyped = typed.includes(name);
      const holder = isTyped ? document.getElementById("ba-" + name + "-list") : form.elements[name];
      const keep = isTyped ? null : holder.value;
      const options = sortedValues(name, counts).map(function (value) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = value + " (" + counts[name][value] + ")";
        return option;
      });
      holder.replaceChildren.apply(holder, (isTyped ? [] : [holder.options[0]]).concat(options));
      if (!isTyped) holder.value = keep;
    }
  }

  function restoreForm() {
    const wanted = params();
    input.value = wanted.get("q") || "";
    for (const name of facets.concat(["sort", "from", "to"])) {
      if (wanted.get(name)) form.elements[name].value = wanted.get(name);
    }
  }

  function filtersAsked() {
    // Whether the form (or the address it was filled from) sets a filter or a month.
    return facets.concat(["from", "to"]).some(function (name) { return form.elements[name].value.trim(); });
  }

  function addressAsks() {
    // Whether the address sets a filter or a month (a <select> holds no value before its options exist).
    const wanted = params();
    return facets.concat(["from", "to"]).some(function (name) { return (wanted.get(name) || "").trim(); });
  }

  async function readFilterValues() {
    // The values every filter offers: for a parted index the archive's (facets.json), for one index
    // its own filter files, which are the archive's.
    if (parts.length) await loadFacets();
    else await mergedFilters();
  }

  function wantCounts() {
    // The reader opened the filters: read their values and show the current results' counts.
    if (countsWanted) return;
    countsWanted = true;
    filterBox.setAttribute("aria-busy", "true");  // until the lists hold the values and their counts
    run(false);
  }

  function loadFacets() {
    // Every filter value with its count across the archive, once; without the file, what was merged.
    if (!facetsAsked) {
      facetsAsked = fetch(bundle + "facets.json", { cache: "no-cache" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; })
        .then(function (data) {
          if (!data || !data.filters) return;
          archiveFilters = data.filters;
          const totals = {};
          for (const name of Object.keys(archiveFilters)) {
            totals[name] = {};
            for (const value of Object.keys(archiveFilters[name])) totals[name][value] = archiveFilters[name][value][0];
          }
          setOptions(totals);
        });
    }
    return facetsAsked;
  }

  function showCounts(counts) {
    // Each option shows how many of the current results it would keep.
    for (const name of facets) {
      for (const option of optionsOf(name)) {
        option.textContent = option.value + " (" + ((counts[name] || {})[option.value] || 0) + ")";
      }
    }
    if (countsWanted) filterBox.removeAttribute("aria-busy");
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

  function merge(i) {
    // Merge part i into the index, once; each merged part's pages carry the part filter with its number.
    const part = parts[i];
    if (!part.merged) {
      const tag = {};
      tag[partFilter] = String(i);
      part.merged = pagefind.mergeIndex(new URL(part.path, bundle).href,
        { baseUrl: new URL("../", bundle).pathname, excerptLength: excerptLength, mergeFilter: tag });
    }
    return part.merged;
  }

  function candidates(filters, from, to) {
    // The parts that can hold results: within the month range and, once the archive's filter values
    // are known, holding every value chosen. Their numbers, oldest first.
    const found = [];
    parts.forEach(function (part, i) {
      if (from && part.last.slice(0, 7) < from) return;
      if (to && part.first.slice(0, 7) > to) return;
      if (archiveFilters) {
        for (const name of Object.keys(filters)) {
          if (typeof filters[name] !== "string") continue;  // the months: the range above
          const entry = (archiveFilters[name] || {})[filters[name]];
          if (!entry || !entry.slice(1).includes(i + 1)) return;
        }
      }
      found.push(i);
    });
    return found;
  }

  function leadingMerged(order) {
    // How many parts at the head of the order are merged: the ones a date sort can read in order.
    let k = 0;
    while (k < order.length && parts[order[k]].merged) k++;
    return k;
  }

  function nextParts(order) {
    // The next parts in order holding at most firstPages briefings together, and at least one part.
    const next = [];
    let pages = 0;
    for (const i of order) {
      if (next.length && pages + parts[i].pages > firstPages) break;
      next.push(i);
      pages += parts[i].pages;
    }
    return next;
  }

  function briefingsIn(ids) {
    return ids.reduce(function (sum, i) { return sum + parts[i].pages; }, 0);
  }

  function showMore(searched, order, sortOrder) {
    // Say which briefings a search read while others could still hold results, and offer them.
    more.replaceChildren();
    more.hidden = searched.length >= order.length;
    if (more.hidden) return;
    const ids = searched.slice().sort(function (a, b) { return a - b; });
    const first = parts[ids[0]].first;
    const last = parts[ids[ids.length - 1]].last;
    more.appendChild(document.createTextNode(
      "Searched the " + briefingsIn(ids).toLocaleString("en") + (sortOrder === "asc" ? " oldest" : " newest") +
      " of the " + briefingsIn(order).toLocaleString("en") + " briefings that can match (" + first + " to " +
      last + ") and every other page; results and filter counts are from these. "));
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ba-search__more-button md-button";
    button.textContent = sortOrder === "asc" ? "Search later briefings" : "Search older briefings";
    button.addEventListener("click", function () { run(true); });
    more.appendChild(button);
  }

  async function mergedFilters() {
    // Pagefind counts results by filter only once it holds the filter files of every merged index,
    // which filters() loads; until the archive's values are read, offer those of the merged index.
    const merged = parts.filter(function (part) { return part.merged; }).length;
    if (merged === filtersFor) return;
    filtersFor = merged;
    const loaded = await pagefind.filters();
    if (!archiveFilters) setOptions(loaded);
  }

  async function byDate(query, options, counts, order) {
    // The parts hold consecutive date ranges, so the date order is each part's own order, one part
    // after the other; only the parts with results are searched (in memory: their chunks are read).
    const results = [];
    for (const i of order) {
      const id = String(i);
      if (!counts[id]) continue;
      const filters = Object.assign({}, options.filters);
      filters[partFilter] = id;
      const one = await pagefind.search(query || null, { filters: filters, sort: options.sort });
      results.push.apply(results, one.results);
    }
    return results;
  }

  async function readParts() {
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
    parts = (listing && Array.isArray(listing.parts)) ? listing.parts : [];
    if (listing && listing.first_pages > 0) firstPages = listing.first_pages;
  }

  async function run(further) {
    // One search from the form; further: merge the next parts in order first (the reader asked).
    const ticket = ++current;
    if (filtersAsked()) countsWanted = true;
    if (countsWanted) {
      await readFilterValues();  // typed names are matched, and parts chosen, from the archive's values
      if (ticket !== current) return;
    }
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
    suggestBox.hidden = true;
    suggestBox.replaceChildren();
    if (from || to) {
      const months = monthsInRange(from, to);
      if (!months.length) unknown = "No briefing between these months.";
      else filters.month = { any: months };
    }
    if (unknown || (!query && Object.keys(filters).length === 0)) more.hidden = next.hidden = true;
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
    let order = [];
    let searched = [];
    if (parts.length) {
      const inRange = candidates(filters, from, to);
      order = sortOrder === "asc" ? inRange : inRange.slice().reverse();
      const k = leadingMerged(order);
      const next = further ? nextParts(order.slice(k)) : (k ? [] : nextParts(order));
      next.forEach(merge);
      searched = order.slice(0, leadingMerged(order));
      await Promise.all(searched.map(merge));  // asked for here or by an earlier search: wait for all
      if (ticket !== current) return;
      if (countsWanted) await mergedFilters();
      if (ticket !== current) return;
    }
    const options = { filters: filters };
    if (sortOrder) options.sort = { date: sortOrder };
    const search = await pagefind.search(query || null, options);
    if (ticket !== current) return;
    showCounts(search.filters || {});
    let found = search.results;
    let total = search.results.length;
    if (sortOrder && parts.length) {
      // The main bundle has no date sort, so it returns its pages unsorted: they are left out, as
      // one index leaves out pages without a date. The searched parts' counts give the total.
      const counts = (search.filters && search.filters[partFilter]) || {};
      total = searched.reduce(function (sum, i) { return sum + (counts[String(i)] || 0); }, 0);
      found = await byDate(query, options, counts, searched);
      if (ticket !== current) return;
    }
    ranked = found;
    rankedTotal = total;
    if (!total && query) showSuggestions(query, ticket);
    await showNext(ticket, true);
    // The note on what was searched changes with the results and their status, not before them.
    if (ticket === current && parts.length) showMore(searched, order, sortOrder);
  }

  async function showNext(ticket, fresh) {
    // Show the next pageSize results of the last search (fresh: the first ones, in place of those
    // shown); only the shown results' fragments are fetched.
    const from = fresh ? 0 : list.children.length;
    const data = await Promise.all(ranked.slice(from, from + pageSize).map(function (r) { return r.data(); }));
    if (ticket !== current) return;
    if (fresh) list.replaceChildren.apply(list, data.map(resultItem));
    else list.append.apply(list, data.map(resultItem));
    const shown = list.children.length;
    status.textContent = rankedTotal + (rankedTotal === 1 ? " result" : " results") +
      (rankedTotal > shown ? ", showing the first " + shown : "");
    next.hidden = shown >= ranked.length;
  }

  function resultItem(item) {
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
  }

  async function start() {
    try {
      pagefind = await import(bundle + "pagefind.js");
      // Merged parts take their options in mergeIndex; the worker option only here, before Pagefind starts.
      await pagefind.options({ excerptLength: excerptLength, noWorker: true });
      await readParts();
    } catch (error) {
      status.textContent = "The search index is missing: build the site with search enabled.";
      return;
    }
    restoreForm();
    if (addressAsks() || !input.value.trim()) {
      countsWanted = true;  // a shared search with filters, or none yet: the archive's values and counts
      try {
        await readFilterValues();
      } catch (error) {
        status.textContent = "The search index is missing: build the site with search enabled.";
        return;
      }
      restoreForm();  // the chosen values, now that the lists offer them
    }
    filterBox.addEventListener("focusin", wantCounts);
    filterBox.addEventListener("pointerover", wantCounts);  // a pointer on its way: read them a moment early
    form.addEventListener("submit", function (event) { event.preventDefault(); run(false); });
    form.addEventListener("input", function (event) {
      // A typed actor or event searches once it names one (or is cleared); "change" covers the rest.
      const field = event.target;
      if (!typed.includes(field.name)) {
        run(false);
        return;
      }
      countsWanted = true;
      readFilterValues().then(function () {
        if (!field.value.trim() || known(field.name, field.value.trim())) run(false);
      });
    });
    form.addEventListener("change", function () { run(false); });
    nextButton.addEventListener("click", function () {
      const shown = list.children.length;
      showNext(current, false).then(function () {
        const first = list.children[shown];
        if (first) first.querySelector("a").focus();  // keyboard and screen readers go on from there
      });
    });
    run(false);
    input.focus();
  }
  start();
})();
