/* govreport-kg viewer: draws the graph from the embedded JSON and builds every
   panel with createElement/textContent, so no report string is ever parsed as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var sentences = data.sentences;
  var rules = data.rules;
  var reports = data.meta.reports;
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
  document.getElementById("kg-stats").textContent =
    data.nodes.length + " 个节点 · " + data.edges.length + " 条边 · " + reports.length + " 份报告";

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
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, shape: n.shape, color: n.color, size: n.size, title: tooltip(n) };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, k) {
    return { id: k, from: e.from, to: e.to, label: e.label, title: predicateText(e.label) };
  }));
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var loading = document.getElementById("kg-loading");
  var progressBar = document.getElementById("kg-progress-bar");
  var progressText = document.getElementById("kg-progress-text");

  function layoutDone() {
    // Stabilised once from the fixed seed; stop the simulation so the picture stays put.
    network.setOptions({ physics: false });
    loading.hidden = true;
    openFromHash();
  }
  if (data.nodes.length === 0) {
    loading.hidden = true;
    document.getElementById("kg-empty").hidden = false;
  } else {
    network.on("stabilizationProgress", function (p) {
      var pct = Math.round(100 * (p.total ? p.iterations / p.total : 1));
      progressBar.style.width = pct + "%";
      progressText.textContent = pct + "%";
    });
    network.once("stabilizationIterationsDone", layoutDone);
  }

  /* ---- class filter and legend ---- */
  var idsByClass = {};
  data.nodes.forEach(function (n) {
    (idsByClass[n.cls] = idsByClass[n.cls] || []).push(n.id);
  });
  var hiddenClass = {};
  var classBoxes = {};
  var classList = document.getElementById("kg-classes");
  data.classes.forEach(function (c) {
    var ids = idsByClass[c.name] || [];
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.disabled = ids.length === 0;
    box.addEventListener("change", function () { setClassVisible(c.name, box.checked); });
    classBoxes[c.name] = box;
    label.appendChild(box);
    label.appendChild(swatch(c.name));
    label.appendChild(el("span", null, c.zh + " " + c.name));
    label.appendChild(el("span", "kg-count", ids.length));
    li.appendChild(label);
    classList.appendChild(li);
  });

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
    if (i.nObs) renderObservations(section("观测（" + i.nObs + " 条）"), i);
    renderLinks(section("关系"), id);
    renderEvidence(section("证据（" + i.nEv + " 处提及）"), i.ev || [], i.nEv);
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function renderObservations(parent, i) {
    var byYear = i.cls === "Year";
    var many = reports.length > 1;
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
  function renderLinks(parent, id) {
    var items = edges.get(network.getConnectedEdges(id)).map(function (e) {
      var out = e.from === id;
      var other = out ? e.to : e.from;
      return { edge: e, out: out, other: other, name: nameOf(other) };
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
      if (data.edges[it.edge.id].nEv) {
        var b = el("button", "kg-small", "依据");
        b.type = "button";
        b.addEventListener("click", function () { openEdgePanel(it.edge.id); });
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
    var e = edges.get(edgeId);
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
    var ei = data.edges[edgeId];
    if (ei.rules) section("规则").appendChild(el("p", null, ei.rules.join("、")));
    renderEvidence(section("证据"), ei.ev || [], ei.nEv || 0);
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  network.on("click", function (params) {
    if (params.nodes.length) openPanel(params.nodes[0]);
    else if (params.edges.length) openEdgePanel(params.edges[0]);
    else closePanel();
  });

  /* ---- #Kind:label in the address opens that node ---- */
  function openFromHash() {
    var h = location.hash.replace(/^#/, "");
    if (!h) return;
    var id;
    try { id = decodeURIComponent(h); } catch (err) { return; }
    if (info[id]) focusNode(id);
  }
  window.addEventListener("hashchange", openFromHash);
})();
