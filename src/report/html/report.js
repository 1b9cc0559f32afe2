// factcheck's HTML report: draws the findings and timelines embedded in
// the page as JSON (#data), a page at a time, filtered by rule, severity,
// entity and words. No network, no libraries.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const FINDINGS_PER_PAGE = 50;
  const TIMELINES_PER_PAGE = 20;
  const SVG = "http://www.w3.org/2000/svg";
  const SEVERITIES = ["error", "warning", "info"];
  const state = { rule: "", severity: "", entity: "", words: "", page: 0, tpage: 0, flagged: false, focus: -1 };

  // el("p", {class: "x"}, "text", child) builds an element.
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  function href(file, line) { return data.hrefs[file] + "#L" + line; }
  function where(file, line, column) { return data.files[file] + ":" + line + (column ? ":" + column : ""); }

  // --- filters ---------------------------------------------------------
  function matchesWords(texts) {
    if (!state.words) return true;
    const w = state.words.toLowerCase();
    return texts.some((t) => t && t.toLowerCase().includes(w));
  }
  // Indices of the findings the filters keep.
  function shownFindings() {
    const out = [];
    data.findings.forEach((f, i) => {
      if (state.rule && f.rule !== state.rule) return;
      if (state.severity && f.severity !== state.severity) return;
      if (state.entity && f.entity !== state.entity) return;
      if (!matchesWords([f.title, f.why, f.rule].concat(f.figures.map((x) => data.files[x.file])))) return;
      out.push(i);
    });
    return out;
  }
  function shownTimelines() {
    const out = [];
    data.timelines.forEach((t, i) => {
      if (state.entity && t.entity !== state.entity) return;
      if (state.flagged && !t.worst) return;
      if (!matchesWords([t.entity, t.metric, t.unit, t.segment])) return;
      out.push(i);
    });
    return out;
  }

  // --- header ----------------------------------------------------------
  function header() {
    const s = data.summary;
    const counts = el("p", { class: "counts" },
      ...SEVERITIES.map((sev) => el("span", { class: "badge " + sev, id: "count-" + sev }, s[sev] + " " + sev)));
    const rules = el("table", { class: "rules" },
      el("tr", {}, el("th", {}, "findings"), el("th", {}, "rule"), el("th", {}, "what it checks")),
      ...data.rules.map((r) => el("tr", {},
        el("td", { class: "n" }, String(r.count)),
        el("td", {}, el("a", { onclick: () => { setFilter("rule", r.id); } }, el("code", {}, r.id))),
        el("td", {}, r.summary))));
    const unread = s.unread.length === 0 ? null :
      el("details", {}, el("summary", {}, s.unread.length + " files could not be read"),
        el("ul", {}, ...s.unread.map((u) => el("li", {}, u))));
    return el("header", {},
      el("h1", {}, "factcheck report"),
      el("p", { class: "summary", id: "summary" }, s.line),
      counts, data.rules.length ? rules : null, unread);
  }

  function filters() {
    const select = (name, label, values) => el("label", {}, label + " ",
      el("select", { id: "filter-" + name, onchange: (e) => setFilter(name, e.target.value) },
        el("option", { value: "" }, "all"), ...values.map((v) => el("option", { value: v }, v))));
    const entities = [...new Set(data.findings.map((f) => f.entity).concat(data.timelines.map((t) => t.entity)))]
      .filter(Boolean).sort();
    return el("nav", { class: "filters" },
      select("rule", "rule", data.rules.map((r) => r.id)),
      select("severity", "severity", SEVERITIES),
      el("label", {}, "entity ",
        el("input", { id: "filter-entity", list: "entities", placeholder: "any", size: 18,
          onchange: (e) => setFilter("entity", e.target.value.trim()) }),
        el("datalist", { id: "entities" }, ...entities.map((v) => el("option", { value: v })))),
      el("label", {}, "words ",
        el("input", { id: "filter-words", type: "search", placeholder: "path, metric, text", size: 18,
          oninput: (e) => setFilter("words", e.target.value.trim()) })));
  }

  function setFilter(name, value) {
    state[name] = value;
    state.page = 0; state.tpage = 0; state.focus = -1;
    const input = document.getElementById("filter-" + name);
    if (input && input.value !== value) input.value = value;
    draw();
  }

  // One page of `list`: state[key] is the page number (kept in range), and
  // the pager's buttons move it and bring `section` back into view.
  function paged(list, key, perPage, section) {
    const pages = Math.max(1, Math.ceil(list.length / perPage));
    state[key] = Math.min(state[key], pages - 1);
    const at = state[key], from = at * perPage;
    const go = (p) => { state[key] = p; draw(); document.getElementById(section).scrollIntoView(); };
    const pager = pages <= 1 ? el("div", { class: "pager" }) : el("div", { class: "pager" },
      el("button", { disabled: at === 0, onclick: () => go(at - 1) }, "‹ previous"),
      el("span", {}, "page " + (at + 1) + " of " + pages),
      el("button", { disabled: at + 1 >= pages, onclick: () => go(at + 1) }, "next ›"));
    return { from, items: list.slice(from, from + perPage), pager };
  }

  // --- findings --------------------------------------------------------
  function figureItem(x) {
    const place = el("a", { class: "where", href: href(x.file, x.line) }, where(x.file, x.line, x.column));
    if (!x.text) return el("li", {}, place);
    const sentence = x.before === null ? null :
      el("span", { class: "sentence" }, x.before, el("mark", {}, x.text), x.after);
    const timeline = x.timeline === null ? null :
      el("a", { href: "#t" + x.timeline, class: "to-timeline", onclick: (e) => { e.preventDefault(); jump(x.timeline); } },
        " timeline");
    return el("li", {}, place, timeline, sentence || el("span", { class: "sentence" }, el("mark", {}, x.text)),
      el("span", { class: "read" }, x.read),
      x.evidence ? el("span", { class: "evidence" }, x.evidence) : null);
  }

  function findingCard(f, i) {
    return el("article", { class: "finding " + f.severity, id: "f" + i, "data-rule": f.rule },
      el("h3", {}, el("span", { class: "badge " + f.severity }, f.severity), " ",
        el("code", {}, f.rule), " ", f.title, " ",
        el("span", { class: "conf" }, "· " + f.confidence + " confidence")),
      el("ul", { class: "figures" }, ...f.figures.map(figureItem)),
      f.why ? el("p", { class: "why" }, f.why) : null,
      ...f.notes.map((n) => el("p", { class: "note" }, n)));
  }

  function findingsSection() {
    const list = shownFindings();
    const { from, items: page, pager } = paged(list, "page", FINDINGS_PER_PAGE, "findings");
    const shown = list.length === 0 ? "No findings" + (data.findings.length ? " match the filters" : "") :
      "Findings " + (from + 1) + "–" + (from + page.length) + " of " + list.length +
      (list.length < data.findings.length ? " (" + data.findings.length + " in all)" : "");
    return el("section", { id: "findings" },
      el("h2", {}, "Findings"),
      el("p", { id: "shown", "data-count": list.length }, shown),
      el("div", { id: "finding-list" }, ...page.map((i) => findingCard(data.findings[i], i))),
      pager);
  }

  // --- timelines -------------------------------------------------------
  const compact = new Intl.NumberFormat("en", { notation: "compact", maximumSignificantDigits: 3 });
  function day(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }

  function scaleY(points) {
    const values = points.map((p) => p[2]);
    let lo = Math.min(...values), hi = Math.max(...values);
    const log = lo > 0 && hi / lo >= 50;
    if (log) {
      const [a, b] = [Math.log10(lo), Math.log10(hi)];
      return { log, lo, hi, at: (v) => (Math.log10(v) - a) / (b - a || 1) };
    }
    if (lo === hi) { lo -= Math.abs(lo) * 0.1 || 1; hi += Math.abs(hi) * 0.1 || 1; }
    return { log, lo, hi, at: (v) => (v - lo) / (hi - lo) };
  }

  function chart(t, y) {
    const W = 960, H = 180, L = 84, R = 16, T = 14, B = 30;
    const pts = t.points;
    let x0 = Math.min(...pts.map((p) => p[0])), x1 = Math.max(...pts.map((p) => p[1]));
    if (x1 - x0 < 60) { x0 -= 30; x1 += 30; }
    const pad = (x1 - x0) * 0.04;
    x0 -= pad; x1 += pad;
    const X = (d) => L + (d - x0) / (x1 - x0) * (W - L - R);
    const Y = (v) => H - B - y.at(v) * (H - T - B);
    const g = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img",
      "aria-label": t.entity + " " + t.metric + " over time" });
    g.append(svg("line", { class: "axis", x1: L, y1: H - B, x2: W - R, y2: H - B }));
    g.append(svg("line", { class: "axis", x1: L, y1: T, x2: L, y2: H - B }));
    for (const v of [y.lo, y.hi]) {
      g.append(svg("text", { class: "tick", x: L - 6, y: Y(v) + 4, "text-anchor": "end" },
        compact.format(v) + (t.unit === "%" ? "%" : "")));
    }
    for (const d of ticks(x0, x1)) {
      g.append(svg("text", { class: "tick", x: X(d[0]), y: H - 10, "text-anchor": "middle" }, d[1]));
    }
    const mid = (p) => (p[0] + p[1]) / 2;
    for (const [cls, keep] of [["actuals", (p) => !(p[3] & 1)], ["outlooks", (p) => p[3] & 1]]) {
      const line = pts.filter(keep).sort((a, b) => mid(a) - mid(b));
      if (line.length > 1) {
        g.append(svg("polyline", { class: cls, points: line.map((p) => X(mid(p)) + "," + Y(p[2])).join(" ") }));
      }
    }
    for (const p of pts) g.append(point(p, X, Y));
    return g;
  }

  // Year ticks when the span allows, else its first and last day.
  function ticks(x0, x1) {
    const y0 = new Date(x0 * 86400000).getUTCFullYear(), y1 = new Date(x1 * 86400000).getUTCFullYear();
    if (y1 - y0 >= 1 && y1 - y0 <= 12) {
      const out = [];
      for (let y = y0 + 1; y <= y1; y++) out.push([Date.UTC(y, 0, 1) / 86400000, String(y)]);
      return out;
    }
    return [[x0, day(Math.ceil(x0))], [x1, day(Math.floor(x1))]];
  }

  const SEVERITY_OF = { 2: "info", 4: "warning", 6: "error" };
  function point(p, X, Y) {
    const [start, end, value, flags, file, line, text, read] = p;
    const outlook = flags & 1, sev = SEVERITY_OF[flags & 6];
    const cx = X((start + end) / 2), cy = Y(value), r = sev ? 6 : 4.5;
    const mark = outlook ?
      svg("path", { d: "M" + cx + " " + (cy - r - 1) + "l" + (r + 1) + " " + (r + 1) + "l" + -(r + 1) + " " + (r + 1) +
        "l" + -(r + 1) + " " + -(r + 1) + "z" }) :
      svg("circle", { cx, cy, r });
    const title = svg("title", {});
    title.textContent = text + " — " + where(file, line) + " — " + read + (sev ? " — in a " + sev + " finding" : "");
    const a = svg("a", { href: href(file, line), class: "pt" + (outlook ? " outlook" : " actual") + (sev ? " sev-" + sev : ""),
      "data-file": data.files[file], "data-line": line, "data-text": text });
    a.append(title);
    if (end - start >= 2) a.append(svg("line", { class: "span", x1: X(start), y1: cy, x2: X(end + 1), y2: cy }));
    a.append(mark);
    return a;
  }

  function timelineCard(i) {
    const t = data.timelines[i];
    const y = scaleY(t.points);
    const name = [t.entity, t.metric, t.unit + (t.kind === "change" ? " (change)" : "")].concat(t.segment ? [t.segment] : []);
    return el("div", { class: "timeline" + (state.focus === i ? " focus" : ""), id: "t" + i, "data-points": t.points.length },
      el("h3", {}, t.worst ? el("span", { class: "badge " + t.worst }, t.worst) : null, t.worst ? " " : null,
        name.join(" · "), el("span", { class: "conf" }, " · " + t.points.length + " figures" + (y.log ? " · log scale" : ""))),
      chart(t, y));
  }

  function legend() {
    const icon = (child) => svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16" }, child);
    return el("p", { class: "legend" },
      icon(svg("circle", { cx: 8, cy: 8, r: 5, fill: "#607d8b" })), " actual · ",
      icon(svg("path", { d: "M8 2l6 6-6 6-6-6z", fill: "#fff", stroke: "#8e24aa", "stroke-width": 1.8 })),
      " target, forecast or estimate (dashed line) · ",
      icon(svg("circle", { cx: 8, cy: 8, r: 5, fill: "#c62828" })), " in a finding (ringed in its severity's colour). ",
      "A bar through a point spans its period. Each point links to its file and line.");
  }

  function jump(i) {
    state.entity = ""; state.words = ""; state.flagged = false; state.focus = i;
    for (const id of ["filter-entity", "filter-words"]) document.getElementById(id).value = "";
    const list = shownTimelines();
    state.tpage = Math.floor(list.indexOf(i) / TIMELINES_PER_PAGE);
    draw();
    document.getElementById("t" + i).scrollIntoView({ block: "center" });
  }

  function timelinesSection() {
    const list = shownTimelines();
    const { from, items: page, pager } = paged(list, "tpage", TIMELINES_PER_PAGE, "timelines");
    const flagged = el("label", {}, el("input", { type: "checkbox", id: "filter-flagged", checked: state.flagged,
      onchange: (e) => setFilter("flagged", e.target.checked) }), " only timelines with findings");
    return el("section", { id: "timelines" },
      el("h2", {}, "Timelines"),
      el("p", { id: "tshown", "data-count": list.length },
        list.length === 0 ? "No entity and metric has two dated figures" + (data.timelines.length ? " matching the filters" : "") :
          "Timelines " + (from + 1) + "–" + (from + page.length) + " of " + list.length +
          " (each entity and metric with two or more dated figures; those with findings first) "),
      flagged, legend(),
      el("div", { id: "timeline-list" }, ...page.map(timelineCard)),
      pager);
  }

  // --- page ------------------------------------------------------------
  const app = document.getElementById("app");
  let body = null;
  function draw() {
    const next = el("main", {}, findingsSection(), timelinesSection());
    if (body) body.replaceWith(next); else app.append(next);
    body = next;
  }
  app.append(header(), filters());
  draw();
  document.body.dataset.renderMs = Math.round(performance.now());
  document.body.dataset.ready = "1";
})();
