/* govreport-kg viewer: draws the graph from the embedded JSON and builds every
   panel with createElement/textContent, so no report string is ever parsed as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var sentences = data.sentences;
  var rules = data.rules;
  var reports = data.meta.reports;
  // Several reports: the page opens on a picker and a table of targets and results, and draws
  // only the reports and kinds the reader chooses (see "many reports" below). One report is
  // drawn whole on opening.
  var many = reports.length > 1;
  var predicates = data.meta.predicates;
  var info = {};
  data.nodes.forEach(function (n) {
    if (n.name === undefined) n.name = n.label;
    info[n.id] = n;
  });
  var classByName = {};
  data.classes.forEach(function (c) { classByName[c.name] = c; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  function swatch(cls) {
    var c = classByName[cls];
    var s = el("span", "kg-shape kg-shape-" + (c ? c.shape : "dot"));
    if (c) s.style.backgroundColor = c.color;
    return s;
  }
  function className(cls) {
    var c = classByName[cls];
    return c ? c.zh : cls;
  }
  function nameOf(id) {
    return info[id] ? info[id].name : id;
  }
  function normalise(s) {
    return String(s).normalize("NFKC").toLowerCase();
  }

  document.getElementById("kg-title").textContent = data.meta.title;
  var stats = document.getElementById("kg-stats");
  stats.textContent = data.nodes.length + " 个节点 · " + data.edges.length + " 条边 · " + reports.length + " 份报告";

  /* ---- the network ---- */
  var TOOLTIP_OBSERVATIONS = 6;
  // A string title is shown by vis-network 9 with innerText: plain text, never HTML.
  function tooltip(n) {
    var c = classByName[n.cls];
    var subtype = "";
    (n.props || []).forEach(function (p) { if (p[0] === "subtype") subtype = p[1]; });
    var lines = [n.name, (c ? c.zh : n.cls) + (subtype ? " · " + subtype : "")];
    if (n.nObs) {
      lines.push(n.nObs + " 条观测");
      n.obs.slice(0, TOOLTIP_OBSERVATIONS).forEach(function (o) {
        lines.push((n.cls === "Year" ? o.indicator : o.year) + " " + statusText(o.status) + " " + o.value);
      });
      if (n.nObs > TOOLTIP_OBSERVATIONS) lines.push("…");
    } else if (n.cls !== "Report") {
      lines.push("提及 " + n.nEv + " 次");
    }
    lines.push("点击查看详情与证据");
    return lines.join("\n");
  }
  function statusText(status) {
    return data.meta.status[status] || status;
  }
  // No `label` for vis-network: the page draws the labels itself (see "labels" below).
  function visNode(n) {
    return { id: n.id, shape: n.shape, color: n.color, size: n.size, title: tooltip(n) };
  }
  function visEdge(k) {
    var e = data.edges[k];
    return { id: k, from: e.from, to: e.to, dashes: e.label === "target", title: predicateText(e.label) };
  }
  var container = document.getElementById("kg-network");
  var loading = document.getElementById("kg-loading");
  var progressBar = document.getElementById("kg-progress-bar");
  var progressText = document.getElementById("kg-progress-text");
  var empty = document.getElementById("kg-empty");
  var network = null, nodes = null, edges = null;
  var drawnIds = null; // many reports: the ids drawn now; one report: null, everything is drawn

  // For the browser's console and the tests: the network, and when its first layout was done.
  var viewer = window.kgViewer = { network: null, nodes: null, edges: null, readyMs: null, iterations: 0, drawnMs: null };

  function ready() {
    viewer.readyMs = performance.now(); // since the page started loading
    document.documentElement.setAttribute("data-kg-ready", "");
  }
  function isDrawn(id) {
    return drawnIds ? drawnIds[id] === true : info[id] !== undefined;
  }

  // Draws `nodeList` and the edges numbered `edgeIds` from a fixed seed, in a network of their
  // own: the same choice gives the same picture. `done` runs once the first layout is over.
  function drawGraph(nodeList, edgeIds, options, done) {
    if (network) network.destroy();
    nodes = new vis.DataSet(nodeList.map(visNode));
    edges = new vis.DataSet(edgeIds.map(visEdge));
    network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
    viewer.network = network; viewer.nodes = nodes; viewer.edges = edges; viewer.iterations = 0;
    indexClasses(nodeList);
    bindNetwork();
    empty.hidden = nodeList.length > 0;
    if (nodeList.length === 0) {
      loading.hidden = true;
      done();
      return;
    }
    loading.hidden = false;
    progressBar.style.width = "0%";
    progressText.textContent = "0%";
    network.on("stabilizationProgress", function (p) {
      var pct = Math.round(100 * (p.total ? p.iterations / p.total : 1));
      viewer.iterations = p.iterations;
      progressBar.style.width = pct + "%";
      progressText.textContent = pct + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      // Stabilised once from the fixed seed; stop the simulation so the picture stays put.
      network.setOptions({ physics: false });
      loading.hidden = true;
      done();
    });
  }

  /* ---- class filter and legend ---- */
  var idsByClass = {}; // of the nodes drawn
  var hiddenClass = {};
  var classBoxes = {};
  var classCounts = {};
  var classList = document.getElementById("kg-classes");
  /* One checkbox a class, with its swatch, its names and a count: the legend's and the picker's. */
  function classCheckboxes(list, boxes, counts, onChange) {
    data.classes.forEach(function (c) {
      var li = el("li");
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = c.name;
      box.addEventListener("change", function () { onChange(c.name, box.checked); });
      boxes[c.name] = box;
      label.appendChild(box);
      label.appendChild(swatch(c.name));
      label.appendChild(el("span", null, c.zh + " " + c.name));
      counts[c.name] = label.appendChild(el("span", "kg-count"));
      li.appendChild(label);
      list.appendChild(li);
    });
  }
  classCheckboxes(classList, classBoxes, classCounts, setClassVisible);
  function indexClasses(nodeList) {
    idsByClass = {};
    hiddenClass = {};
    nodeList.forEach(function (n) {
      (idsByClass[n.cls] = idsByClass[n.cls] || []).push(n.id);
    });
    data.classes.forEach(function (c) {
      var ids = idsByClass[c.name] || [];
      classBoxes[c.name].checked = true;
      classBoxes[c.name].disabled = ids.length === 0;
      classCounts[c.name].textContent = ids.length;
    });
  }

  function setClassVisible(cls, visible) {
    hiddenClass[cls] = !visible;
    if (classBoxes[cls]) classBoxes[cls].checked = visible;
    nodes.update((idsByClass[cls] || []).map(function (id) { return { id: id, hidden: !visible }; }));
    if (!visible && current && info[current] && info[current].cls === cls) closePanel();
  }

  /* ---- search: name or alias, Chinese input ---- */
  var searchIndex = data.nodes.map(function (n) {
    var keys = [n.name].concat(n.aliases || []);
    return { id: n.id, size: n.size || 0, keys: keys, norm: keys.map(normalise) };
  });
  var searchInput = document.getElementById("kg-search");
  var resultList = document.getElementById("kg-results");
  var hits = [];
  var active = 0;

  function findNodes(query) {
    var q = normalise(query).trim();
    if (!q) return [];
    var found = [];
    searchIndex.forEach(function (entry) {
      var best = 3, via = null;
      for (var k = 0; k < entry.norm.length; k++) {
        var at = entry.norm[k].indexOf(q);
        var score = at < 0 ? 3 : entry.norm[k] === q ? 0 : at === 0 ? 1 : 2;
        if (score < best) { best = score; via = k === 0 ? null : entry.keys[k]; }
      }
      if (best < 3) found.push({ id: entry.id, size: entry.size, score: best, via: via });
    });
    found.sort(function (a, b) {
      return a.score - b.score || b.size - a.size || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    return found.slice(0, 15);
  }

  function showResults() {
    hits = findNodes(searchInput.value);
    active = 0;
    clear(resultList);
    if (!searchInput.value.trim()) { resultList.hidden = true; return; }
    if (!hits.length) {
      var none = el("li");
      none.appendChild(el("div", "kg-none", "无匹配"));
      resultList.appendChild(none);
    }
    hits.forEach(function (h, k) {
      var li = el("li");
      li.setAttribute("role", "option");
      if (k === active) li.className = "kg-active";
      var b = el("button");
      b.type = "button";
      b.appendChild(swatch(info[h.id].cls));
      b.appendChild(el("span", null, info[h.id].name));
      if (h.via) b.appendChild(el("span", "kg-via", "别名 " + h.via));
      b.appendChild(el("span", "kg-cls", className(info[h.id].cls)));
      b.addEventListener("mousedown", function (e) { e.preventDefault(); });
      b.addEventListener("click", function () { pick(h.id); });
      li.appendChild(b);
      resultList.appendChild(li);
    });
    resultList.hidden = false;
  }
  function markActive() {
    Array.prototype.forEach.call(resultList.children, function (li, k) {
      li.className = k === active ? "kg-active" : "";
    });
  }
  function pick(id) {
    resultList.hidden = true;
    focusNode(id);
  }
  searchInput.addEventListener("input", showResults);
  searchInput.addEventListener("compositionend", showResults);
  searchInput.addEventListener("focus", function () { if (searchInput.value.trim()) showResults(); });
  searchInput.addEventListener("blur", function () { resultList.hidden = true; });
  searchInput.addEventListener("keydown", function (e) {
    if (e.isComposing || e.keyCode === 229) return; // still choosing characters in the IME
    if (e.key === "Enter") {
      if (hits.length) pick(hits[active].id);
      e.preventDefault();
    } else if (e.key === "ArrowDown" && hits.length) {
      active = (active + 1) % hits.length; markActive(); e.preventDefault();
    } else if (e.key === "ArrowUp" && hits.length) {
      active = (active + hits.length - 1) % hits.length; markActive(); e.preventDefault();
    } else if (e.key === "Escape") {
      resultList.hidden = true;
    }
  });

  function focusNode(id) {
    var i = info[id];
    if (!i) return;
    if (!isDrawn(id)) {
      // Not drawn (many reports): its panel alone, which offers to draw it.
      network.unselectAll();
      openPanel(id);
      return;
    }
    if (many) showHome(false);
    if (hiddenClass[i.cls]) setClassVisible(i.cls, true);
    openPanel(id);
    network.setSize("100%", "100%"); // the panel just took room: centre in what is left
    network.selectNodes([id]);
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.2),
      animation: { duration: 400, easingFunction: "easeInOutQuad" }
    });
  }

  /* ---- side panel ---- */
  var panel = document.getElementById("kg-panel");
  var panelBody = document.getElementById("kg-panel-body");
  var current = null;

  function closePanel() {
    panel.hidden = true;
    current = null;
  }
  document.getElementById("kg-panel-close").addEventListener("click", function () {
    closePanel();
    network.unselectAll();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && e.target !== searchInput) { closePanel(); network.unselectAll(); }
  });

  function section(title) {
    var s = el("section", "kg-section");
    s.appendChild(el("h3", null, title));
    panelBody.appendChild(s);
    return s;
  }
  function nodeButton(id) {
    var b = el("button", "kg-link");
    b.type = "button";
    b.appendChild(swatch(info[id] ? info[id].cls : ""));
    b.appendChild(document.createTextNode(nameOf(id)));
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function predicateText(label) {
    return predicates[label] ? label + " " + predicates[label] : label;
  }
  function cappedNote(parent, total, shown, what) {
    if (total > shown) parent.appendChild(el("p", "kg-note", "共 " + total + " 条" + what + "，仅显示前 " + shown + " 条"));
  }

  function openPanel(id) {
    var i = info[id];
    if (!i) return;
    current = id;
    clear(panelBody);
    var head = el("div", "kg-head");
    head.appendChild(swatch(i.cls));
    head.appendChild(el("h2", null, i.name));
    panelBody.appendChild(head);
    var c = classByName[i.cls];
    panelBody.appendChild(el("div", "kg-sub", (c ? c.zh + " · " + c.name : i.cls) + " · " + id));

    if (i.aliases && i.aliases.length) section("别名").appendChild(el("p", null, i.aliases.join("、")));
    if (i.props && i.props.length) {
      var dl = el("dl", "kg-props");
      i.props.forEach(function (p) {
        dl.appendChild(el("dt", null, data.meta.props[p[0]] || p[0]));
        dl.appendChild(el("dd", null, p[1]));
      });
      section("属性").appendChild(dl);
    }
    if (many && i.rs) renderReportsOf(section("报告（" + i.rs.length + " 份）"), id);
    if (i.nObs) renderObservations(section("观测（" + i.nObs + " 条）"), i);
    renderLinks(section("关系"), id);
    renderEvidence(section("证据（" + i.nEv + " 处提及）"), i.ev || [], i.nEv);
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function renderObservations(parent, i) {
    var byYear = i.cls === "Year";
    var table = el("table", "kg-obs");
    var tr = el("tr");
    var cols = ["年份"].concat(byYear ? ["指标"] : [], ["数值", "实际/目标", "地区", "类型"], many ? ["报告"] : []);
    cols.forEach(function (h) { tr.appendChild(el("th", null, h)); });
    var thead = el("thead");
    thead.appendChild(tr);
    table.appendChild(thead);
    var tbody = el("tbody");
    i.obs.forEach(function (o) {
      var row = el("tr");
      row.title = "规则 " + o.rule + " · [" + o.at[0] + ", " + o.at[1] + ")";
      row.appendChild(el("td", null, o.year));
      if (byYear) row.appendChild(el("td", null, o.indicator));
      row.appendChild(el("td", "kg-num", o.value));
      row.appendChild(el("td", o.status === "Target" ? "kg-target" : "kg-actual", statusText(o.status)));
      row.appendChild(el("td", null, o.place));
      row.appendChild(el("td", null, (data.meta.measure[o.measure] || o.measure) + (o.period ? "（" + o.period + "）" : "")));
      if (many) row.appendChild(el("td", null, reports[o.report].source));
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    parent.appendChild(table);
    cappedNote(parent, i.nObs, i.obs.length, "观测");
  }

  var LINK_CAP = 200;
  var edgesOf = {}; // node id → the numbers of its edges, drawn or not
  data.edges.forEach(function (e, k) {
    (edgesOf[e.from] = edgesOf[e.from] || []).push(k);
    if (e.to !== e.from) (edgesOf[e.to] = edgesOf[e.to] || []).push(k);
  });
  function renderLinks(parent, id) {
    var items = (edgesOf[id] || []).map(function (k) {
      var e = data.edges[k];
      var out = e.from === id;
      var other = out ? e.to : e.from;
      return { id: k, edge: e, out: out, other: other, name: nameOf(other) };
    });
    if (!items.length) { parent.appendChild(el("p", "kg-muted", "无")); return; }
    items.sort(function (a, b) {
      if (a.edge.label !== b.edge.label) return a.edge.label < b.edge.label ? -1 : 1;
      if (a.out !== b.out) return a.out ? -1 : 1;
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    });
    var ul = el("ul", "kg-links");
    items.slice(0, LINK_CAP).forEach(function (it) {
      var li = el("li");
      li.appendChild(el("span", "kg-rel", (it.out ? "→ " : "← ") + predicateText(it.edge.label)));
      li.appendChild(nodeButton(it.other));
      if (it.edge.nEv) {
        var b = el("button", "kg-small", "依据");
        b.type = "button";
        b.addEventListener("click", function () { openEdgePanel(it.id); });
        li.appendChild(b);
      }
      ul.appendChild(li);
    });
    parent.appendChild(ul);
    cappedNote(parent, items.length, Math.min(items.length, LINK_CAP), "关系");
  }

  function renderEvidence(parent, evidence, total) {
    if (!total) { parent.appendChild(el("p", "kg-muted", "无文本证据")); return; }
    cappedNote(parent, total, evidence.length, "证据");
    evidence.forEach(function (ev) {
      var box = el("div", "kg-ev");
      var meta = el("div", "kg-ev-meta");
      meta.appendChild(el("span", "kg-ev-src", reports[ev.r].source));
      meta.appendChild(el("span", "kg-ev-off", "[" + ev.b + ", " + ev.e + ")"));
      meta.appendChild(el("span", "kg-ev-rule", rules[ev.k]));
      box.appendChild(meta);
      var quote = el("blockquote", "kg-ev-text");
      var sent = ev.s !== undefined ? sentences[ev.s] : null;
      if (!sent || !fillHighlighted(quote, sent[2], sent[1], ev)) {
        if (sent) quote.appendChild(document.createTextNode(sent[2]));
        box.appendChild(el("div", "kg-note", "锚点：「" + (ev.a || "") + "」" + (sent ? "（与句子偏移不符）" : "（句子不可用）")));
      }
      box.appendChild(quote);
      parent.appendChild(box);
    });
  }

  // Offsets are code points; Array.from splits by code point, not UTF-16 unit.
  // Without `a` the page was built knowing the sentence holds the anchor at b..e.
  function fillHighlighted(quote, text, start, ev) {
    var cps = Array.from(text);
    var b = ev.b - start, e = ev.e - start;
    if (b < 0 || e > cps.length || b >= e) return false;
    if (ev.a !== undefined && cps.slice(b, e).join("") !== ev.a) return false;
    var ranges = [[b, e, "kg-anchor"]];
    if (ev.x) {
      var xb = ev.x[0] - start, xe = ev.x[1] - start;
      if (xb >= 0 && xe <= cps.length && xb < xe && (xe <= b || xb >= e)) ranges.push([xb, xe, "kg-ind"]);
    }
    ranges.sort(function (p, q) { return p[0] - q[0]; });
    var pos = 0;
    ranges.forEach(function (r) {
      if (r[0] > pos) quote.appendChild(document.createTextNode(cps.slice(pos, r[0]).join("")));
      var mark = el("mark", r[2], cps.slice(r[0], r[1]).join(""));
      mark.title = r[2] === "kg-anchor" ? "锚点 [" + ev.b + ", " + ev.e + ")" : "指标名 [" + ev.x[0] + ", " + ev.x[1] + ")";
      quote.appendChild(mark);
      pos = r[1];
    });
    if (pos < cps.length) quote.appendChild(document.createTextNode(cps.slice(pos).join("")));
    return true;
  }

  function openEdgePanel(edgeId) {
    var e = data.edges[edgeId];
    if (!e) return;
    current = null;
    clear(panelBody);
    var head = el("div", "kg-head");
    head.appendChild(el("h2", null, predicateText(e.label)));
    panelBody.appendChild(head);
    panelBody.appendChild(el("div", "kg-sub", "关系"));
    var p = el("p");
    p.appendChild(nodeButton(e.from));
    p.appendChild(document.createTextNode(" → "));
    p.appendChild(nodeButton(e.to));
    section("两端").appendChild(p);
    if (e.rules) section("规则").appendChild(el("p", null, e.rules.join("、")));
    renderEvidence(section("证据"), e.ev || [], e.nEv || 0);
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function onClick(params) {
    var onLabel = params.nodes.length ? null : labelAt(params.pointer.DOM);
    if (params.nodes.length) openPanel(params.nodes[0]);
    else if (onLabel) { network.selectNodes([onLabel]); openPanel(onLabel); }
    else if (params.edges.length) openEdgePanel(params.edges[0]);
    else closePanel();
  }

  /* ---- labels: drawn by the page, so they never pile up ---- */
  // vis-network draws every label, one over another where nodes are dense. Instead each
  // frame draws labels in order of importance — selected, hovered, then reports, years and
  // the most mentioned things — and skips any that would overlap one already drawn: the
  // first view names the big things, and zooming in names more.
  var LABEL_FACE = data.options.nodes && data.options.nodes.font ? data.options.nodes.font.face : "sans-serif";
  var LABEL_GAP = 3; // px kept free around each label
  var LABEL_CELL = 64; // px: side of a cell of the grid that finds neighbouring labels
  var LABEL_CAP = 600; // labels drawn at most per frame, so huge graphs stay smooth
  var LABEL_CLEAR_SIZE = 24; // nodes at least this big are not covered by other labels
  var CLASS_RANK = { Report: 0, Year: 1 };
  var labelOrder = data.nodes.slice().sort(function (a, b) {
    var ra = a.cls in CLASS_RANK ? CLASS_RANK[a.cls] : 2, rb = b.cls in CLASS_RANK ? CLASS_RANK[b.cls] : 2;
    return ra - rb || b.size - a.size || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  var labelWidth = {}; // id → width of its label at 100px, measured once
  var legend = document.getElementById("kg-legend");
  var hovered = { node: null, edge: null };
  viewer.labels = []; // what the last frame drew: {id, kind, x0, y0, x1, y1} in CSS pixels

  function bindNetwork() {
    hovered.node = hovered.edge = null;
    viewer.labels = [];
    network.on("click", onClick);
    network.on("hoverNode", function (p) { hovered.node = p.node; });
    network.on("blurNode", function () { hovered.node = null; });
    network.on("hoverEdge", function (p) { hovered.edge = p.edge; });
    network.on("blurEdge", function () { hovered.edge = null; });
    network.on("afterDrawing", drawLabels);
  }

  function labelPixels(n, scale, strong) {
    var base = n.cls in CLASS_RANK ? 14 : 12;
    return Math.round(Math.max(base - 1, Math.min(base + 3, base - 2 + 2.5 * scale))) + (strong ? 1 : 0);
  }

  function drawLabels(ctx) {
    var m = ctx.getTransform();
    var scale = network.getScale();
    var ratio = m.a / scale; // device pixels per CSS pixel
    var width = container.clientWidth, height = container.clientHeight;
    var grid = {};
    var drawn = [];
    var selected = {};
    network.getSelectedNodes().forEach(function (id) { selected[id] = true; });
    var positions = network.getPositions();
    function toScreen(p) {
      return { x: (m.a * p.x + m.e) / ratio, y: (m.d * p.y + m.f) / ratio };
    }
    function fits(box) {
      for (var cx = Math.floor(box[0] / LABEL_CELL); cx <= Math.floor(box[2] / LABEL_CELL); cx++) {
        for (var cy = Math.floor(box[1] / LABEL_CELL); cy <= Math.floor(box[3] / LABEL_CELL); cy++) {
          var cell = grid[cx + "," + cy];
          if (!cell) continue;
          for (var k = 0; k < cell.length; k++) {
            var o = cell[k];
            if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) return false;
          }
        }
      }
      return true;
    }
    function occupy(box) {
      for (var cx = Math.floor(box[0] / LABEL_CELL); cx <= Math.floor(box[2] / LABEL_CELL); cx++) {
        for (var cy = Math.floor(box[1] / LABEL_CELL); cy <= Math.floor(box[3] / LABEL_CELL); cy++) {
          (grid[cx + "," + cy] = grid[cx + "," + cy] || []).push(box);
        }
      }
    }
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    function put(id, kind, text, x, top, px, bold, colour, force) {
      if (labelWidth[kind + id] === undefined) {
        ctx.font = "100px " + LABEL_FACE;
        labelWidth[kind + id] = ctx.measureText(text).width;
      }
      var w = labelWidth[kind + id] * px / 100;
      var box = [x - w / 2 - LABEL_GAP, top - LABEL_GAP, x + w / 2 + LABEL_GAP, top + px * 1.2 + LABEL_GAP];
      if (box[2] < 0 || box[0] > width || box[3] < 0 || box[1] > height) return;
      if (!force && !fits(box)) return;
      occupy(box);
      ctx.font = (bold ? "bold " : "") + px + "px " + LABEL_FACE;
      ctx.strokeText(text, x, top);
      ctx.fillStyle = colour;
      ctx.fillText(text, x, top);
      drawn.push({ id: id, kind: kind, x0: box[0], y0: box[1], x1: box[2], y1: box[3] });
    }
    function putNode(n, strong) {
      var p = positions[n.id];
      if (!p || hiddenClass[n.cls]) return;
      var s = toScreen(p);
      put(n.id, "node", n.label, s.x, s.y + n.size * scale + LABEL_GAP + 1, labelPixels(n, scale, strong), strong, "#222222", strong);
    }
    function putEdge(k) {
      var e = data.edges[k];
      var a = positions[e.from], b = positions[e.to];
      if (!a || !b || hiddenClass[info[e.from].cls] || hiddenClass[info[e.to].cls]) return;
      var s = toScreen({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
      put(k, "edge", predicates[e.label] || e.label, s.x, s.y - 7, 11, false, "#666666", false);
    }
    // Nothing is drawn under the legend, where it could not be read.
    var frame = container.getBoundingClientRect(), key = legend.getBoundingClientRect();
    occupy([key.left - frame.left, key.top - frame.top, key.right - frame.left, key.bottom - frame.top]);
    // What the reader picked or points at is always named, in bold.
    Object.keys(selected).forEach(function (id) { if (info[id]) putNode(info[id], true); });
    if (hovered.node !== null && info[hovered.node] && !selected[hovered.node]) putNode(info[hovered.node], true);
    function putOther(n) {
      if (!selected[n.id] && n.id !== hovered.node) putNode(n, false);
    }
    // Then reports and years; then big nodes are kept clear of the labels that follow.
    var k = 0;
    for (; k < labelOrder.length && labelOrder[k].cls in CLASS_RANK; k++) putOther(labelOrder[k]);
    data.nodes.forEach(function (n) {
      var p = positions[n.id];
      if (n.size < LABEL_CLEAR_SIZE || !p || hiddenClass[n.cls]) return;
      var s = toScreen(p), r = n.size * scale;
      if (s.x + r >= 0 && s.x - r <= width && s.y + r >= 0 && s.y - r <= height) occupy([s.x - r, s.y - r, s.x + r, s.y + r]);
    });
    network.getSelectedEdges().forEach(putEdge);
    if (hovered.edge !== null && data.edges[hovered.edge]) putEdge(hovered.edge);
    for (; k < labelOrder.length && drawn.length < LABEL_CAP; k++) putOther(labelOrder[k]);
    ctx.restore();
    viewer.labels = drawn;
  }

  function labelAt(point) {
    for (var k = 0; k < viewer.labels.length; k++) {
      var b = viewer.labels[k];
      if (b.kind === "node" && point.x >= b.x0 && point.x <= b.x1 && point.y >= b.y0 && point.y <= b.y1) return b.id;
    }
    return null;
  }

  /* ---- many reports: a picker, the kinds to draw, and targets against their results ---- */
  var home = document.getElementById("kg-home");
  var homeButton = document.getElementById("kg-home-button");
  var backButton = document.getElementById("kg-back");
  var drawButton = document.getElementById("kg-draw");
  var drawCount = document.getElementById("kg-draw-count");
  var chosen = {}; // report number → true when ticked
  var reportBoxes = {};
  var kindBoxes = {};
  var kindCounts = {};

  function showHome(show) {
    home.hidden = !show;
    homeButton.disabled = show;
    if (show) closePanel();
  }

  function reportText(k) {
    var r = reports[k];
    return [r.region || "地区不明", r.year !== undefined ? r.year + "年" : "年份不明", r.source].join(" · ");
  }

  function buildPicker() {
    var counts = reports.map(function () { return 0; });
    data.nodes.forEach(function (n) { (n.rs || []).forEach(function (r) { counts[r]++; }); });
    var order = reports.map(function (r, k) { return k; });
    order.sort(function (a, b) {
      var ra = reports[a], rb = reports[b];
      var x = (ra.region || "") + "\u0000" + (ra.year || 0) + "\u0000" + ra.source;
      var y = (rb.region || "") + "\u0000" + (rb.year || 0) + "\u0000" + rb.source;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    var list = document.getElementById("kg-reports");
    order.forEach(function (k) {
      var li = el("li");
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.value = String(k);
      box.addEventListener("change", function () { chosen[k] = box.checked; updateCounts(); });
      reportBoxes[k] = box;
      label.appendChild(box);
      var text = el("span", "kg-rep");
      text.appendChild(el("span", "kg-rep-title", reports[k].title));
      text.appendChild(el("span", "kg-rep-meta", reportText(k) + " · " + counts[k] + " 个节点"));
      label.appendChild(text);
      li.appendChild(label);
      list.appendChild(li);
    });
    function tickAll(on) {
      reports.forEach(function (r, k) { chosen[k] = on; reportBoxes[k].checked = on; });
      updateCounts();
    }
    document.getElementById("kg-pick-all").addEventListener("click", function () { tickAll(true); });
    document.getElementById("kg-pick-none").addEventListener("click", function () { tickAll(false); });

    classCheckboxes(document.getElementById("kg-kinds"), kindBoxes, kindCounts, function () { updateCounts(); });
    drawButton.addEventListener("click", function () { drawChosen(null); });
    backButton.addEventListener("click", function () { showHome(false); });
    homeButton.addEventListener("click", function () { showHome(true); });
  }

  // What the ticked reports and kinds would draw: their nodes, and the edges a ticked report
  // states between two of them.
  function selection() {
    var picked = reports.map(function (r, k) { return k; }).filter(function (k) { return chosen[k]; });
    var perKind = {};
    var ids = {};
    var nodeList = data.nodes.filter(function (n) {
      if (!n.rs.some(function (r) { return chosen[r]; })) return false;
      perKind[n.cls] = (perKind[n.cls] || 0) + 1;
      if (!kindBoxes[n.cls] || !kindBoxes[n.cls].checked) return false;
      ids[n.id] = true;
      return true;
    });
    var edgeIds = [];
    data.edges.forEach(function (e, k) {
      if (ids[e.from] && ids[e.to] && e.rs.some(function (r) { return chosen[r]; })) edgeIds.push(k);
    });
    return { reports: picked, nodes: nodeList, ids: ids, edges: edgeIds, perKind: perKind };
  }

  function updateCounts() {
    var sel = selection();
    data.classes.forEach(function (c) { kindCounts[c.name].textContent = sel.perKind[c.name] || 0; });
    drawButton.disabled = sel.nodes.length === 0;
    drawCount.textContent = !sel.reports.length ? "请先勾选报告"
      : "将绘制 " + sel.nodes.length + " 个节点、" + sel.edges.length + " 条边"
        + (sel.nodes.length > LAYOUT.big ? "（较多，布局需要一些时间）" : "");
  }

  var LAYOUT = data.meta.layout || {};
  function layoutOptions(n) {
    var options = JSON.parse(JSON.stringify(data.options));
    options.physics.stabilization.iterations = Math.max(LAYOUT.min, Math.min(LAYOUT.max, Math.floor(LAYOUT.budget / Math.max(n, 1))));
    options.layout.improvedLayout = n <= LAYOUT.improved;
    options.interaction.hideEdgesOnDrag = n > LAYOUT.big;
    return options;
  }

  // Draws the ticked reports' nodes of the ticked kinds; `focusId`, if given, is focused after.
  function drawChosen(focusId) {
    var sel = selection();
    document.documentElement.removeAttribute("data-kg-drawn");
    closePanel();
    drawnIds = sel.ids;
    showHome(false);
    backButton.hidden = false;
    stats.textContent = "已绘制 " + sel.nodes.length + " 个节点 · " + sel.edges.length + " 条边 · "
      + sel.reports.length + " / " + reports.length + " 份报告";
    drawGraph(sel.nodes, sel.edges, layoutOptions(sel.nodes.length), function () {
      viewer.drawnMs = performance.now();
      document.documentElement.setAttribute("data-kg-drawn", "");
      if (focusId && isDrawn(focusId)) focusNode(focusId);
    });
  }

  // Ticks the reports that name node `id`, and its kind, and draws them with it in focus.
  function drawReportsOf(id) {
    var i = info[id];
    (i.rs || []).forEach(function (r) { chosen[r] = true; reportBoxes[r].checked = true; });
    if (kindBoxes[i.cls]) kindBoxes[i.cls].checked = true;
    updateCounts();
    drawChosen(id);
  }

  function renderReportsOf(parent, id) {
    var i = info[id];
    var ul = el("ul", "kg-links");
    (i.rs || []).forEach(function (r) {
      var li = el("li");
      li.appendChild(el("span", null, reports[r].title));
      li.appendChild(el("span", "kg-muted", reportText(r)));
      ul.appendChild(li);
    });
    parent.appendChild(ul);
    if (!isDrawn(id)) {
      var p = el("p", "kg-note", "未绘制：它所在的报告或类别没有勾选。");
      var b = el("button", "kg-small kg-draw-node", "绘制它所在的报告");
      b.type = "button";
      b.addEventListener("click", function () { drawReportsOf(id); });
      p.appendChild(document.createTextNode(" "));
      p.appendChild(b);
      parent.appendChild(p);
    }
  }

  /* targets and their results: a table sortable by any column */
  var OUTCOME_COLUMNS = [
    { key: "place", zh: "地区" },
    { key: "indicator", zh: "指标" },
    { key: "year", zh: "年份" },
    { key: "tv", zh: "目标" },
    { key: "av", zh: "结果" },
    { key: "met", zh: "是否达成" },
  ];
  var QUALIFIER_RULE = {
    AtLeast: "目标为“以上”：结果不低于目标即达成。",
    AtMost: "目标为“以内”：结果不高于目标即达成。",
    About: "目标为“左右”：结果与目标的差距在容差之内（百分数 0.5 个百分点，其他 2%）即达成。",
    Exact: "目标为确数：结果与目标的差距在容差之内（百分数 0.5 个百分点，其他 2%）即达成。",
  };
  var outcomeRows = (data.outcomes || []).map(function (o, n) { o.n = n; return o; });
  var outcomeSort = { key: null, dir: 1 };
  var outcomeHeads = {};

  function verdict(o) {
    var v = el("span", "kg-verdict " + (o.met ? "kg-met" : "kg-missed"), o.met ? "✓ 达成" : "✗ 未达成");
    v.title = o.met ? "met" : "missed";
    return v;
  }

  function buildOutcomes() {
    var table = document.getElementById("kg-outcomes");
    var met = outcomeRows.filter(function (o) { return o.met; }).length;
    document.getElementById("kg-outcomes-summary").textContent = outcomeRows.length
      ? outcomeRows.length + " 项目标有后续报告给出的结果：达成 " + met + " 项，未达成 " + (outcomeRows.length - met) + " 项。点击表头排序。"
      : "没有可对照的目标与结果：需要同一地区前后两年的报告，前一份定目标，后一份报结果。";
    if (!outcomeRows.length) { table.hidden = true; return; }
    var tr = el("tr");
    OUTCOME_COLUMNS.forEach(function (c) {
      var th = el("th");
      th.setAttribute("aria-sort", "none");
      var b = el("button", "kg-sort", c.zh);
      b.type = "button";
      b.appendChild(el("span", "kg-sort-mark", ""));
      b.addEventListener("click", function () { sortOutcomes(c.key); });
      th.appendChild(b);
      outcomeHeads[c.key] = th;
      tr.appendChild(th);
    });
    tr.appendChild(el("th", null, "依据"));
    table.tHead.appendChild(tr);
    fillOutcomes(outcomeRows);
  }

  function fillOutcomes(rows) {
    var tbody = document.getElementById("kg-outcomes").tBodies[0];
    clear(tbody);
    rows.forEach(function (o) {
      var tr = el("tr", o.met ? "kg-row-met" : "kg-row-missed");
      tr.title = "目标：" + reports[o.tr].title + "\n结果：" + reports[o.ar].title;
      tr.appendChild(el("td", null, o.place));
      var ind = el("td");
      ind.appendChild(nodeButton("Indicator:" + o.indicator));
      tr.appendChild(ind);
      tr.appendChild(el("td", "kg-num", o.year));
      tr.appendChild(el("td", "kg-num", o.target));
      var result = el("td", "kg-num", o.result);
      if (o.pre) {
        var pre = el("span", "kg-prelim", "预计");
        pre.title = "初步数：报告在年度数据公布前给出的结果";
        result.appendChild(pre);
      }
      tr.appendChild(result);
      var v = el("td");
      v.appendChild(verdict(o));
      tr.appendChild(v);
      var why = el("td");
      var b = el("button", "kg-small", "依据");
      b.type = "button";
      b.addEventListener("click", function () { openOutcomePanel(o); });
      why.appendChild(b);
      tr.appendChild(why);
      tbody.appendChild(tr);
    });
  }

  function compareBy(key) {
    return function (a, b) {
      var x = a[key], y = b[key];
      var c = typeof x === "string" ? x.localeCompare(y, "zh-CN") : x === y ? 0 : x < y ? -1 : 1;
      return c * outcomeSort.dir || a.n - b.n;
    };
  }

  function sortOutcomes(key) {
    outcomeSort.dir = outcomeSort.key === key ? -outcomeSort.dir : 1;
    outcomeSort.key = key;
    OUTCOME_COLUMNS.forEach(function (c) {
      var th = outcomeHeads[c.key];
      var on = c.key === key;
      th.setAttribute("aria-sort", on ? (outcomeSort.dir > 0 ? "ascending" : "descending") : "none");
      th.querySelector(".kg-sort-mark").textContent = on ? (outcomeSort.dir > 0 ? " ▲" : " ▼") : "";
    });
    fillOutcomes(outcomeRows.slice().sort(compareBy(key)));
  }

  function openOutcomePanel(o) {
    current = null;
    clear(panelBody);
    var head = el("div", "kg-head");
    head.appendChild(swatch("Indicator"));
    head.appendChild(el("h2", null, o.indicator));
    panelBody.appendChild(head);
    panelBody.appendChild(el("div", "kg-sub", "目标与结果 · " + o.place + " · " + o.year + "年"));
    var judged = section("判定");
    var p = el("p");
    p.appendChild(verdict(o));
    p.appendChild(document.createTextNode(" 目标 " + o.target + " → 结果 " + o.result + (o.pre ? "（预计）" : "")));
    judged.appendChild(p);
    judged.appendChild(el("p", "kg-note", QUALIFIER_RULE[o.q] || ""));
    var t = section("目标 · " + reports[o.tr].title);
    renderEvidence(t, [o.tev], 1);
    var a = section("结果 · " + reports[o.ar].title);
    renderEvidence(a, [o.aev], 1);
    section("指标").appendChild(nodeButton("Indicator:" + o.indicator));
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  /* ---- #Kind:label in the address opens that node ---- */
  function openFromHash() {
    var h = location.hash.replace(/^#/, "");
    if (!h) return;
    var id;
    try { id = decodeURIComponent(h); } catch (err) { return; }
    if (!info[id]) return;
    if (isDrawn(id)) focusNode(id);
    else if (many) drawReportsOf(id);
  }
  window.addEventListener("hashchange", openFromHash);

  /* ---- start ---- */
  if (many) {
    homeButton.hidden = false;
    buildPicker();
    buildOutcomes();
    updateCounts();
    drawnIds = {};
    drawGraph([], [], data.options, function () {});
    empty.textContent = "勾选报告与类别后绘制";
    showHome(true);
    ready();
    openFromHash();
  } else {
    drawGraph(data.nodes, data.edges.map(function (e, k) { return k; }), data.options, function () {
      ready();
      openFromHash();
    });
  }
})();
