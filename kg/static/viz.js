/* kg network view. Reads the JSON in #kg-data, draws it with vis-network, and
 * builds every piece of text on screen with textContent: strings from articles
 * are never parsed as HTML. Sets window.kgReady once the graph is drawn. */
(function () {
  "use strict";

  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var N = D.nodes, E = D.edges;
  var nN = N.label.length, nE = E.from.length;
  var large = D.large;
  var many = nN > 150;  // hundreds of nodes: labels by importance, hubs first
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function plural(n, word, many) { return n.toLocaleString("en") + " " + (n === 1 ? word : (many || word + "s")); }
  function shade(hex, f) {
    var n = parseInt(hex.slice(1), 16), r = n >> 16, g = (n >> 8) & 255, b = n & 255;
    var m = function (c) { return Math.max(0, Math.min(255, Math.round(f < 0 ? c * (1 + f) : c + (255 - c) * f))); };
    return "#" + ((1 << 24) + (m(r) << 16) + (m(g) << 8) + m(b)).toString(16).slice(1);
  }
  // long names (event descriptions) are cut on the canvas; cards show them whole
  function short(text) { return text.length > 42 ? text.slice(0, 40).replace(/\s+\S*$/, "") + "…" : text; }
  function predLabel(p) { return p === "saidAbout" ? "said about" : p; }

  document.title = D.title;
  $("kg-title").textContent = D.title;

  // ------------------------------------------------------------ adjacency (for node cards and filters)
  var outE = [], inE = [];
  for (var i = 0; i < nN; i++) { outE.push([]); inE.push([]); }
  for (var j = 0; j < nE; j++) { outE[E.from[j]].push(j); inE[E.to[j]].push(j); }

  // ------------------------------------------------------------ vis data
  var groups = {};
  D.nodeTypes.forEach(function (t, k) {
    var border = shade(t.color, -0.3);
    groups["t" + k] = {
      shape: t.shape,
      color: { background: t.color, border: border,
               highlight: { background: shade(t.color, 0.25), border: "#1f2430" },
               hover: { background: shade(t.color, 0.2), border: border } }
    };
  });

  var nodeItems = new Array(nN);
  for (i = 0; i < nN; i++) {
    var item = { id: i, label: short(N.label[i]), group: "t" + N.type[i], value: Math.sqrt(N.degree[i] + 1) };
    if (N.x) { item.x = N.x[i]; item.y = N.y[i]; }
    nodeItems[i] = item;
  }

  // parallel edges between the same two nodes get curves of different roundness
  var pairCount = {}, pairSeen = {};
  if (!large) {
    for (j = 0; j < nE; j++) {
      var a = Math.min(E.from[j], E.to[j]), b = Math.max(E.from[j], E.to[j]);
      pairCount[a + "," + b] = (pairCount[a + "," + b] || 0) + 1;
    }
  }
  var edgeLabels = !large && nE <= 30;  // more would hide the graph; the legend and tooltips name them
  var edgeItems = new Array(nE);
  for (j = 0; j < nE; j++) {
    var p = D.predicates[E.pred[j]];
    var e = {
      id: j, from: E.from[j], to: E.to[j],
      color: { color: p.color, highlight: shade(p.color, -0.25), hover: shade(p.color, -0.15), opacity: large ? 0.55 : 0.85 },
      width: 1 + 1.6 * Math.log(1 + Math.max(1, E.sources[j])),
      dashes: p.dashed ? [6, 5] : false
    };
    if (edgeLabels) {
      e.label = predLabel(p.name);
      e.font = { size: 11, color: shade(p.color, -0.3), strokeWidth: 4, strokeColor: "#ffffff", align: "middle" };
    }
    if (!large) {
      var lo = Math.min(e.from, e.to), hi = Math.max(e.from, e.to), key = lo + "," + hi;
      var k2 = pairSeen[key] = (pairSeen[key] || 0) + 1;
      if (pairCount[key] > 1) {
        // alternate sides relative to the lower-numbered node, growing outwards
        var side = ((k2 % 2 === 1) === (e.from === lo)) ? "curvedCW" : "curvedCCW";
        e.smooth = { enabled: true, type: side, roundness: 0.12 + 0.14 * Math.floor((k2 - 1) / 2) + (k2 % 2 ? 0 : 0.06) };
      } else {
        e.smooth = { enabled: false };
      }
    }
    edgeItems[j] = e;
  }

  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var nodeOn = new Uint8Array(nN).fill(1), edgeOn = new Uint8Array(nE).fill(1);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return nodeOn[n.id] === 1; } });
  var edgeView = new vis.DataView(edges, { filter: function (x) { return edgeOn[x.id] === 1; } });

  var options = {
    autoResize: true,
    groups: groups,
    nodes: {
      borderWidth: 1.5,
      font: { size: 14, face: "system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif",
              color: "#1f2430", strokeWidth: 4, strokeColor: "#ffffff" },
      // zoomed out, a label shows only when it would be drawn at 11 px or more: hubs first
      scaling: { min: many ? 5 : 11, max: 34,
                 label: { enabled: true, min: many ? 12 : 14, max: many ? 48 : 22, drawThreshold: 8,
                          maxVisible: 30 } }
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.55 } },
      selectionWidth: 1.5,
      hoverWidth: 1,
      smooth: large ? false : { enabled: false }
    },
    physics: large ? false : {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -160, centralGravity: 0.015, springLength: 170, springConstant: 0.05,
                          damping: 0.5, avoidOverlap: 0.8 },
      // from precomputed positions (hundreds of nodes) a short polish, shorter the more nodes, is enough
      stabilization: { enabled: true, iterations: N.x ? Math.max(20, Math.min(120, Math.round(60000 / nN))) : 600,
                       updateInterval: 50, fit: true }
    },
    interaction: { hover: true, hoverConnectedEdges: !large, tooltipDelay: 60, hideEdgesOnDrag: large,
                   hideEdgesOnZoom: large, keyboard: false, multiselect: false },
    layout: { randomSeed: 7, improvedLayout: !large && nN <= 120 }
  };

  // Labels are sized for the screen, not the canvas: at the fitted zoom the best-connected labels
  // are drawn at 12-20 px whatever zoom fitting needed (never above 22 px when zooming in). vis
  // hides a label drawn smaller than drawThreshold - 1 px, so with more than LABELLED nodes the
  // threshold goes just above the (LABELLED + 1)-th largest label: the others appear as you zoom in.
  var LABELLED = 40;
  function extent(a) {
    var lo = Infinity, hi = -Infinity;
    for (var k = 0; k < a.length; k++) { if (a[k] < lo) lo = a[k]; if (a[k] > hi) hi = a[k]; }
    return [lo, hi];
  }
  function labelOptions(scale) {
    var lo = 12 / scale, hi = 20 / scale, threshold = 6;
    if (nN > LABELLED * 1.5) {
      var vals = nodeItems.map(function (n) { return n.value; });
      var vr = extent(vals), vmin = vr[0], vmax = vr[1];
      var vk = vals.slice().sort(function (a, b) { return b - a; })[LABELLED];
      var font = vmax === vmin ? lo : lo + (vk - vmin) / (vmax - vmin) * (hi - lo);
      threshold = font * scale + 1.05;
    }
    return { enabled: true, min: lo, max: hi, drawThreshold: threshold, maxVisible: 22 };
  }
  // After physics, once the fitted zoom is known (cheap below LARGE_GRAPH nodes).
  function tuneLabels(scale) {
    if (!nN) return;
    options.nodes.scaling.label = labelOptions(scale);
    network.setOptions({ nodes: { scaling: { label: options.nodes.scaling.label } } });
    network.body.emitter.emit("_dataChanged");  // vis sizes labels from the value range only when data changes
  }
  // With precomputed positions the fitted zoom is known before drawing: no second pass over 20,000 nodes.
  if (large && nN) {
    var xr = extent(N.x), yr = extent(N.y), box = $("kg-network");
    var fit = Math.min(box.clientWidth / (xr[1] - xr[0] + 60), box.clientHeight / (yr[1] - yr[0] + 60));
    options.nodes.scaling.label = labelOptions(isFinite(fit) && fit > 0 ? fit : 1);
  }

  var network = new vis.Network($("kg-network"), { nodes: nodeView, edges: edgeView }, options);

  // ------------------------------------------------------------ cards (tooltip and details)
  function pill(text, color) { var s = el("span", "kg-pill", text); s.style.background = color; return s; }

  function nodeCard(id, pinned) {
    var t = D.nodeTypes[N.type[id]];
    var card = el("div", "kg-card");
    card.appendChild(el("h3", null, N.label[id]));
    var meta = el("p", "kg-meta");
    meta.appendChild(pill(t.name, t.color));
    var bits = [];
    if (N.qid[id]) bits.push(N.qid[id]);
    if (N.extra[id]) bits.push(N.extra[id]);
    meta.appendChild(document.createTextNode(bits.join(" · ")));
    card.appendChild(meta);
    var counts = [plural(N.degree[id], "connection")];
    if (N.articles[id]) counts.push("mentioned in " + plural(N.articles[id], "article"));
    if (N.statements[id]) counts.push(plural(N.statements[id], "statement"));
    card.appendChild(el("p", "kg-meta", counts.join(" · ")));
    // what this node did and what was done to it, by predicate
    var rels = {}, order = [];
    function add(key, name) { if (!rels[key]) { rels[key] = []; order.push(key); } if (rels[key].indexOf(name) < 0) rels[key].push(name); }
    outE[id].forEach(function (j) { add(predLabel(D.predicates[E.pred[j]].name), N.label[E.to[j]]); });
    inE[id].forEach(function (j) {
      var pn = D.predicates[E.pred[j]].name;
      add(pn === "saidAbout" ? "spoken of by" : (pn === "attended" ? "attended by" : pn === "hosted" ? "hosted by" : pn + " by"),
          N.label[E.from[j]]);
    });
    var shown = pinned ? order.length : Math.min(order.length, 8);
    for (var r = 0; r < shown; r++) {
      var line = el("div", "kg-rels");
      line.appendChild(el("b", null, order[r] + " "));
      var names = rels[order[r]];
      var cap = pinned ? 40 : 5;
      line.appendChild(document.createTextNode(names.slice(0, cap).join(", ") + (names.length > cap ? " … +" + (names.length - cap) : "")));
      card.appendChild(line);
    }
    if (pinned) card.appendChild(el("p", "kg-iri", N.iri[id]));
    return card;
  }

  function edgeCard(j, pinned) {
    var p = D.predicates[E.pred[j]];
    var card = el("div", "kg-card");
    var h = el("h3");
    h.appendChild(document.createTextNode(N.label[E.from[j]] + " "));
    h.appendChild(pill(predLabel(p.name), p.color));
    h.appendChild(document.createTextNode(" " + N.label[E.to[j]]));
    card.appendChild(h);
    var n = E.sources[j];
    card.appendChild(el("p", "kg-meta", n ? plural(n, "source article") : "from the query (no source count)"));
    var ev = E.evidence[j];
    if (ev.length) {
      var ol = el("ol");
      var cap = pinned ? ev.length : Math.min(ev.length, 4);
      for (var k = 0; k < cap; k++) {
        var li = el("li");
        li.appendChild(el("q", null, ev[k][0]));
        li.appendChild(el("span", "kg-doc", D.docs[ev[k][1]]));
        ol.appendChild(li);
      }
      card.appendChild(ol);
      var more = (ev.length - cap) + E.more[j];
      if (more > 0) card.appendChild(el("p", "kg-more", "+ " + plural(more, "more sentence") + (pinned ? "" : " (click to pin)")));
    }
    return card;
  }

  // ------------------------------------------------------------ tooltip
  var tip = $("kg-tooltip"), main = $("kg-main");
  function showTip(card, dom) {
    tip.replaceChildren(card);
    tip.hidden = false;
    var W = main.clientWidth, H = main.clientHeight, w = tip.offsetWidth, h = tip.offsetHeight;
    var x = dom.x + 16, y = dom.y + 16;
    if (x + w > W - 8) x = Math.max(8, dom.x - w - 16);
    if (y + h > H - 8) y = Math.max(8, H - h - 8);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; }
  network.on("hoverNode", function (ev) { showTip(nodeCard(ev.node, false), ev.pointer.DOM); });
  network.on("hoverEdge", function (ev) { showTip(edgeCard(ev.edge, false), ev.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ------------------------------------------------------------ details (pinned)
  function pin(card) {
    $("kg-details").replaceChildren(card);
    $("kg-details-box").hidden = false;
  }
  function unpin() { $("kg-details-box").hidden = true; $("kg-details").replaceChildren(); }
  $("kg-details-close").addEventListener("click", function () { unpin(); network.unselectAll(); });
  network.on("click", function (ev) {
    if (ev.nodes.length) pin(nodeCard(ev.nodes[0], true));
    else if (ev.edges.length) pin(edgeCard(ev.edges[0], true));
    else unpin();
  });

  // ------------------------------------------------------------ legend and filters
  var typeOn = D.nodeTypes.map(function () { return true; });
  var predOn = D.predicates.map(function () { return true; });

  function applyFilters() {
    var allPreds = predOn.every(Boolean);
    var visDeg = new Int32Array(nN);
    for (var j = 0; j < nE; j++) {
      var on = predOn[E.pred[j]] && typeOn[N.type[E.from[j]]] && typeOn[N.type[E.to[j]]];
      edgeOn[j] = on ? 1 : 0;
      if (on) { visDeg[E.from[j]]++; visDeg[E.to[j]]++; }
    }
    for (var i = 0; i < nN; i++) nodeOn[i] = typeOn[N.type[i]] && (allPreds || visDeg[i] > 0) ? 1 : 0;
    nodeView.refresh();
    edgeView.refresh();
    updateStats();
  }

  function legendItem(list, entry, swatch, flags, index) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () { flags[index] = box.checked; applyFilters(); });
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", "kg-name", entry.name === "saidAbout" ? "said about" : entry.name));
    label.appendChild(el("span", "kg-count", entry.count.toLocaleString("en")));
    li.appendChild(label);
    list.appendChild(li);
  }
  D.nodeTypes.forEach(function (t, k) {
    var sw = el("span", "kg-swatch node " + t.shape);
    sw.style.background = t.color;
    legendItem($("kg-types"), t, sw, typeOn, k);
  });
  D.predicates.forEach(function (p, k) {
    var sw = el("span", "kg-swatch edge" + (p.dashed ? " dashed" : ""));
    sw.style.setProperty("--c", p.color);
    legendItem($("kg-preds"), p, sw, predOn, k);
  });
  Array.prototype.forEach.call(document.querySelectorAll(".kg-all"), function (btn) {
    btn.addEventListener("click", function () {
      var boxes = $(btn.dataset.for).querySelectorAll("input");
      var flags = btn.dataset.for === "kg-types" ? typeOn : predOn;
      var target = !Array.prototype.every.call(boxes, function (b) { return b.checked; });
      Array.prototype.forEach.call(boxes, function (b, k) { b.checked = target; flags[k] = target; });
      applyFilters();
    });
  });

  function updateStats() {
    var shownN = nodeView.length, shownE = edgeView.length;
    var text = plural(nN, "node") + " · " + plural(nE, "edge") + " · " + plural(D.docs.length, "source article");
    if (shownN !== nN || shownE !== nE) text = "showing " + shownN.toLocaleString("en") + " of " + plural(nN, "node") +
      ", " + shownE.toLocaleString("en") + " of " + plural(nE, "edge");
    $("kg-stats").textContent = text;
  }
  updateStats();
  D.notes.forEach(function (note) { $("kg-notes").appendChild(el("li", null, note)); });
  if (!nN) $("kg-notes").appendChild(el("li", null, "The graph is empty: nothing matched."));

  // ------------------------------------------------------------ search
  var search = $("kg-search"), msg = $("kg-search-msg");
  function find(q) {
    q = q.trim().toLowerCase();
    if (!q) { msg.textContent = ""; return; }
    var best = -1, bestRank = 9, count = 0;
    for (var i = 0; i < nN; i++) {
      if (!nodeOn[i]) continue;
      var l = N.label[i].toLowerCase(), at = l.indexOf(q);
      if (at < 0) continue;
      count++;
      var rank = l === q ? 0 : at === 0 ? 1 : 2;
      if (rank < bestRank || (rank === bestRank && N.degree[i] > N.degree[best])) { best = i; bestRank = rank; }
    }
    if (best < 0) { msg.textContent = "No shown node matches."; return; }
    msg.textContent = count === 1 ? "1 match" : count.toLocaleString("en") + " matches; showing the best connected";
    network.selectNodes([best]);
    network.focus(best, { scale: Math.max(network.getScale(), 1.1), animation: large ? false : { duration: 350 } });
    pin(nodeCard(best, true));
  }
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") find(search.value); });
  search.addEventListener("search", function () { find(search.value); });

  // ------------------------------------------------------------ ready
  function ready() {
    if (window.kgReady) return;
    $("kg-loading").hidden = true;
    if (D.focus.length) {
      network.selectNodes(D.focus);
      if (D.focus.length === 1) pin(nodeCard(D.focus[0], true));
    }
    window.kgReadyAt = performance.now();  // ms since navigation started: time to interactive
    window.kgReady = true;
    document.body.setAttribute("data-ready", "1");
  }
  function settle() {
    network.fit({ animation: false });
    if (!large) tuneLabels(network.getScale());
    network.once("afterDrawing", ready);
    network.redraw();
  }
  if (options.physics && nN) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      settle();
    });
  } else {
    network.once("afterDrawing", settle);
  }

  window.kg = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, data: D,
                nodeCard: nodeCard, edgeCard: edgeCard, applyFilters: applyFilters, find: find };
})();
